"""Idempotency-Key: a retried submission never creates a second referral."""

import threading
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from api.db import utcnow
from api.idempotency import IdempotencyRecord, claim, purge_expired
from api.referrals.models import Referral
from tests.referrals.factories import referral_body

URL = "/api/v1/referrals"


def _referrals(session: Session, panel_id: uuid.UUID) -> int:
    session.expire_all()
    return session.scalar(select(func.count()).select_from(Referral)
                          .where(Referral.panel_id == panel_id)) or 0


def test_posted_twice_with_the_same_key_exists_once(client, act_as, world, session):
    act_as(world.coordinator)
    headers = {"Idempotency-Key": f"key-{uuid.uuid4()}"}
    first = client.post(URL, json=referral_body(world.panel.id), headers=headers)
    again = client.post(URL, json=referral_body(world.panel.id), headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again.headers["Location"] == first.headers["Location"]
    assert _referrals(session, world.panel.id) == 1


def test_same_key_with_another_body_is_refused(client, act_as, world, session):
    act_as(world.coordinator)
    headers = {"Idempotency-Key": f"key-{uuid.uuid4()}"}
    assert client.post(URL, json=referral_body(world.panel.id), headers=headers).status_code == 201
    other = client.post(URL, json=referral_body(world.panel.id, reason="Different"),
                        headers=headers)
    assert other.status_code == 422
    assert other.json()["type"] == "/problems/idempotency-key-reused"
    assert _referrals(session, world.panel.id) == 1


def test_the_same_key_from_another_caller_is_another_request(client, act_as, world, session):
    headers = {"Idempotency-Key": f"key-{uuid.uuid4()}"}
    act_as(world.coordinator)
    client.post(URL, json=referral_body(world.panel.id), headers=headers)
    act_as(type(world.coordinator)(**{**world.coordinator.__dict__, "subject_id": uuid.uuid4()}))
    assert client.post(URL, json=referral_body(world.panel.id), headers=headers).status_code == 201
    assert _referrals(session, world.panel.id) == 2


def test_a_failed_attempt_releases_the_key(client, act_as, world, session):
    act_as(world.coordinator)
    headers = {"Idempotency-Key": f"key-{uuid.uuid4()}"}
    bad = referral_body(world.panel.id, incident_dates=["2026-12-01"])
    assert client.post(URL, json=bad, headers=headers).status_code == 422
    session.expire_all()
    assert session.scalar(select(IdempotencyRecord).where(
        IdempotencyRecord.key == headers["Idempotency-Key"])) is None


def test_a_key_in_flight_answers_409(client, act_as, world, session):
    act_as(world.coordinator)
    key = f"key-{uuid.uuid4()}"
    body = referral_body(world.panel.id)
    client.post(URL, json=body, headers={"Idempotency-Key": key})
    # A reservation whose work has not finished: no stored response yet.
    session.execute(update(IdempotencyRecord).where(IdempotencyRecord.key == key)
                    .values(status_code=None, response_body=None))
    session.commit()
    response = client.post(URL, json=body, headers={"Idempotency-Key": key})
    assert response.status_code == 409
    assert response.json()["type"] == "/problems/idempotency-key-in-flight"


def test_a_key_held_by_a_running_request_answers_409(client, act_as, world, app):
    if app.state.engine.dialect.name != "postgresql":
        pytest.skip("SQLite runs one writer at a time: a retry waits for the first request "
                    "and replays it (test_concurrent_same_key_submissions_create_exactly_one)")
    act_as(world.coordinator)
    key, body = f"key-{uuid.uuid4()}", referral_body(world.panel.id)
    caller = f"user:{world.coordinator.subject_id}"
    with app.state.engine.connect() as other, other.begin():
        claim(other, caller, key)  # the first attempt, still running
        assert client.post(URL, json=body, headers={"Idempotency-Key": key}).status_code == 409
    # The first attempt ended without a response (rolled back): the key is free again.
    assert client.post(URL, json=body, headers={"Idempotency-Key": key}).status_code == 201


def test_expired_keys_are_ignored_and_purged(client, act_as, world, session):
    act_as(world.coordinator)
    key = f"key-{uuid.uuid4()}"
    client.post(URL, json=referral_body(world.panel.id), headers={"Idempotency-Key": key})
    record = session.scalar(select(IdempotencyRecord).where(IdempotencyRecord.key == key))
    assert record is not None and record.expires_at - record.created_at >= timedelta(hours=24)
    session.execute(update(IdempotencyRecord).where(IdempotencyRecord.key == key)
                    .values(expires_at=utcnow() - timedelta(seconds=1)))
    session.commit()
    other = referral_body(world.panel.id, reason="A new request after expiry")
    assert client.post(URL, json=other, headers={"Idempotency-Key": key}).status_code == 201
    session.execute(update(IdempotencyRecord).where(IdempotencyRecord.key == key)
                    .values(expires_at=utcnow() - timedelta(seconds=1)))
    assert purge_expired(session) >= 1
    session.commit()
    assert session.scalar(select(IdempotencyRecord).where(IdempotencyRecord.key == key)) is None


def test_malformed_keys_are_refused(client, act_as, world):
    act_as(world.coordinator)
    for key in ("", "x" * 256, "has space"):
        response = client.post(URL, json=referral_body(world.panel.id),
                               headers={"Idempotency-Key": key})
        assert response.status_code == 422, key


def test_concurrent_same_key_submissions_create_exactly_one(client, act_as, world, session):
    act_as(world.coordinator)
    headers = {"Idempotency-Key": f"key-{uuid.uuid4()}"}
    body = referral_body(world.panel.id)
    statuses: list[int] = []
    barrier = threading.Barrier(8)

    def submit() -> None:
        barrier.wait()
        statuses.append(client.post(URL, json=body, headers=headers).status_code)

    threads = [threading.Thread(target=submit) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert _referrals(session, world.panel.id) == 1
    assert set(statuses) <= {201, 409} and 201 in statuses
