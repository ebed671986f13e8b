"""Sharing test helpers: a proposer and a manager of the world's agency, and a decision taken
through its steps via the API."""

import uuid
from dataclasses import dataclass
from typing import Any

from fastapi.testclient import TestClient

from api.security.principal import Principal, Role
from tests.support.principals import user

DECISIONS = "/api/v1/information-sharing-decisions"
REFUSED = {"status": "refused", "reason": "The victim fears retaliation."}


@dataclass(frozen=True)
class Staff:
    proposer: Principal
    approver: Principal


def staff(world: Any) -> Staff:
    on_panel = {world.panel.id: [Role.agency_representative]}
    return Staff(user(world.agency.id, on_panel),
                 user(world.agency.id, on_panel, is_sharing_approver=True))


def decision_body(referral_id: str | uuid.UUID, **overrides: Any) -> dict[str, Any]:
    body = {
        "referral_id": str(referral_id),
        "at_risk": "The victim and her child.",
        "risk_from": "Her former partner.",
        "concerns": "Threats to kill after separation; strangulation last week.",
        "legal_grounds": [{"ground": "vital_interests",
                           "explanation": "A serious risk of harm to life."},
                          {"ground": "prevention_or_detection_of_crime",
                           "explanation": "Further assaults are likely."}],
        "necessity": "Only a multi-agency plan can keep her safe.",
        "proportionality": "Only what the plan needs is shared, with MARAC members only.",
        "without_sharing": "Agencies would act alone, unaware of the threats.",
        "consultations": [{"consulted": "Safeguarding lead", "consulted_on": "2026-11-24"}],
        "victim_told": False,
        "victim_not_told_reason": "Telling her now would raise the risk.",
        "review_date": "2026-12-09",
    }
    body.update(overrides)
    return body


def step(client: TestClient, decision: dict[str, Any], path: str,
         body: dict[str, Any] | None = None) -> Any:
    """POSTs a step with the decision's current ETag; answers the response."""
    current = client.get(f"{DECISIONS}/{decision['id']}")
    return client.post(f"{DECISIONS}/{decision['id']}/{path}", json=body or {},
                       headers={"If-Match": current.headers["ETag"]})


def approved(client: TestClient, act_as: Any, world: Any, referral_id: str) -> dict[str, Any]:
    """Proposed and submitted by a representative, approved by their manager."""
    people = staff(world)
    act_as(people.proposer)
    proposed = client.post(DECISIONS, json=decision_body(referral_id))
    assert proposed.status_code == 201, proposed.text
    assert step(client, proposed.json(), "submission").status_code == 200
    act_as(people.approver)
    done = step(client, proposed.json(), "approval", {"reason": "Risk to life outweighs."})
    assert done.status_code == 200, done.text
    return dict(done.json())
