"""Referral request bodies for tests: a complete, valid form unless told otherwise."""

import uuid
from typing import Any


def dash_answers(yes: int) -> dict[str, str]:
    """A DASH checklist with `yes` yes answers and the rest no."""
    return {f"q{n}": "yes" if n <= yes else "no" for n in range(1, 25)}


def person(given: str, family: str, **extra: Any) -> dict[str, Any]:
    return {"given_names": given, "family_name": family, **extra}


def referral_body(panel_id: uuid.UUID, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "panel_id": str(panel_id),
        "referral_date": "2026-03-10",
        "referrer": {"name": "PC Test", "email": "pc.test@example.test"},
        "victim": person("Alex", "Example", date_of_birth="1990-05-01", postcode="ZZ1 1AA",
                         safe_to_call=False, preferred_contact="email"),
        "perpetrators": [person("Sam", "Sample", date_of_birth="1988-02-02")],
        "children": [person("Kim", "Example", date_of_birth="2018-01-01", school="Test School")],
        "relationships": [{"person": "perpetrator.0", "other": "victim",
                           "relationship": "ex-partner"}],
        "reason": "Escalating abuse after separation.",
        "risks_identified": ["strangulation"],
        "victim_aware": True,
        "consent": {"status": "given", "method": "verbal"},
        "victim_fears": "The perpetrator's brother",
        "risk_assessment": {"instrument_key": "dash", "instrument_version": "2009-v1",
                            "answers": dash_answers(15)},
    }
    body.update(overrides)
    return body
