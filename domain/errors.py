"""Rule violations the domain raises; the API maps each `code` to a problem type.

Messages name only counts, dates of meetings and referrals, and identifiers from our own
data (instrument keys, question ids, option values). They never hold personal data and never
echo input the domain did not recognise, since that input may be personal data.
"""

from typing import ClassVar


class DomainError(Exception):
    """A MARAC rule was broken; `code` is stable and names the rule."""

    code: ClassVar[str] = "domain-error"

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if "code" not in cls.__dict__:
            raise TypeError(f"{cls.__name__} must declare its own stable code")


class AnswerCountError(DomainError):
    """An assessment must answer every question of its instrument exactly once."""

    code = "answer-count"


class InvalidAnswerError(DomainError):
    """An answer names a question or option the instrument does not have, or repeats one."""

    code = "invalid-answer"


class UnknownInstrumentError(DomainError):
    """No instrument is registered under that key and version."""

    code = "unknown-instrument"


class InvalidInstrumentError(DomainError):
    """An instrument definition is malformed (duplicate ids, no options, bad threshold...)."""

    code = "invalid-instrument"


class WrongInstrumentError(DomainError):
    """A referral was scored on an instrument its panel does not use."""

    code = "wrong-instrument"


class MissingRationaleError(DomainError):
    """A claim that needs a written reason (professional judgement...) came without one."""

    code = "missing-rationale"


class UnknownVulnerabilityError(DomainError):
    """Community MARAC recognises five kinds of vulnerability, no others."""

    code = "unknown-vulnerability"


class InvalidDateOrderError(DomainError):
    """Dates are in an impossible order (a meeting before its referral, a birth after it...)."""

    code = "invalid-date-order"


class UnknownSubdivisionError(DomainError):
    """Bank holidays are known for ENG, WLS, SCT and NIR only."""

    code = "unknown-subdivision"


class NotAWorkingDayError(DomainError):
    """Meetings are held on working days, so deadlines counted from them are well defined."""

    code = "not-a-working-day"


class InvalidConfigError(DomainError):
    """A panel setting is out of range (a negative number of days, a zero-month window...)."""

    code = "invalid-config"


class DecisionStateError(DomainError):
    """A sharing decision does not stand where the step needs it (approving a withdrawn one)."""

    code = "sharing-decision-state"


class FourEyesError(DomainError):
    """Kent Appendix F: a manager other than the caseworker who proposed it approves."""

    code = "sharing-decision-four-eyes"


class ReviewDateError(DomainError):
    """A sharing decision's review date is today or later, never already past."""

    code = "sharing-decision-review-date"
