"""Idempotency-Key: a retried submission never creates a second referral."""

import threading
import uuid
from datetime import timedelta

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from api.db import lock_for_writing, utcnow
from api.idempotency import IdempotencyRecord, claim, in_flight, purge_expired, request_hash
from api.referrals.models import Referral
from api.referrals.schemas import ReferralCreate
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


def test_a_retry_while_this_process_still_runs_the_first_answers_409(client, act_as, world,
                                                                     session):
    act_as(world.coordinator)
    key, body = f"key-{uuid.uuid4()}", referral_body(world.panel.id)
    with in_flight(f"user:{world.coordinator.subject_id}", key):  # the first, still running
        refused = client.post(URL, json=body, headers={"Idempotency-Key": key})
    assert refused.status_code == 409
    assert refused.json()["type"] == "/problems/idempotency-key-in-flight"
    assert _referrals(session, world.panel.id) == 0
    assert client.post(URL, json=body, headers={"Idempotency-Key": key}).status_code == 201
    assert client.post(URL, json=body, headers={"Idempotency-Key": key}).status_code == 201
    assert _referrals(session, world.panel.id) == 1


def test_a_key_held_by_a_running_request_is_never_done_twice(client, act_as, world, app):
    """While a first request in another process holds the key, PostgreSQL answers a retry 409
    at once; SQLite, which runs one writer at a time, makes the retry wait and then replays
    the first."""
    act_as(world.coordinator)
    key, body = f"key-{uuid.uuid4()}", referral_body(world.panel.id)
    headers = {"Idempotency-Key": key}
    caller = f"user:{world.coordinator.subject_id}"
    engine = app.state.engine
    if engine.dialect.name == "postgresql":
        with engine.connect() as other, other.begin():
            claim(other, caller, key)  # the first attempt, still running
            refused = client.post(URL, json=body, headers=headers)
        assert refused.status_code == 409
        assert refused.json()["type"] == "/problems/idempotency-key-in-flight"
        # The first attempt ended without a response (rolled back): the key is free again.
        assert client.post(URL, json=body, headers=headers).status_code == 201
        return
    first_answer = {"id": str(uuid.uuid4()), "note": "the first request's answer"}
    answers: list = []
    retry = threading.Thread(target=lambda: answers.append(
        client.post(URL, json=body, headers=headers)))
    with engine.begin() as first:  # the first request: holds the write lock, stores its answer
        lock_for_writing(first)
        now = utcnow()
        first.execute(insert(IdempotencyRecord.__table__).values(
            id=uuid.uuid4(), caller=caller, key=key, status_code=201,
            request_hash=request_hash(ReferralCreate.model_validate(body).model_dump(
                mode="json")),
            response_body=first_answer, location="/api/v1/referrals/first",
            created_at=now, expires_at=now + timedelta(hours=24)))
        retry.start()
        retry.join(timeout=0.5)
        assert retry.is_alive()  # waiting for the first to finish, not failing or running
    retry.join(timeout=10)
    [replayed] = answers
    assert replayed.status_code == 201 and replayed.json() == first_answer
    assert replayed.headers["Idempotent-Replayed"] == "true"


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
