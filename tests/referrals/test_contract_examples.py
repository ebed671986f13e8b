"""The contract's example referral bodies are complete and valid: submitted exactly as the
OpenAPI document gives them, only addressed to the test's panel."""

import pytest
from fastapi import FastAPI

from tests.support.world import make_world

URL = "/api/v1/referrals"


def _examples(app: FastAPI) -> dict[str, dict]:
    operation = app.openapi()["paths"][URL]["post"]
    examples = operation["requestBody"]["content"]["application/json"]["examples"]
    return {name: example["value"] for name, example in examples.items()}


@pytest.mark.parametrize(("name", "kind", "instrument"), [
    ("dash", "domestic_abuse", ("dash", "2009-v1", 14)),
    ("community", "community", ("asb-matrix", "2024-v1", 25)),
])
def test_each_example_is_accepted_and_eligible(client, act_as, session, app, name, kind,
                                               instrument):
    key, version, threshold = instrument
    world = make_world(session, kind=kind, age_floor=16 if kind == "domestic_abuse" else 18,
                       risk_instrument_key=key, risk_instrument_version=version,
                       risk_threshold=threshold)
    act_as(world.coordinator)
    body = _examples(app)[name] | {"panel_id": str(world.panel.id)}
    response = client.post(URL, json=body)
    assert response.status_code == 201, response.text
    assert response.json()["eligible"] is True
    assert response.json()["external_reference"] == body["external_reference"]
