"""The sharing gate: a case's details go to agencies only on a lawful basis, the victim's
consent or an approved decision to share without it (Kent protocol 3 and 5.1, Appendix F)."""

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal


class DecisionStatus(enum.StrEnum):
    drafted = "drafted"
    submitted = "submitted"
    approved = "approved"
    refused = "refused"
    withdrawn = "withdrawn"


class LegalGround(enum.StrEnum):
    """The grounds on which information may be shared without consent (domain.md)."""

    prevention_or_detection_of_crime = "prevention_or_detection_of_crime"
    apprehension_or_prosecution_of_offenders = "apprehension_or_prosecution_of_offenders"
    vital_interests = "vital_interests"
    administration_of_justice = "administration_of_justice"
    statutory_functions = "statutory_functions"
    court_order = "court_order"
    overriding_public_interest = "overriding_public_interest"
    child_protection = "child_protection"
    right_to_life = "right_to_life"
    freedom_from_torture_or_degrading_treatment = "freedom_from_torture_or_degrading_treatment"


CONSENT_GIVEN = "given"


@dataclass(frozen=True)
class DecisionFacts:
    """What the gate needs of a sharing decision: its id and where it stands."""

    id: str
    status: DecisionStatus


@dataclass(frozen=True)
class Basis:
    """The lawful basis a disclosure rests on: consent, or the decision that covers it."""

    kind: Literal["consent", "decision"]
    decision_id: str | None = None


@dataclass(frozen=True)
class MissingBasis:
    """No basis: the consent on record and what became of any decision, to say what is missing."""

    consent: str | None
    pending: bool
    withdrawn: bool

    @property
    def detail(self) -> str:
        consent = (self.consent or "unknown").replace("_", " ")
        text = (f"No basis to share this case: consent is {consent} and no approved sharing "
                "decision covers it")
        if self.pending:
            return text + " (a sharing decision awaits approval)."
        if self.withdrawn:
            return text + " (its sharing decision was withdrawn)."
        return text + "."


def sharing_basis(consent: str | None, decisions: Iterable[DecisionFacts]) -> Basis | MissingBasis:
    """Gate: consent given is a basis; otherwise an approved, not withdrawn decision is (the
    last one given, callers pass them oldest first); otherwise the case waits for a basis."""
    if consent == CONSENT_GIVEN:
        return Basis("consent")
    facts = list(decisions)
    approved = [d for d in facts if d.status is DecisionStatus.approved]
    if approved:
        return Basis("decision", approved[-1].id)
    statuses = {d.status for d in facts}
    return MissingBasis(consent=consent,
                        pending=bool(statuses & {DecisionStatus.drafted, DecisionStatus.submitted}),
                        withdrawn=DecisionStatus.withdrawn in statuses)
