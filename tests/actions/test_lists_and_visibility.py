"""Who sees what, and the lists people work from: an agency's open actions by due date, a
panel's overdue actions, a case's action history; cursor pages and CSV."""

import csv
import io
import uuid
from datetime import date

import pytest
from sqlalchemy import event, select, update

from api.audit.models import AuditEntry
from api.panels.models import MembershipKind, Panel, PanelAgency
from api.security.principal import Role, Scope
from tests.actions.helpers import ACTIONS, action_body, hold, member
from tests.support.principals import api_key, user
from tests.support.world import make_world


@pytest.fixture
def plan(client, session, act_as, world, clock):
    """Housing owns three actions (one joint with the world's agency); police one more."""
    act_as(world.coordinator)
    housing = member(session, world.panel.id, name="Housing")
    january = hold(client, clock, world, date(2027, 1, 7), date(2026, 12, 1),
                   present=[world.agency, housing], absent=[])
    for due, owners, text in (("2027-01-21", [housing], "=HYPERLINK(\"http://x\")"),
                              ("2027-01-08", [housing, world.agency], "Joint visit"),
                              ("2027-03-01", [housing], "Review tenancy"),
                              ("2027-01-11", [world.agency], "Flag the address")):
        made = client.post(ACTIONS, json=action_body(january, *owners, due_on=due,
                                                     description=text))
        assert made.status_code == 201, made.text
    return {"housing": housing, "meeting": january}


def test_an_agency_sees_its_own_open_actions_by_due_date(client, act_as, world, plan):
    housing = plan["housing"]
    act_as(user(housing.id, {world.panel.id: [Role.agency_representative]}))
    page = client.get(ACTIONS).json()
    assert [(a["due_on"], a["owner_agency"]) for a in page["items"]] == [
        ("2027-01-08", "Housing"), ("2027-01-21", "Housing"), ("2027-03-01", "Housing")]
    first = client.get(ACTIONS, params={"limit": 2}).json()
    rest = client.get(ACTIONS, params={"limit": 2, "cursor": first["next_cursor"]}).json()
    assert [a["id"] for a in first["items"] + rest["items"]] == [a["id"] for a in page["items"]]
    assert rest["next_cursor"] is None
    other = page["items"][0]["id"]
    act_as(user(world.agency.id, {world.panel.id: [Role.agency_representative]}))
    assert {a["owner_agency"] for a in client.get(ACTIONS).json()["items"]} == {"Test agency"}
    assert client.get(f"{ACTIONS}/{other}").status_code == 403


def test_the_coordinator_sees_the_panels_and_an_analyst_counts_only(client, act_as, world,
                                                                    clock, plan):
    assert len(client.get(ACTIONS).json()["items"]) == 5
    clock.today = date(2027, 1, 25)
    overdue = client.get(f"/api/v1/panels/{world.panel.id}/actions/overdue").json()["items"]
    assert [a["due_on"] for a in overdue] == ["2027-01-08", "2027-01-08", "2027-01-11",
                                              "2027-01-21"]
    assert all(a["overdue"] for a in overdue)
    counts = client.get(f"/api/v1/panels/{world.panel.id}/actions/counts").json()
    assert (counts["open"], counts["overdue"], counts["done"]) == (5, 4, 0)
    act_as(user(world.agency.id, {world.panel.id: [Role.analyst]}))
    assert client.get(f"/api/v1/panels/{world.panel.id}/actions/counts").status_code == 200
    assert client.get(ACTIONS).status_code == 403
    assert client.get(f"/api/v1/panels/{world.panel.id}/actions/overdue").status_code == 403
    assert client.get(f"/api/v1/cases/{plan['meeting'].case_id}/actions").status_code == 403


def test_a_cases_history_and_a_partner_key(client, act_as, world, plan):
    case_url = f"/api/v1/cases/{plan['meeting'].case_id}/actions"
    assert len(client.get(case_url).json()["items"]) == 5
    act_as(api_key(plan["housing"].id, [world.panel.id], Scope.actions_read))
    assert {a["owner_agency"] for a in client.get(case_url).json()["items"]} == {"Housing"}
    assert len(client.get(ACTIONS).json()["items"]) == 3
    act_as(api_key(plan["housing"].id, [world.panel.id], Scope.referrals_submit))
    assert client.get(ACTIONS).status_code == 403
    assert client.get(case_url).status_code == 403


def test_lists_download_as_csv_without_formulas(client, act_as, world, plan):
    act_as(user(plan["housing"].id, {world.panel.id: [Role.agency_representative]}))
    answer = client.get(ACTIONS, headers={"Accept": "text/csv"}, params={"limit": 2})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert [r["due_on"] for r in rows] == ["2027-01-08", "2027-01-21"]
    assert rows[1]["description"] == "'=HYPERLINK(\"http://x\")"
    rest = client.get(ACTIONS, headers={"Accept": "text/csv"},
                      params={"limit": 2, "cursor": answer.headers["Next-Cursor"]})
    assert [r["due_on"] for r in csv.DictReader(io.StringIO(rest.text))] == ["2027-03-01"]
    assert "Next-Cursor" not in rest.headers
    assert client.get(ACTIONS, headers={"Accept": "application/json, text/csv"}).json()["items"]


def _second_panel(client, session, act_as, clock, member_agency, *, also_its_own=False):
    """Another panel the agency also sits on, with a meeting held and an action for the agency
    there (and one for the panel's own agency too, if asked)."""
    other = make_world(session)
    session.add(PanelAgency(panel_id=other.panel.id, agency_id=member_agency.id,
                            membership=MembershipKind.flexible))
    session.commit()
    act_as(other.coordinator)
    held = hold(client, clock, other, date(2027, 1, 14), date(2026, 12, 1),
                present=[other.agency, member_agency], absent=[])
    for owner in (member_agency, *([other.agency] if also_its_own else [])):
        made = client.post(ACTIONS, json=action_body(held, owner, due_on="2027-01-15"))
        assert made.status_code == 201, made.text
    return other


def test_an_agency_representative_sees_its_actions_across_their_panels(
        client, session, act_as, world, clock, plan):
    other = _second_panel(client, session, act_as, clock, plan["housing"])
    both = {world.panel.id: [Role.agency_representative],
            other.panel.id: [Role.agency_representative]}
    act_as(user(plan["housing"].id, both))
    panels = [a["panel_id"] for a in client.get(ACTIONS).json()["items"]]
    assert panels.count(str(other.panel.id)) == 1 and panels.count(str(world.panel.id)) == 3
    act_as(user(plan["housing"].id, {world.panel.id: [Role.agency_representative]}))
    assert str(other.panel.id) not in {a["panel_id"] for a in client.get(ACTIONS).json()["items"]}


def test_overdue_counts_in_the_panels_own_calendar(client, session, act_as, world, clock):
    """Monday 4 January 2027 is a bank holiday in Scotland (2 January falls on a Saturday) and
    a working day in England: on the 5th an action due on the 4th is overdue in England only.
    The list, its items' flags and the counts all read the panel's calendar; pages by cursor."""
    act_as(world.coordinator)
    held = hold(client, clock, world, date(2026, 12, 17), date(2026, 11, 20),
                present=[world.agency], absent=[])
    for due in ("2027-01-04", "2026-12-31", "2027-01-05"):
        made = client.post(ACTIONS, json=action_body(held, world.agency, due_on=due))
        assert made.status_code == 201, made.text
    clock.today = date(2027, 1, 5)
    overdue_url = f"/api/v1/panels/{world.panel.id}/actions/overdue"
    counts_url = f"/api/v1/panels/{world.panel.id}/actions/counts"

    def overdue(**params):
        return client.get(overdue_url, params=params).json()

    def flags():
        return {a["due_on"]: a["overdue"] for a in client.get(ACTIONS).json()["items"]}

    assert [a["due_on"] for a in overdue()["items"]] == ["2026-12-31", "2027-01-04"]
    first = overdue(limit=1)
    rest = overdue(limit=1, cursor=first["next_cursor"])
    assert [a["due_on"] for a in first["items"] + rest["items"]] == ["2026-12-31", "2027-01-04"]
    assert rest["next_cursor"] is None
    assert flags() == {"2026-12-31": True, "2027-01-04": True, "2027-01-05": False}
    assert client.get(counts_url).json()["overdue"] == 2

    session.execute(update(Panel).where(Panel.id == world.panel.id)
                    .values(bank_holiday_region="SCT"))
    session.commit()
    assert [a["due_on"] for a in overdue()["items"]] == ["2026-12-31"]
    assert flags() == {"2026-12-31": True, "2027-01-04": False, "2027-01-05": False}
    assert client.get(counts_url).json()["overdue"] == 1


def test_a_coordinator_who_also_sits_on_another_panel_sees_both_shares(
        client, session, act_as, world, clock, plan):
    """Runs one panel (all its actions) and sits on another for the agency (only its own
    there): the list holds both, and nothing else of the second panel."""
    other = _second_panel(client, session, act_as, clock, plan["housing"], also_its_own=True)
    act_as(user(plan["housing"].id, {world.panel.id: [Role.coordinator],
                                     other.panel.id: [Role.agency_representative]}))
    items = client.get(ACTIONS).json()["items"]
    assert sorted((a["panel_id"] == str(world.panel.id), a["owner_agency"]) for a in items) == [
        (False, "Housing"), (True, "Housing"), (True, "Housing"), (True, "Housing"),
        (True, "Test agency"), (True, "Test agency")]


@pytest.mark.parametrize("listed", ["open actions", "open actions as CSV", "overdue actions",
                                    "a case's actions", "meetings"])
def test_a_list_commits_its_own_read_entry_once(client, session, app, world, plan, listed):
    """The lists people work from write their audit entry in the route (commit_read): one entry
    for the request, saying what was read, and on PostgreSQL one connection and one COMMIT."""
    url, accept = {
        "open actions": (ACTIONS, "application/json"),
        "open actions as CSV": (ACTIONS, "text/csv"),
        "overdue actions": (f"/api/v1/panels/{world.panel.id}/actions/overdue",
                            "application/json"),
        "a case's actions": (f"/api/v1/cases/{plan['meeting'].case_id}/actions",
                             "application/json"),
        "meetings": (f"/api/v1/meetings?panel_id={world.panel.id}", "application/json"),
    }[listed]
    request_id = str(uuid.uuid4())
    seen: list[str] = []
    listeners = {"commit": lambda _conn: seen.append("commit"),
                 "engine_connect": lambda _conn: seen.append("connection")}
    for name, listener in listeners.items():
        event.listen(app.state.engine, name, listener)
    try:
        answer = client.get(url, headers={"X-Request-ID": request_id, "Accept": accept})
    finally:
        for name, listener in listeners.items():
            event.remove(app.state.engine, name, listener)
    assert answer.status_code == 200, answer.text
    session.expire_all()
    [entry] = session.scalars(select(AuditEntry).where(AuditEntry.request_id == request_id))
    assert (entry.status, entry.method, entry.outcome) == (200, "GET", "success")
    if app.state.engine.dialect.name == "postgresql":
        assert seen == ["connection", "commit"]
