"""The sharing approver: a user flag an administrator grants through the admin users API (never
to themselves); it shows on /auth/me and takes effect at the next login; and a late addition
of a case with no basis to share is refused."""

import secrets
import uuid

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from api.identity.models import User
from tests.meetings.helpers import HEARINGS, accepted_referral, add_meeting, schedule
from tests.sharing.helpers import REFUSED
from tests.support.auth import bearer, login, login_headers, make_agency, make_user

USERS = "/api/v1/admin/users"


def test_an_administrator_makes_a_manager_a_sharing_approver(client: TestClient,
                                                             session: Session) -> None:
    agency = make_agency(session)
    admin = login_headers(client, session, is_administrator=True)
    manager = make_user(session, agency)
    url = f"{USERS}/{manager.id}"
    assert client.get(url, headers=admin).json()["is_sharing_approver"] is False
    etag = client.get(url, headers=admin).headers["ETag"]
    made = client.patch(url, headers=admin | {"If-Match": etag},
                        json={"is_sharing_approver": True})
    assert made.status_code == 200 and made.json()["is_sharing_approver"] is True
    me = client.get("/api/v1/auth/me", headers=bearer(login(client, manager.email)["access_token"]))
    assert me.json()["is_sharing_approver"] is True
    history = client.get(f"{url}/role-changes", headers=admin).json()["items"]
    assert history[0]["after"]["is_sharing_approver"] is True


def test_an_administrator_cannot_make_themselves_an_approver(client: TestClient,
                                                             session: Session) -> None:
    agency = make_agency(session)
    admin_user = make_user(session, agency, is_administrator=True)
    admin = bearer(login(client, admin_user.email)["access_token"])
    url = f"{USERS}/{admin_user.id}"
    etag = client.get(url, headers=admin).headers["ETag"]
    refused = client.patch(url, headers=admin | {"If-Match": etag},
                           json={"is_sharing_approver": True})
    assert refused.status_code == 403 and refused.json()["type"] == "/problems/self-role-grant"
    session.expire_all()
    assert session.get(User, admin_user.id).is_sharing_approver is False  # type: ignore[union-attr]


def test_created_users_can_be_approvers(client: TestClient, session: Session) -> None:
    agency = make_agency(session)
    admin = login_headers(client, session, is_administrator=True)
    created = client.post(USERS, headers=admin, json={
        "email": f"manager-{uuid.uuid4().hex[:8]}@example.test",
        "password": " ".join(secrets.token_hex(4) for _ in range(4)),
        "agency_id": str(agency.id), "is_sharing_approver": True})
    assert created.status_code == 201 and created.json()["is_sharing_approver"] is True


def test_a_late_addition_without_a_basis_is_refused(client, act_as, world, clock):
    act_as(world.coordinator)
    late = add_meeting(client, world.panel.id, "2026-11-27", emergency=True,
                       emergency_reason="Threats to kill")
    accepted_referral(client, world.panel.id, "2026-11-25", consent=REFUSED)
    [hearing] = schedule(client, world.panel.id)
    answer = client.post(f"{HEARINGS}/{hearing['id']}/late-addition",
                         json={"meeting_id": late["id"]})
    assert answer.status_code == 409, answer.text
    assert answer.json()["type"] == "/problems/sharing-basis-missing"
    assert hearing["case_id"] in answer.json()["detail"]
    [still] = client.get(HEARINGS, params={"panel_id": str(world.panel.id)}).json()["items"]
    assert (still["status"], still["coordinator_agreed_by"]) == ("waiting", None)
