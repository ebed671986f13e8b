"""The authorization matrix, generated from the app's own route table.

Every /api/v1 route is called as every role on panel A, as an administrator, as an API key of
each scope and anonymously, against a record on the caller's own panel and on another panel. A
route missing from EXPECTED fails the run, so a new route cannot ship without its row.
"""

import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pyotp
import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from api.config import Settings
from api.db import utcnow
from api.identity.models import UserMfa
from api.main import create_app
from tests.referrals.factories import referral_body
from tests.security import action_matrix, meeting_matrix, need_to_know_matrix, sharing_matrix
from tests.security.matrix_world import ACTORS, MatrixWorld, build_world, new_user_body
from tests.support.auth import TEST_PASSWORD, make_panel, make_user

Request = tuple[str, dict[str, Any] | None, dict[str, str]]  # url, json body, extra headers
Factory = Callable[[MatrixWorld, str, str], Request]
PANEL_WIDE = ("coordinator", "chair", "agency_representative", "idva")
SUBMITTERS = (*PANEL_WIDE, "referrer")
FULL = ("coordinator", "chair")
NOT_IN_FULL = {"agency_representative": 403, "idva": 403}


def row(default: int, **by_actor: int) -> dict[str, int]:
    """Expected statuses: `default` for everyone authenticated, 401 for anonymous."""
    statuses = {actor: default for actor in ACTORS} | {"anonymous": 401}
    for actor, status in by_actor.items():
        statuses[actor] = status
    return statuses


def only(roles: tuple[str, ...], status: int, otherwise: int, **extra: int) -> dict[str, int]:
    return row(otherwise, **{role: status for role in roles}, **extra)


ADMIN_ONLY = {"any": row(403, administrator=200)}
KEYS_REFUSED = {"key_submit": 403, "key_read": 403, "key_actions": 403}
EXPECTED: dict[tuple[str, str], dict[str, dict[str, int]]] = {
    ("POST", "/api/v1/auth/login"): {"any": row(200, anonymous=200)},
    ("POST", "/api/v1/auth/refresh"): {"any": row(200, anonymous=200)},
    ("POST", "/api/v1/auth/logout"): {"any": row(204)},
    ("GET", "/api/v1/auth/me"): {"any": row(200)},
    ("POST", "/api/v1/auth/login/mfa"): {"any": row(200, anonymous=200)},
    ("POST", "/api/v1/auth/mfa/enrolment"): {"any": row(200, **KEYS_REFUSED)},
    ("POST", "/api/v1/auth/mfa/enrolment/confirm"): {
        "any": row(200, **KEYS_REFUSED)},
    ("POST", "/api/v1/auth/password"): {"any": row(204, **KEYS_REFUSED)},
    ("POST", "/api/v1/admin/users"): {"any": row(403, administrator=201)},
    ("GET", "/api/v1/admin/users"): ADMIN_ONLY,
    ("GET", "/api/v1/admin/users/{user_id}"): ADMIN_ONLY,
    ("PATCH", "/api/v1/admin/users/{user_id}"): ADMIN_ONLY,
    ("POST", "/api/v1/admin/users/{user_id}/unlock"): ADMIN_ONLY,
    ("POST", "/api/v1/admin/users/{user_id}/mfa/reset"): ADMIN_ONLY,
    ("GET", "/api/v1/admin/users/{user_id}/role-changes"): ADMIN_ONLY,
    ("POST", "/api/v1/admin/api-keys"): {"any": row(403, administrator=201)},
    ("GET", "/api/v1/admin/api-keys"): ADMIN_ONLY,
    ("POST", "/api/v1/admin/api-keys/{key_id}/revoke"): ADMIN_ONLY,
    ("GET", "/api/v1/audit"): ADMIN_ONLY,
    ("POST", "/api/v1/referrals"): {
        "own": only(SUBMITTERS, 201, 404, analyst=403, key_submit=201, key_read=403,
                    key_actions=403),
        "other": row(404, key_read=403, key_actions=403)},
    ("GET", "/api/v1/referrals"): {"any": row(200, analyst=403)},
    # Need to know: another agency's referral in full is for the coordinator and chair; an
    # agency representative or IDVA on the panel is pointed to their own read.
    ("GET", "/api/v1/referrals/{referral_id}"): {
        "own": only(FULL, 200, 404, **NOT_IN_FULL), "other": row(404)},
    ("GET", "/api/v1/referrals/{referral_id}/match-candidates"): {
        "own": only(("coordinator", "chair"), 200, 404, agency_representative=403, idva=403),
        "other": row(404)},
    ("POST", "/api/v1/referrals/{referral_id}/triage"): {
        "own": only(("coordinator", "chair"), 200, 404, agency_representative=403, idva=403),
        "other": row(404)},
    ("GET", "/api/v1/cases"): {"any": row(200, analyst=403)},
    ("GET", "/api/v1/cases/{case_id}"): {
        "own": only(FULL, 200, 404, **NOT_IN_FULL), "other": row(404)},
    ("POST", "/api/v1/people/search"): {
        "own": only(("coordinator", "chair"), 200, 403, administrator=404),
        "other": row(404, analyst=403, **KEYS_REFUSED)},
    # Only the referring agency amends or withdraws; the panel's other roles are told so.
    ("PUT", "/api/v1/referrals/{referral_id}"): {
        "own": only(PANEL_WIDE, 403, 404), "other": row(404)},
    ("POST", "/api/v1/referrals/{referral_id}/withdrawal"): {
        "own": only(PANEL_WIDE, 403, 404), "other": row(404)},
    ("GET", "/api/v1/referrals/{referral_id}/versions"): {
        "own": only(FULL, 200, 404, **NOT_IN_FULL), "other": row(404)},
    ("GET", "/api/v1/panels"): {"any": row(200)},
    ("GET", "/api/v1/panels/{panel_id}"): {"own": row(200), "other": row(404, administrator=200)},
    ("GET", "/api/v1/panels/{panel_id}/instrument"): {
        "own": row(200), "other": row(404, administrator=200)},
    ("POST", "/api/v1/panels/{panel_id}/instruments"): {
        "own": row(403, administrator=201), "other": row(403, administrator=201)},
    ("GET", "/api/v1/agencies"): ADMIN_ONLY,
}


def _login(w: MatrixWorld, actor: str, where: str) -> Request:
    return "/api/v1/auth/login", {"email": w.emails["referrer"], "password": TEST_PASSWORD}, {}


def _refresh(w: MatrixWorld, actor: str, where: str) -> Request:
    return "/api/v1/auth/refresh", {"refresh_token": w.fresh_login("idva")["refresh_token"]}, {}


def _logout(w: MatrixWorld, actor: str, where: str) -> Request:
    # A login of its own, so logging out does not end the actor's session for later rows.
    if actor in w.emails:
        return "/api/v1/auth/logout", None, {
            "Authorization": f"Bearer {w.fresh_login(actor)['access_token']}"}
    return "/api/v1/auth/logout", None, {}


def _login_mfa(w: MatrixWorld, actor: str, where: str) -> Request:
    user = make_user(w.session, w.agency)
    secret = pyotp.random_base32()
    w.session.add(UserMfa(user_id=user.id, secret=secret, enabled_at=utcnow()))
    w.session.commit()
    w.client.app.state.rate_limiter.reset()  # type: ignore[attr-defined]
    challenge = w.client.post("/api/v1/auth/login", json={
        "email": user.email, "password": TEST_PASSWORD}).json()
    return "/api/v1/auth/login/mfa", {"mfa_token": challenge["mfa_token"],
                                      "code": pyotp.TOTP(secret).now()}, {}


def _confirm_mfa(w: MatrixWorld, actor: str, where: str) -> Request:
    url = "/api/v1/auth/mfa/enrolment/confirm"
    if actor not in w.emails:  # keys and anonymous: refused before any code is looked at
        return url, {"code": "123456"}, {}
    twin = w.twin(actor)
    secret = w.client.post("/api/v1/auth/mfa/enrolment", headers=twin).json()["secret"]
    return url, {"code": pyotp.TOTP(secret).now()}, twin


def _change_password(w: MatrixWorld, actor: str, where: str) -> Request:
    body = {"current_password": TEST_PASSWORD, "new_password": new_user_body(w)["password"]}
    return "/api/v1/auth/password", body, w.twin(actor) if actor in w.emails else {}


def _user_id(w: MatrixWorld) -> str:
    created = w.client.post("/api/v1/admin/users", headers=w.admin, json=new_user_body(w))
    return str(created.json()["id"])


def _patch_user(w: MatrixWorld, actor: str, where: str) -> Request:
    user_id = _user_id(w)
    etag = w.client.get(f"/api/v1/admin/users/{user_id}", headers=w.admin).headers["ETag"]
    return f"/api/v1/admin/users/{user_id}", {"is_active": False}, {"If-Match": etag}


def _revoke_key(w: MatrixWorld, actor: str, where: str) -> Request:
    created = w.client.post("/api/v1/admin/api-keys", headers=w.admin, json={
        "agency_id": str(w.agency.id), "name": "matrix", "scopes": ["referrals:read"]})
    return f"/api/v1/admin/api-keys/{created.json()['id']}/revoke", None, {}


def _triage(w: MatrixWorld, actor: str, where: str) -> Request:
    made = w.referral(where)
    return (f"/api/v1/referrals/{made['id']}/triage",
            {"outcome": "redirect", "forum": "other"}, {"If-Match": made["etag"]})


def _amend(w: MatrixWorld, actor: str, where: str) -> Request:
    made = w.referral(where)
    return (f"/api/v1/referrals/{made['id']}", referral_body(w.panels[where].id),
            {"If-Match": made["etag"]})


def _withdraw(w: MatrixWorld, actor: str, where: str) -> Request:
    made = w.referral(where)
    return (f"/api/v1/referrals/{made['id']}/withdrawal", {"reason": "Sent in error"},
            {"If-Match": made["etag"]})


def _load_instrument(w: MatrixWorld, actor: str, where: str) -> Request:
    """A panel of its own (loading changes what its referrals are scored on), with the cast's
    agency a member ("own") or not."""
    panel = make_panel(w.session, *([w.agency] if where == "own" else []))
    return f"/api/v1/panels/{panel.id}/instruments", {
        "key": "matrix-check", "version": uuid.uuid4().hex, "title": "Matrix check",
        "scoring": "ticks", "threshold": 1, "questions": [
            {"id": "q1", "order": 1, "text": "Any concern?", "options": [
                {"value": "yes", "label": "Yes", "weight": 1},
                {"value": "no", "label": "No", "weight": 0}]}]}, {}


def _panel_url(suffix: str = "") -> Factory:
    return lambda w, a, p: (f"/api/v1/panels/{w.panels[p].id}{suffix}", None, {})


FACTORIES: dict[tuple[str, str], Factory] = {
    ("POST", "/api/v1/auth/login"): _login,
    ("POST", "/api/v1/auth/refresh"): _refresh,
    ("POST", "/api/v1/auth/logout"): _logout,
    ("GET", "/api/v1/auth/me"): lambda w, a, p: ("/api/v1/auth/me", None, {}),
    ("POST", "/api/v1/auth/login/mfa"): _login_mfa,
    ("POST", "/api/v1/auth/mfa/enrolment"): lambda w, a, p: (
        "/api/v1/auth/mfa/enrolment", None, {}),
    ("POST", "/api/v1/auth/mfa/enrolment/confirm"): _confirm_mfa,
    ("POST", "/api/v1/auth/password"): _change_password,
    ("POST", "/api/v1/admin/users"): lambda w, a, p: ("/api/v1/admin/users", new_user_body(w), {}),
    ("GET", "/api/v1/admin/users"): lambda w, a, p: ("/api/v1/admin/users", None, {}),
    ("GET", "/api/v1/admin/users/{user_id}"): lambda w, a, p: (
        f"/api/v1/admin/users/{_user_id(w)}", None, {}),
    ("PATCH", "/api/v1/admin/users/{user_id}"): _patch_user,
    ("POST", "/api/v1/admin/users/{user_id}/unlock"): lambda w, a, p: (
        f"/api/v1/admin/users/{_user_id(w)}/unlock", None, {}),
    ("POST", "/api/v1/admin/users/{user_id}/mfa/reset"): lambda w, a, p: (
        f"/api/v1/admin/users/{_user_id(w)}/mfa/reset", None, {}),
    ("GET", "/api/v1/admin/users/{user_id}/role-changes"): lambda w, a, p: (
        f"/api/v1/admin/users/{_user_id(w)}/role-changes", None, {}),
    ("POST", "/api/v1/admin/api-keys"): lambda w, a, p: ("/api/v1/admin/api-keys", {
        "agency_id": str(w.agency.id), "name": "matrix", "scopes": ["referrals:submit"]}, {}),
    ("GET", "/api/v1/admin/api-keys"): lambda w, a, p: ("/api/v1/admin/api-keys", None, {}),
    ("POST", "/api/v1/admin/api-keys/{key_id}/revoke"): _revoke_key,
    ("GET", "/api/v1/audit"): lambda w, a, p: ("/api/v1/audit", None, {}),
    ("POST", "/api/v1/referrals"): lambda w, a, p: ("/api/v1/referrals", _referral(w, p), {}),
    ("GET", "/api/v1/referrals"): lambda w, a, p: ("/api/v1/referrals", None, {}),
    ("GET", "/api/v1/referrals/{referral_id}"): lambda w, a, p: (
        f"/api/v1/referrals/{w.referral(p)['id']}", None, {}),
    ("GET", "/api/v1/referrals/{referral_id}/match-candidates"): lambda w, a, p: (
        f"/api/v1/referrals/{w.referral(p)['id']}/match-candidates", None, {}),
    ("POST", "/api/v1/referrals/{referral_id}/triage"): _triage,
    ("GET", "/api/v1/cases"): lambda w, a, p: ("/api/v1/cases", None, {}),
    ("GET", "/api/v1/cases/{case_id}"): lambda w, a, p: (f"/api/v1/cases/{w.case(p)}", None, {}),
    ("POST", "/api/v1/people/search"): lambda w, a, p: ("/api/v1/people/search", {
        "panel_id": str(w.panels[p].id), "name": "Example"}, {}),
    ("PUT", "/api/v1/referrals/{referral_id}"): _amend,
    ("POST", "/api/v1/referrals/{referral_id}/withdrawal"): _withdraw,
    ("GET", "/api/v1/referrals/{referral_id}/versions"): lambda w, a, p: (
        f"/api/v1/referrals/{w.referral(p)['id']}/versions", None, {}),
    ("GET", "/api/v1/panels"): lambda w, a, p: ("/api/v1/panels", None, {}),
    ("GET", "/api/v1/panels/{panel_id}"): _panel_url(),
    ("GET", "/api/v1/panels/{panel_id}/instrument"): _panel_url("/instrument"),
    ("POST", "/api/v1/panels/{panel_id}/instruments"): _load_instrument,
    ("GET", "/api/v1/agencies"): lambda w, a, p: ("/api/v1/agencies", None, {}),
}
EXPECTED |= meeting_matrix.ROWS | need_to_know_matrix.ROWS
FACTORIES |= meeting_matrix.FACTORIES | need_to_know_matrix.FACTORIES
EXPECTED |= action_matrix.ROWS
FACTORIES |= action_matrix.FACTORIES
EXPECTED |= sharing_matrix.ROWS
FACTORIES |= sharing_matrix.FACTORIES


def _referral(w: MatrixWorld, where: str) -> dict[str, Any]:
    return referral_body(w.panels[where].id)


def _api_routes() -> list[tuple[str, str]]:
    app = create_app(Settings(database_url="sqlite://", environment="test"))
    return sorted({(method, route.path) for route in app.routes if isinstance(route, APIRoute)
                   and route.path.startswith("/api/v1") for method in route.methods})


ROUTES = _api_routes()


@pytest.fixture(scope="module")
def world(app: FastAPI) -> Iterator[MatrixWorld]:
    with TestClient(app, raise_server_exceptions=False) as client, \
            app.state.sessionmaker() as session:
        yield build_world(client, session)


@pytest.mark.parametrize(("method", "path"), ROUTES, ids=[f"{m} {p}" for m, p in ROUTES])
def test_route_answers_each_caller_as_expected(world: MatrixWorld, method: str,
                                               path: str) -> None:
    assert (method, path) in EXPECTED, f"{method} {path} has no row in the matrix"
    mismatches = []
    for where, statuses in EXPECTED[(method, path)].items():
        for actor in ACTORS:
            world.client.app.state.rate_limiter.reset()  # type: ignore[attr-defined]
            url, body, extra = FACTORIES[(method, path)](world, actor, where)
            headers = world.headers[actor] | extra
            got = world.client.request(method, url, json=body, headers=headers).status_code
            if got != statuses[actor]:
                mismatches.append(f"{actor}@{where}: expected {statuses[actor]}, got {got}")
    assert not mismatches, f"{method} {path}: " + "; ".join(mismatches)


def test_matrix_has_no_stale_rows() -> None:
    assert set(EXPECTED) == set(ROUTES) == set(FACTORIES)
