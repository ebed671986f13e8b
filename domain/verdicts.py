"""What a referral assessment returns: every criterion, met or not, and why."""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from domain.dates import age_on
from domain.errors import MissingRationaleError, WrongInstrumentError
from domain.scoring import ScoredAssessment


class Criterion(StrEnum):
    """The referral criteria of domestic-abuse and community panels."""

    VISIBLE_HIGH_RISK = "visible_high_risk"
    PROFESSIONAL_JUDGEMENT = "professional_judgement"
    ESCALATION = "escalation"
    REPEAT = "repeat"
    AGE = "age"
    VULNERABILITY = "vulnerability"
    SIGNIFICANT_RISK = "significant_risk"
    MULTI_AGENCY_NEED = "multi_agency_need"
    STEPS_ALREADY_TAKEN = "steps_already_taken"


@dataclass(frozen=True)
class CriterionResult:
    """One criterion, whether it is met, and the reason a coordinator reads."""

    criterion: Criterion
    met: bool
    reason: str


@dataclass(frozen=True)
class Verdict:
    """Referral criteria: record every criterion met and why, not only the first."""

    eligible: bool
    criteria: tuple[CriterionResult, ...]

    def result(self, criterion: Criterion) -> CriterionResult:
        """The result for one criterion; asking for one the panel kind lacks is a bug."""
        return {r.criterion: r for r in self.criteria}[criterion]

    @property
    def met(self) -> tuple[Criterion, ...]:
        """The criteria that are met, in the order they are listed."""
        return tuple(r.criterion for r in self.criteria if r.met)


def age_result(date_of_birth: date, referral_date: date, floor: int, who: str) -> CriterionResult:
    """Age floor: the person must be at least the panel's floor on the referral date."""
    if age_on(date_of_birth, referral_date) >= floor:
        return CriterionResult(Criterion.AGE, True, f"{who} is {floor} or over at referral")
    return CriterionResult(Criterion.AGE, False, f"{who} is under {floor} at referral")


def require_instrument(assessment: ScoredAssessment, instrument_key: str) -> None:
    """A panel scores referrals on its own instrument; another one's score means nothing here."""
    if assessment.instrument_key != instrument_key:
        raise WrongInstrumentError(
            f"this panel scores referrals on '{instrument_key}',"
            f" not '{assessment.instrument_key}'"
        )


def has_rationale(text: str | None, claim: str) -> bool:
    """A claim (professional judgement...) is absent (None) or has a written reason; never blank."""
    if text is None:
        return False
    if not text.strip():
        raise MissingRationaleError(f"{claim} needs a written rationale")
    return True
