"""The referral list reads only what its items show: the stored verdict (every criterion, a
JSON document) only for a caller who sees the verdict as submitted."""

import uuid

from sqlalchemy import select

from api.referrals import access, listing
from api.referrals.models import Referral
from api.security.principal import Role
from tests.referrals.factories import referral_body
from tests.support.principals import user

URL = "/api/v1/referrals"


def _verdicts(session, principal) -> list:
    query = listing.items_query(principal).where(access.referral_filter(principal))
    return [row.verdict for row in session.execute(query)]


def test_a_case_reader_s_page_reads_no_stored_verdict(client, act_as, world, session):
    act_as(world.coordinator)
    assert client.post(URL, json=referral_body(world.panel.id)).status_code == 201
    coordinator = user(world.agency.id, {world.panel.id: [Role.coordinator]})
    assert _verdicts(session, coordinator) == [None]
    referrer = user(world.agency.id, {world.panel.id: [Role.referrer]})
    [stored] = _verdicts(session, referrer)
    assert stored == session.scalar(select(Referral.verdict))
    # A coordinator of another panel who refers to this one sees this panel's verdict as
    # submitted: its row carries the stored verdict.
    both = user(world.agency.id, {world.panel.id: [Role.referrer],
                                  uuid.uuid4(): [Role.coordinator]})
    assert _verdicts(session, both) == [stored]


def test_list_items_are_the_same_whoever_reads_them_through_which_columns(
        client, act_as, world):
    act_as(world.coordinator)
    rid = client.post(URL, json=referral_body(world.panel.id)).json()["id"]
    [coordinators] = client.get(URL).json()["items"]
    act_as(user(world.agency.id, {world.panel.id: [Role.referrer]}))
    [referrers] = client.get(URL).json()["items"]
    assert coordinators["id"] == referrers["id"] == rid
    assert coordinators["verdict"] == referrers["verdict"]
    assert coordinators["repeat_candidate"] is False and referrers["repeat_candidate"] is None
