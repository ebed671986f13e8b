"""Small request helpers for the meeting tests: accepted referrals and meetings via the API."""

import uuid
from typing import Any

from fastapi.testclient import TestClient

from tests.referrals.factories import referral_body

MEETINGS = "/api/v1/meetings"
HEARINGS = "/api/v1/hearings"


def accepted_referral(client: TestClient, panel_id: uuid.UUID, referral_date: str,
                      **overrides: Any) -> dict[str, Any]:
    """Submits and accepts a referral as the current caller (a coordinator)."""
    submitted = client.post("/api/v1/referrals", json=referral_body(
        panel_id, referral_date=referral_date, **overrides))
    assert submitted.status_code == 201, submitted.text
    accepted = client.post(f"/api/v1/referrals/{submitted.json()['id']}/triage",
                           json={"outcome": "accept_new_case",
                                 # factory victims share a name: each test case is a new victim
                                 "not_repeat_reason": "A different person of the same name"},
                           headers={"If-Match": submitted.headers["ETag"]})
    assert accepted.status_code == 200, accepted.text
    return dict(accepted.json())


def add_meeting(client: TestClient, panel_id: uuid.UUID, held_on: str,
                **extra: Any) -> dict[str, Any]:
    response = client.post(MEETINGS, json={"panel_id": str(panel_id), "held_on": held_on,
                                           **extra})
    assert response.status_code == 201, response.text
    return {**response.json(), "etag": response.headers["ETag"]}


def schedule(client: TestClient, panel_id: uuid.UUID) -> list[dict[str, Any]]:
    response = client.post(f"{HEARINGS}/schedule", json={"panel_id": str(panel_id)})
    assert response.status_code == 200, response.text
    return list(response.json()["items"])


def hearings(client: TestClient, panel_id: uuid.UUID, **query: str) -> list[dict[str, Any]]:
    response = client.get(HEARINGS, params={"panel_id": str(panel_id), **query})
    assert response.status_code == 200, response.text
    return list(response.json()["items"])
