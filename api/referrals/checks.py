"""The referral form's rules, checked together: one problem names every offending item, each
with a JSON Pointer into the body, so a referrer fixes them all in one go."""

from datetime import date

from api.errors import RULE_PROBLEMS, pointer
from api.panels.repository import PanelRules
from api.problems import FieldError, Problem, RuleViolation
from api.referrals.schemas import ReferralCreate
from domain import intake_checks
from domain.errors import (
    DomainError,
    InvalidAnswerError,
    InvalidDateOrderError,
    MissingRationaleError,
    WrongInstrumentError,
)
from domain.instruments import Instrument
from domain.intake_checks import Issue

Found = list[tuple[type[DomainError] | None, list[Issue], tuple[str | int, ...]]]


def check_form(body: ReferralCreate, panel: PanelRules, instrument: Instrument | None,
               today: date) -> None:
    """Refuses the form with every issue at once; the problem type names the rule broken when
    only one is (rule-invalid-answer...), rule-violation when several are."""
    found: Found = [
        (InvalidDateOrderError, _dates(body, today), ()),
        (MissingRationaleError, intake_checks.reason_issues(
            body.consent.status, body.consent.reason, body.victim_aware,
            body.victim_unaware_reason), ()),
        (None, _relationships(body), ()),
        *_assessment(body, panel, instrument),
    ]
    broken = [(rule, issues, base) for rule, issues, base in found if issues]
    if not broken:
        return
    errors = [FieldError(pointer=pointer(("body", *base, *issue.path)), detail=issue.detail)
              for _, issues, base in broken for issue in issues]
    rule = broken[0][0] if len(broken) == 1 else None
    problem: type[Problem] = RULE_PROBLEMS.get(rule, RuleViolation) if rule else RuleViolation
    raise problem(f"{len(errors)} item(s) of the referral break its rules; see errors.",
                  errors=errors)


def _dates(body: ReferralCreate, today: date) -> list[Issue]:
    births: list[tuple[tuple[str | int, ...], date | None]] = [
        (("victim", "date_of_birth"), body.victim.date_of_birth)]
    for group in ("perpetrators", "children", "household_members"):
        births += [((group, n, "date_of_birth"), p.date_of_birth)
                   for n, p in enumerate(getattr(body, group))]
    return intake_checks.date_issues(body.referral_date, today, births, body.incident_dates,
                                     body.last_marac_date)


def _relationships(body: ReferralCreate) -> list[Issue]:
    """Each relationship names people the referral lists (perpetrator.0 needs a perpetrator)."""
    sizes = {"perpetrator": len(body.perpetrators), "child": len(body.children),
             "household_member": len(body.household_members)}
    issues = []
    for n, link in enumerate(body.relationships):
        for end in ("person", "other"):
            role, _, index = getattr(link, end).partition(".")
            if role != "victim" and int(index) >= sizes[role]:
                issues.append(Issue(("relationships", n, end),
                                    f"names a {role.replace('_', ' ')} the referral does not "
                                    f"list (it lists {sizes[role]})"))
    return issues


def _assessment(body: ReferralCreate, panel: PanelRules, instrument: Instrument | None) -> Found:
    submitted = body.risk_assessment
    if submitted is None or instrument is None:
        return []
    used = (panel.risk_instrument_key, panel.risk_instrument_version)
    if (submitted.instrument_key, submitted.instrument_version) != used:
        wrong = Issue(("instrument_version",),
                      f"this panel scores referrals on '{used[0]}' version '{used[1]}'")
        return [(WrongInstrumentError, [wrong], ("risk_assessment",))]
    return [(InvalidAnswerError, intake_checks.answer_issues(instrument, submitted.answers),
             ("risk_assessment", "answers"))]
