"""The decisions list in pages: a cursor walks a panel's decisions by review date, each once,
with the filters holding on every page; a cursor the schema refuses is a problem document."""

import uuid

import pytest

from tests.meetings.helpers import accepted_referral
from tests.sharing.helpers import DECISIONS, REFUSED, decision_body, staff

REVIEW_DATES = ["2026-12-11", "2026-12-09", "2026-12-10", "2026-12-09", "2026-12-11",
                "2026-12-09", "2026-12-10"]


def _decisions(client, act_as, world) -> list[dict]:
    act_as(world.coordinator)
    referral = accepted_referral(client, world.panel.id, "2026-11-18", consent=REFUSED)
    act_as(staff(world).proposer)
    made = []
    for review_date in REVIEW_DATES:
        response = client.post(DECISIONS, json=decision_body(referral["id"],
                                                              review_date=review_date))
        assert response.status_code == 201, response.text
        made.append(response.json())
    return made


def _walk(client, params: dict, limit: int) -> list[str]:
    seen: list[str] = []
    cursor = None
    for _ in range(len(REVIEW_DATES) + 2):
        page = client.get(DECISIONS, params={**params, "limit": limit,
                                             **({"cursor": cursor} if cursor else {})})
        assert page.status_code == 200, page.text
        body = page.json()
        assert len(body["items"]) <= limit
        seen += [item["id"] for item in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            return seen
    raise AssertionError("the pages never ended")


def test_pages_return_every_decision_once_by_review_date_then_id(client, act_as, world,
                                                                  clock):
    made = _decisions(client, act_as, world)
    expected = [d["id"] for d in sorted(made, key=lambda d: (d["review_date"],
                                                              uuid.UUID(d["id"])))]
    act_as(world.coordinator)
    params = {"panel_id": str(world.panel.id)}
    for limit in (1, 2, 3, len(made) - 1):
        assert _walk(client, params, limit) == expected, limit
    whole = client.get(DECISIONS, params={**params, "limit": len(made)}).json()
    assert [d["id"] for d in whole["items"]] == expected and whole["next_cursor"] is None


def test_filters_and_access_hold_on_every_page(client, act_as, world, clock):
    made = _decisions(client, act_as, world)
    act_as(world.coordinator)
    params = {"panel_id": str(world.panel.id), "status": "drafted"}
    assert sorted(_walk(client, params, 2)) == sorted(d["id"] for d in made)
    assert _walk(client, {**params, "status": "submitted"}, 2) == []
    act_as(staff(world).proposer)  # their agency's decisions: all of these
    assert len(_walk(client, {"panel_id": str(world.panel.id)}, 3)) == len(made)


@pytest.mark.parametrize("cursor", ["0", "A" * 31, "A" * 33, "A" * 31 + "=", "A" * 31 + ".",
                                    "bm90LWEtY3Vyc29y"])
def test_a_tampered_cursor_is_a_problem_document(client, act_as, world, cursor):
    act_as(world.coordinator)
    response = client.get(DECISIONS, params={"panel_id": str(world.panel.id),
                                             "cursor": cursor})
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["status"] == 422


@pytest.mark.parametrize("cursor", ["A" * 32, "_" * 32, "-" * 32, "AAAAAAAAAAB_" + "z" * 20])
def test_every_cursor_the_schema_allows_is_a_position(client, act_as, world, clock, cursor):
    made = _decisions(client, act_as, world)
    act_as(world.coordinator)
    response = client.get(DECISIONS, params={"panel_id": str(world.panel.id),
                                             "cursor": cursor})
    assert response.status_code == 200, response.text
    ids = [d["id"] for d in response.json()["items"]]
    assert set(ids) <= {d["id"] for d in made}
