"""Listing and reading referrals: pagination and who sees what."""

import uuid
from datetime import UTC, datetime

import pytest

from api.common import cursor as pagination
from api.security.principal import Role, Scope
from tests.referrals.factories import referral_body
from tests.support.principals import api_key, user
from tests.support.world import make_world

URL = "/api/v1/referrals"


def _submit(client, panel_id: uuid.UUID, n: int = 1) -> list[str]:
    ids = []
    for _ in range(n):
        response = client.post(URL, json=referral_body(panel_id))
        assert response.status_code == 201, response.text
        ids.append(response.json()["id"])
    return ids


def test_pagination_walks_every_page_without_duplicates(client, act_as, world):
    act_as(world.coordinator)
    created = _submit(client, world.panel.id, 7)
    seen: list[str] = []
    cursor = None
    while True:
        params = {"panel_id": str(world.panel.id), "limit": 3}
        if cursor:
            params["cursor"] = cursor
        page = client.get(URL, params=params).json()
        assert len(page["items"]) <= 3
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert sorted(seen) == sorted(created) and len(seen) == len(set(seen))
    assert seen == list(reversed(created))


def test_filters_and_bad_cursor(client, act_as, world):
    act_as(world.coordinator)
    _submit(client, world.panel.id)
    params = {"panel_id": str(world.panel.id)}
    assert len(client.get(URL, params={**params, "status": "submitted"}).json()["items"]) == 1
    assert client.get(URL, params={**params, "status": "accepted"}).json()["items"] == []
    assert client.get(URL, params={**params, "submitted_from": "2099-12-31"}).json()["items"] == []
    until = client.get(URL, params={**params, "submitted_to": "2099-12-31"}).json()
    assert len(until["items"]) == 1
    assert client.get(URL, params={"cursor": "bm90LWEtY3Vyc29y"}).status_code == 422
    assert client.get(URL, params={"limit": 101}).status_code == 422


@pytest.mark.parametrize("cursor", ["A" * 32, "_" * 32, "-" * 32, "AAAAAAAAAAB_" + "z" * 20])
def test_every_cursor_the_schema_allows_is_a_position(client, act_as, world, cursor):
    act_as(world.coordinator)
    for url in (URL, "/api/v1/cases"):
        response = client.get(url, params={"cursor": cursor})
        assert response.status_code == 200, (url, response.text)
        assert isinstance(response.json()["items"], list)


@pytest.mark.parametrize("cursor", ["0", "A" * 31, "A" * 33, "A" * 31 + "=", "A" * 31 + "."])
def test_a_cursor_outside_the_pattern_is_refused(client, act_as, world, cursor):
    act_as(world.coordinator)
    for url in (URL, "/api/v1/cases"):
        assert client.get(url, params={"cursor": cursor}).status_code == 422, url


def test_cursors_round_trip_and_clamp_past_the_year_9999():
    at = datetime(2026, 11, 23, 18, 30, 1, 123456, tzinfo=UTC)
    row = uuid.uuid4()
    assert pagination.decode(pagination.encode(at, row)) == (at, row)
    assert len(pagination.encode(at, row)) == 32
    latest, _ = pagination.decode("_" * 32)
    assert latest.year == 9999


@pytest.mark.parametrize("day", ["0", "20240101", "2024-1-1", "2024-02-30", "1899-12-31", "1"])
def test_date_filters_take_only_real_yyyy_mm_dd_days(client, act_as, world, day):
    act_as(world.coordinator)
    for name in ("submitted_from", "submitted_to"):
        response = client.get(URL, params={name: day})
        assert response.status_code == 422, (name, day)
        assert response.json()["errors"][0]["pointer"] == f"/query/{name}"


def test_another_panels_referral_is_404_and_not_listed(client, act_as, world, session):
    other = make_world(session)
    act_as(other.coordinator)
    [theirs] = _submit(client, other.panel.id)
    act_as(world.coordinator)
    assert client.get(f"{URL}/{theirs}").status_code == 404
    assert theirs not in [i["id"] for i in client.get(URL).json()["items"]]
    assert client.get(f"{URL}/{theirs}/match-candidates").status_code == 404


def test_a_referrer_sees_their_agencys_referrals_only(client, act_as, world, session):
    act_as(world.coordinator)
    [coordinators] = _submit(client, world.panel.id)
    colleague = user(world.agency.id, {world.panel.id: [Role.referrer]})
    stranger_agency = make_world(session).agency
    stranger = user(stranger_agency.id, {world.panel.id: [Role.referrer]})
    act_as(colleague)
    [own] = _submit(client, world.panel.id)
    assert client.get(f"{URL}/{coordinators}").status_code == 200  # same agency
    act_as(stranger)
    assert client.get(f"{URL}/{own}").status_code == 404
    assert client.get(URL).json()["items"] == []


def test_panel_wide_roles_see_the_panels_referrals(client, act_as, world, session):
    act_as(world.coordinator)
    [rid] = _submit(client, world.panel.id)
    outsider = make_world(session).agency
    for role in (Role.agency_representative, Role.idva, Role.chair):
        act_as(user(outsider.id, {world.panel.id: [role]}))
        assert client.get(f"{URL}/{rid}").status_code == 200, role


def test_analysts_and_panel_less_administrators_see_no_person(client, act_as, world):
    act_as(world.coordinator)
    [rid] = _submit(client, world.panel.id)
    act_as(user(world.agency.id, {world.panel.id: [Role.analyst]}))
    assert client.get(URL).status_code == 403
    assert client.get(f"{URL}/{rid}").status_code == 404
    assert client.get("/api/v1/cases").status_code == 403
    assert client.post("/api/v1/people/search", json={
        "panel_id": str(world.panel.id), "name": "Alex Example"}).status_code == 403
    act_as(user(world.agency.id, is_administrator=True))
    assert client.get(URL).json()["items"] == []
    assert client.get(f"{URL}/{rid}").status_code == 404
    assert client.get("/api/v1/cases").json()["items"] == []


def test_api_keys_read_only_their_own_submissions_with_the_read_scope(client, act_as, world):
    act_as(world.coordinator)
    [coordinators] = _submit(client, world.panel.id)
    key = api_key(world.agency.id, [world.panel.id], Scope.referrals_submit, Scope.referrals_read)
    act_as(key)
    [own] = _submit(client, world.panel.id)
    assert client.get(f"{URL}/{own}").status_code == 200
    assert client.get(f"{URL}/{coordinators}").status_code == 404
    assert [i["id"] for i in client.get(URL).json()["items"]] == [own]
    act_as(api_key(world.agency.id, [world.panel.id], Scope.referrals_submit))
    assert client.get(URL).json()["items"] == []


def test_an_unknown_query_parameter_is_refused_not_ignored(client, act_as, world):
    act_as(world.coordinator)
    for url in (URL, "/api/v1/cases", f"{URL}/{uuid.uuid4()}"):
        response = client.get(url, params={"stauts": "accepted"})
        assert response.status_code == 422, url
        assert [e["pointer"] for e in response.json()["errors"]] == ["/query/stauts"]
    assert client.get(URL, params={"": "null"}).status_code == 422
    assert client.get(URL, params={"limit": 1, "cursor": "A" * 32}).status_code == 200
