"""A decision to share without consent: drafted, submitted, then approved or refused by a
manager who is not its proposer (four eyes); an approved one may be withdrawn, never deleted."""

import enum
from datetime import date

from domain.errors import DecisionStateError, FourEyesError, ReviewDateError
from domain.sharing_gate import DecisionStatus


class DecisionAction(enum.StrEnum):
    edit = "edit"
    submit = "submit"
    approve = "approve"
    refuse = "refuse"
    withdraw = "withdraw"


_NEXT = {
    (DecisionStatus.drafted, DecisionAction.edit): DecisionStatus.drafted,
    (DecisionStatus.drafted, DecisionAction.submit): DecisionStatus.submitted,
    (DecisionStatus.submitted, DecisionAction.approve): DecisionStatus.approved,
    (DecisionStatus.submitted, DecisionAction.refuse): DecisionStatus.refused,
    (DecisionStatus.approved, DecisionAction.withdraw): DecisionStatus.withdrawn,
}


def next_status(status: DecisionStatus, action: DecisionAction) -> DecisionStatus:
    """Drafted -> submitted -> approved or refused; approved -> withdrawn; only drafts change."""
    try:
        return _NEXT[(status, action)]
    except KeyError:
        raise DecisionStateError(
            f"A {status.value} sharing decision cannot be {_PAST[action]}.") from None


_PAST = {DecisionAction.edit: "edited", DecisionAction.submit: "submitted",
         DecisionAction.approve: "approved", DecisionAction.refuse: "refused",
         DecisionAction.withdraw: "withdrawn"}


def check_four_eyes(proposer: object, decider: object) -> None:
    """Kent Appendix F: caseworker signature and manager approval are two people."""
    if proposer == decider:
        raise FourEyesError("The proposer of a sharing decision cannot approve or refuse it.")


def check_review_date(review_date: date, today: date) -> None:
    """A review date is set for today or later."""
    if review_date < today:
        raise ReviewDateError("The review date is in the past.")


# A refused or withdrawn decision is settled; any other is still reviewed on its date.
UNDER_REVIEW = (DecisionStatus.drafted, DecisionStatus.submitted, DecisionStatus.approved)


def review_overdue(review_date: date, today: date, status: DecisionStatus) -> bool:
    """A decision not yet settled (refused or withdrawn) past its review date is overdue."""
    return status in UNDER_REVIEW and review_date < today
