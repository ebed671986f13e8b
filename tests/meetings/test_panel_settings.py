"""Panel settings: members read them, an administrator changes them with If-Match, and a change
applies to meetings listed after it."""

from api.security.principal import Role
from tests.meetings.helpers import add_meeting
from tests.support.principals import user


def _url(panel_id) -> str:
    return f"/api/v1/panels/{panel_id}/settings"


def test_members_read_the_panels_calendar_settings(client, act_as, world):
    act_as(user(world.agency.id, {world.panel.id: [Role.referrer]}))
    read = client.get(_url(world.panel.id))
    assert read.status_code == 200
    assert read.json() == {"panel_id": str(world.panel.id), "cadence": "monthly",
                           "subdivision": "ENG", "referral_cutoff_working_days": 8,
                           "agenda_working_days": 5, "minutes_working_days": 5,
                           "hearing_weeks": 6}
    assert read.headers["ETag"]
    act_as(user(world.agency.id))
    assert client.get(_url(world.panel.id)).status_code == 404


def test_an_administrator_changes_settings_for_meetings_listed_after(client, act_as, world,
                                                                    clock):
    act_as(world.coordinator)
    before = add_meeting(client, world.panel.id, "2027-01-07")
    tag = client.get(_url(world.panel.id)).headers["ETag"]
    admin = act_as(user(world.agency.id, is_administrator=True))
    change = {"referral_cutoff_working_days": 10, "subdivision": "WLS", "hearing_weeks": 5}
    assert client.patch(_url(world.panel.id), json=change).status_code == 428
    stale = client.patch(_url(world.panel.id), json=change, headers={"If-Match": '"v0"'})
    assert stale.status_code == 412 and stale.json()["type"] == "/problems/precondition-failed"
    assert client.get(_url(world.panel.id)).json()["referral_cutoff_working_days"] == 8
    changed = client.patch(_url(world.panel.id), json=change, headers={"If-Match": tag})
    assert changed.status_code == 200, changed.text
    assert changed.json()["subdivision"] == "WLS" and changed.headers["ETag"] != tag
    assert admin.is_administrator
    act_as(world.coordinator)
    after = add_meeting(client, world.panel.id, "2027-02-04")
    assert after["referral_cutoff"] == "2027-01-21"  # 10 working days before
    assert client.get(f"/api/v1/meetings/{before['id']}").json()["referral_cutoff"] == \
        "2026-12-23"


def test_only_an_administrator_changes_settings_and_bad_values_change_nothing(client, act_as,
                                                                             world):
    act_as(world.coordinator)
    tag = client.get(_url(world.panel.id)).headers["ETag"]
    refused = client.patch(_url(world.panel.id), json={"agenda_working_days": 7},
                           headers={"If-Match": tag})
    assert refused.status_code == 403
    act_as(user(world.agency.id, is_administrator=True))
    for bad in ({"agenda_working_days": -1}, {"subdivision": "FR"}, {"cadence": None},
                {"hearing_weeks": 0}, {"unknown": 1}):
        response = client.patch(_url(world.panel.id), json=bad, headers={"If-Match": tag})
        assert response.status_code == 422, bad
    assert client.get(_url(world.panel.id)).headers["ETag"] == tag
