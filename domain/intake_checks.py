"""Checks on a referral form that name every offending item at once, each by its place in the
form, so a referrer can fix them all in one go. Messages name only our own identifiers (question
ids, option values) and dates the rules compare; an unknown question id is named by its place.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from domain.instruments import Instrument

Path = tuple[str | int, ...]

NEEDS_A_REASON = ("refused", "not_sought")


@dataclass(frozen=True)
class Issue:
    """One offending item: where it is in the form, and what is wrong with it."""

    path: Path
    detail: str


def answer_issues(instrument: Instrument, answers: Mapping[str, str]) -> list[Issue]:
    """Risk instruments: every question answered once, with one of its own options."""
    questions = {q.id: q for q in instrument.questions}
    issues = []
    for question_id, value in answers.items():
        question = questions.get(question_id)
        if question is None:
            issues.append(Issue((question_id,), f"not a question of {instrument.label}"))
        elif value not in question.option_values():
            issues.append(Issue((question_id,),
                                f"not one of {', '.join(question.option_values())}"))
    issues += [Issue((q.id,), "missing: every question needs an answer")
               for q in instrument.questions if q.id not in answers]
    return issues


def date_issues(referral_date: date, today: date, births: Iterable[tuple[Path, date | None]],
                incidents: Sequence[date], last_marac: date | None = None) -> list[Issue]:
    """A referral is not dated in the future (the panel's calendar); nobody is born, and no
    incident or earlier MARAC happens, after it."""
    issues = []
    if referral_date > today:
        issues.append(Issue(("referral_date",),
                            f"in the future: today is {today.isoformat()} (Europe/London)"))
    issues += [Issue(path, "after the referral date") for path, born in births
               if born is not None and born > referral_date]
    issues += [Issue(("incident_dates", n), "after the referral date")
               for n, day in enumerate(incidents) if day > referral_date]
    if last_marac is not None and last_marac > referral_date:
        issues.append(Issue(("last_marac_date",), "after the referral date"))
    return issues


def reason_issues(consent_status: str, consent_reason: str | None, victim_aware: bool,
                  unaware_reason: str | None) -> list[Issue]:
    """Consent refused or not sought needs the reason; so does a victim not told of the
    referral."""
    issues = []
    if consent_status in NEEDS_A_REASON and not _said(consent_reason):
        issues.append(Issue(("consent", "reason"),
                            "consent refused or not sought: give the reason"))
    if not victim_aware and not _said(unaware_reason):
        issues.append(Issue(("victim_unaware_reason",),
                            "the victim is not aware of the referral: give the reason"))
    return issues


def _said(text: str | None) -> bool:
    return bool(text and text.strip())
