"""Issue 8, item 7: no administrator grants themselves panel roles; every role change keeps its
before and after, without personal data."""

import json
import uuid

from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.identity.models import PanelRole, User, UserRoleChange
from api.security.principal import Role
from tests.support.auth import bearer, login, make_agency, make_panel, make_user

USERS = "/api/v1/admin/users"


def _admin(client: TestClient, session: Session, agency, roles=None) -> tuple[User, dict]:
    user = make_user(session, agency, roles, is_administrator=True)
    return user, bearer(login(client, user.email)["access_token"])


def _patch(client: TestClient, headers: dict, user_id, body: dict):
    etag = client.get(f"{USERS}/{user_id}", headers=headers).headers["ETag"]
    return client.patch(f"{USERS}/{user_id}", headers=headers | {"If-Match": etag}, json=body)


def test_an_administrator_cannot_grant_themselves_a_panel_role(client, session) -> None:
    agency = make_agency(session)
    panel = make_panel(session, agency)
    admin, headers = _admin(client, session, agency)
    refused = _patch(client, headers, admin.id, {
        "memberships": [{"panel_id": str(panel.id), "role": "coordinator"}]})
    assert refused.status_code == 403
    assert refused.json()["type"] == "/problems/self-role-grant"
    session.expire_all()
    assert session.scalar(select(func.count()).select_from(PanelRole).where(
        PanelRole.user_id == admin.id)) == 0
    # Another administrator may grant it.
    _, other = _admin(client, session, agency)
    granted = _patch(client, other, admin.id, {
        "memberships": [{"panel_id": str(panel.id), "role": "coordinator"}]})
    assert granted.status_code == 200


def test_giving_up_ones_own_role_is_allowed(client, session) -> None:
    agency = make_agency(session)
    panel = make_panel(session, agency)
    admin, headers = _admin(client, session, agency, {panel.id: [Role.chair, Role.idva]})
    kept = _patch(client, headers, admin.id, {
        "memberships": [{"panel_id": str(panel.id), "role": "chair"}]})
    assert kept.status_code == 200
    assert kept.json()["memberships"] == [{"panel_id": str(panel.id), "role": "chair"}]


def test_role_changes_keep_before_and_after(client, session) -> None:
    agency = make_agency(session)
    panel = make_panel(session, agency)
    admin, headers = _admin(client, session, agency)
    created = client.post(USERS, headers=headers, json={
        "email": f"h{panel.id.hex[:8]}-person@example.test",
        "password": "velvet harbour orbit lantern", "agency_id": str(agency.id),
        "memberships": [{"panel_id": str(panel.id), "role": "idva"}]})
    assert created.status_code == 201, created.text
    user_id = created.json()["id"]
    assert _patch(client, headers, user_id, {"memberships": [
        {"panel_id": str(panel.id), "role": "coordinator"}]}).status_code == 200
    assert _patch(client, headers, user_id, {"is_active": False}).status_code == 200
    history = client.get(f"{USERS}/{user_id}/role-changes", headers=headers)
    assert history.status_code == 200
    disabled, promoted, made = history.json()["items"]
    idva = [{"panel_id": str(panel.id), "role": "idva"}]
    coordinator = [{"panel_id": str(panel.id), "role": "coordinator"}]
    assert made["before"] is None and made["after"]["memberships"] == idva
    assert (promoted["before"]["memberships"], promoted["after"]["memberships"]) == (
        idva, coordinator)
    assert (disabled["before"]["is_active"], disabled["after"]["is_active"]) == (True, False)
    assert {c["changed_by"] for c in (made, promoted, disabled)} == {str(admin.id)}
    stored = session.scalars(select(UserRoleChange).where(
        UserRoleChange.user_id == uuid.UUID(user_id))).all()
    assert len(stored) == 3
    assert "@" not in json.dumps([[c.before, c.after] for c in stored])  # no email, no name


def test_the_history_is_for_administrators(client, session) -> None:
    agency = make_agency(session)
    user = make_user(session, agency)
    headers = bearer(login(client, user.email)["access_token"])
    assert client.get(f"{USERS}/{user.id}/role-changes", headers=headers).status_code == 403
