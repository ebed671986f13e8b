"""An agency's developer with only an API key and the API: find the panel, read its checklist,
build a DASH referral from the questions the API gives, submit it, amend it, find it again by
the agency's own reference. Nothing here comes from our source (no question ids, no answer
values, no ids): only from what the API answers."""

from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from api.security.principal import Scope
from tests.support.auth import api_key_headers, make_agency, make_panel

REFERENCE = "OCC/2026/000777"


def _answers(instrument: dict[str, Any], at_risk: bool) -> dict[str, str]:
    """Enough of the heaviest answers to meet the threshold (or one short), the rest the
    lightest: the panel's own weights and threshold decide."""
    answers, score = {}, 0
    for question in sorted(instrument["questions"], key=lambda q: q["order"]):
        options = sorted(question["options"], key=lambda o: o["weight"])
        wanted = instrument["threshold"] if at_risk else instrument["threshold"] - 1
        pick = options[-1] if score + options[-1]["weight"] <= wanted else options[0]
        answers[question["id"]] = pick["value"]
        score += pick["weight"]
    return answers


def _referral(panel: dict[str, Any], instrument: dict[str, Any], at_risk: bool) -> dict[str, Any]:
    return {
        "panel_id": panel["id"], "external_reference": REFERENCE,
        "referral_date": "2026-02-02",
        "referrer": {"name": "DC Partner", "email": "dc.partner@example.test"},
        "victim": {"given_names": "Robin", "family_name": "Integrator",
                   "date_of_birth": "1985-07-07", "postcode": "ZZ2 2ZZ"},
        "perpetrators": [{"given_names": "Chris", "family_name": "Partner"}],
        "relationships": [{"person": "perpetrator.0", "other": "victim",
                           "relationship": "partner"}],
        "reason": "Threats to kill after the victim tried to leave.",
        "victim_aware": True, "consent": {"status": "given", "method": "written"},
        "risk_assessment": {"instrument_key": instrument["key"],
                            "instrument_version": instrument["version"],
                            "answers": _answers(instrument, at_risk)},
    }


def test_an_integrator_posts_a_first_referral_from_the_api_alone(
        client: TestClient, session: Session) -> None:
    agency = make_agency(session, name="Partner Constabulary")
    make_panel(session, agency, name="Partner MARAC")
    key = api_key_headers(session, agency, Scope.referrals_submit, Scope.referrals_read)

    # The panel the agency was told to refer to, by name (others may accept ad-hoc referrals).
    [panel] = [p for p in client.get("/api/v1/panels", headers=key).json()["items"]
               if p["name"] == "Partner MARAC"]
    assert panel["kind"] == "domestic_abuse"
    assert {m["agency_id"] for m in panel["member_agencies"]} == {str(agency.id)}
    instrument = client.get(f"/api/v1/panels/{panel['id']}/instrument", headers=key).json()
    assert (instrument["key"], instrument["version"]) == (
        panel["risk_instrument"]["key"], panel["risk_instrument"]["version"])

    submitted = client.post("/api/v1/referrals", headers=key,
                            json=_referral(panel, instrument, at_risk=True))
    assert submitted.status_code == 201, submitted.text
    assert submitted.json()["eligible"] is True
    assert submitted.json()["risk_assessment"]["score"] == instrument["threshold"]

    location = submitted.headers["Location"]
    amended = client.put(location, headers=key | {"If-Match": submitted.headers["ETag"]},
                         json=_referral(panel, instrument, at_risk=False))
    assert amended.status_code == 200, amended.text
    assert amended.json()["eligible"] is False  # the verdict is worked out again
    assert amended.headers["ETag"] != submitted.headers["ETag"]

    found = client.get("/api/v1/referrals", headers=key,
                       params={"external_reference": REFERENCE}).json()["items"]
    assert [r["id"] for r in found] == [submitted.json()["id"]]
    versions = client.get(f"{location}/versions", headers=key).json()["items"]
    assert [v["referral"]["eligible"] for v in versions] == [True, False]
