"""Factories for agencies, panels, users and API keys, and helpers that log in for real.

`login_headers(client, session, role=Role.coordinator, panel=panel)` makes a user holding `role`
on `panel` (in a member agency), logs in through POST /api/v1/auth/login and returns the
Authorization header. `api_key_headers(session, agency, Scope.referrals_submit)` does the same
for a partner system's key.
"""

import secrets
import uuid
from datetime import timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from api.db import utcnow
from api.identity import api_keys
from api.identity.models import PanelRole, User
from api.panels.models import Agency, Cadence, MembershipKind, Panel, PanelAgency, PanelKind
from api.security.passwords import hash_password
from api.security.principal import Role, Scope

# One random password and its argon2 hash per test run: hashing is deliberately slow.
TEST_PASSWORD = secrets.token_urlsafe(18)
_TEST_HASH = hash_password(TEST_PASSWORD)


def _unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def make_agency(session: Session, **overrides: Any) -> Agency:
    fields = {"code": _unique("agency"), "name": "Test agency", "sector": "police", **overrides}
    agency = Agency(**fields)
    session.add(agency)
    session.commit()
    return agency


def make_panel(session: Session, *members: Agency, **overrides: Any) -> Panel:
    fields: dict[str, Any] = {
        "slug": _unique("panel"), "name": "Test panel", "kind": PanelKind.domestic_abuse,
        "cadence": Cadence.monthly, "bank_holiday_region": "ENG", "age_floor": 16,
        "risk_instrument_key": "dash", "risk_instrument_version": "2009-v1",
        "risk_threshold": 14, "escalation_incidents": 3, "referral_cutoff_working_days": 8,
        "agenda_working_days": 5, "minutes_working_days": 5, "hearing_deadline_weeks": 6,
        **overrides}
    panel = Panel(**fields)
    session.add(panel)
    session.flush()
    session.add_all(PanelAgency(panel_id=panel.id, agency_id=a.id, membership=MembershipKind.core)
                    for a in members)
    session.commit()
    return panel


def make_user(session: Session, agency: Agency, roles: dict[uuid.UUID, list[Role]] | None = None,
              *, is_administrator: bool = False, password_hash: str = _TEST_HASH,
              is_sharing_approver: bool = False) -> User:
    user = User(id=uuid.uuid4(), email=f"{_unique('user')}@example.test", agency_id=agency.id,
                password_hash=password_hash, is_administrator=is_administrator,
                is_sharing_approver=is_sharing_approver)
    session.add(user)
    session.flush()
    session.add_all(PanelRole(user_id=user.id, panel_id=panel_id, role=role)
                    for panel_id, held in (roles or {}).items() for role in held)
    session.commit()
    return user


def login(client: TestClient, email: str, password: str = TEST_PASSWORD) -> dict[str, Any]:
    # Every test client shares one address; clear the windows so tests never throttle each other.
    client.app.state.rate_limiter.reset()  # type: ignore[attr-defined]
    response = client.post("/api/v1/auth/login", json={"email": email, "password": password})
    assert response.status_code == 200, response.text
    return dict(response.json())


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def login_headers(client: TestClient, session: Session, role: Role | None = None,
                  panel: Panel | None = None, *, agency: Agency | None = None,
                  is_administrator: bool = False,
                  is_sharing_approver: bool = False) -> dict[str, str]:
    """A fresh user with `role` on `panel` (administrator: the deployment-wide flag), logged in."""
    agency = agency or make_agency(session)
    if panel is not None:
        _ensure_member(session, panel, agency)
    roles = {panel.id: [role]} if role is not None and panel is not None else {}
    user = make_user(session, agency, roles, is_administrator=is_administrator,
                     is_sharing_approver=is_sharing_approver)
    return bearer(login(client, user.email)["access_token"])


def make_api_key(session: Session, agency: Agency, *scopes: Scope,
                 expires_in: timedelta = timedelta(days=30)) -> str:
    creator = make_user(session, agency, is_administrator=True)
    _, plaintext = api_keys.issue(session, agency_id=agency.id, name="test system",
                                  scopes=list(scopes), expires_at=utcnow() + expires_in,
                                  created_by=creator.id)
    session.commit()
    return plaintext


def api_key_headers(session: Session, agency: Agency, *scopes: Scope) -> dict[str, str]:
    return bearer(make_api_key(session, agency, *scopes))


def _ensure_member(session: Session, panel: Panel, agency: Agency) -> None:
    if session.get(Agency, agency.id) is None:
        return
    exists = session.query(PanelAgency).filter_by(panel_id=panel.id, agency_id=agency.id).first()
    if exists is None:
        session.add(PanelAgency(panel_id=panel.id, agency_id=agency.id,
                                membership=MembershipKind.flexible))
        session.commit()
