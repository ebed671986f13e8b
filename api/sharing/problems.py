"""Information sharing's own problem types: a missing basis, and a decision's broken rules."""

from api.problems import define_problem, register

SharingBasisMissing = define_problem(
    409, "sharing-basis-missing", "No basis to share the case",
    "A case's details go to agencies only with the victim's consent or an approved decision to "
    "share without it; the detail names each case and the basis it is missing.")
DecisionState = define_problem(
    409, "sharing-decision-state", "The sharing decision cannot take this step",
    "Drafted -> submitted -> approved or refused; only an approved decision is withdrawn and "
    "only a draft is edited.")
FourEyes = define_problem(
    403, "sharing-decision-four-eyes", "The proposer cannot decide",
    "A manager other than the caseworker who proposed a sharing decision approves or refuses it.")
NotAnApprover = define_problem(
    403, "sharing-decision-not-approver", "Not a sharing approver for this agency",
    "Only a user an administrator made a sharing approver, of the proposing agency, approves "
    "or refuses its decisions.")
ReviewDatePast = define_problem(
    422, "sharing-decision-review-date-past", "Review date in the past",
    "A sharing decision's review date is today or later.")

register(SharingBasisMissing, DecisionState, FourEyes, NotAnApprover, ReviewDatePast)
