"""Complete, valid referral bodies for the contract (OpenAPI examples on the request body),
addressed to the demo panels; the tests submit exactly these. All names are fictional."""

from typing import Any

from api.panels.demo_ids import COMMUNITY_MARAC, NORTH_MARAC

# 15 of the 24 DASH questions answered yes: visible high risk (14 or more).
_DASH_YES = {1, 2, 3, 5, 6, 8, 10, 11, 12, 14, 15, 17, 21, 22, 23}

DASH_REFERRAL: dict[str, Any] = {
    "panel_id": str(NORTH_MARAC),
    "external_reference": "DEMO-OCC-2026-000123",
    "referral_date": "2026-03-10",
    "referrer": {"name": "PC Demo Example", "role": "Officer in case",
                 "email": "pc.demo@example.invalid", "phone": "01632 960000"},
    "victim": {"given_names": "Alex", "family_name": "Example", "date_of_birth": "1990-05-01",
               "postcode": "ZZ1 1AA", "gender": "female", "safe_to_call": False,
               "preferred_contact": "email"},
    "perpetrators": [{"given_names": "Sam", "family_name": "Sample",
                      "date_of_birth": "1988-02-02", "relationship_to_victim": "ex-partner"}],
    "children": [{"given_names": "Kim", "family_name": "Example", "date_of_birth": "2018-01-01",
                  "school": "Demo Primary School"}],
    "relationships": [{"person": "perpetrator.0", "other": "victim",
                       "relationship": "ex-partner"},
                      {"person": "child.0", "other": "victim", "relationship": "child"}],
    "reason": "Escalating abuse since separation; strangulation reported at the last incident.",
    "risks_identified": ["strangulation", "threats to kill", "stalking"],
    "actions_taken": "Perpetrator arrested and bailed with conditions; IDVA referral made.",
    "victim_aware": True,
    "consent": {"status": "given", "method": "verbal", "obtained_by": "PC Demo Example",
                "obtained_on": "2026-03-09"},
    "victim_fears": "The perpetrator's brother",
    "incident_dates": ["2025-11-02", "2026-01-15", "2026-03-08"],
    "risk_assessment": {"instrument_key": "dash", "instrument_version": "2009-v1",
                        "answers": {f"q{n}": "yes" if n in _DASH_YES else "no"
                                    for n in range(1, 25)}},
}

COMMUNITY_REFERRAL: dict[str, Any] = {
    "panel_id": str(COMMUNITY_MARAC),
    "external_reference": "DEMO-ASB-2026-0042",
    "referral_date": "2026-03-10",
    "referrer": {"name": "Demo Housing Officer", "email": "housing.demo@example.invalid"},
    "victim": {"given_names": "Jo", "family_name": "Example", "date_of_birth": "1961-09-14",
               "postcode": "ZZ9 9ZZ"},
    "reason": "Weekly harassment and damage by neighbours for over six months; the victim, who "
              "has significant mental-health needs, no longer leaves home.",
    "victim_aware": True,
    "consent": {"status": "given", "method": "written"},
    "professional_judgement": "Serious concern: the victim is isolated and the ASB escalating.",
    "risk_assessment": {"instrument_key": "asb-matrix", "instrument_version": "2024-v1",
                        "answers": {"mental_health": "significant", "disability": "none",
                                    "isolation": "yes", "targeted": "no", "fear": "very",
                                    "health": "some", "daily_life": "some",
                                    "frequency": "weekly", "duration": "over_6_months",
                                    "escalation": "worse", "reports": "0_to_1"}},
    "community": {"vulnerabilities": ["mental_health"],
                  "multi_agency_need": "Housing, mental health and police must act together.",
                  "steps_already_taken": ["Warning letters to the neighbours",
                                          "Mental-health team informed"]},
}

EXAMPLES = {
    "dash": {"summary": "Domestic-abuse MARAC: a DASH checklist at visible high risk",
             "value": DASH_REFERRAL},
    "community": {"summary": "Community MARAC: ASB matrix, vulnerability and steps taken",
                  "value": COMMUNITY_REFERRAL},
}
