"""The cast of the authorization matrix: two panels, every role, an administrator and keys.

Panel A holds the actors (all in agency X, a member of A) and a second agency W whose coordinator
creates the records under test; panel B (agencies Y, Z) is "another panel" nobody in the cast
belongs to. Records are made through the API so they are what real callers would create.
"""

import uuid
from dataclasses import dataclass, field
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from api.panels.models import Agency, Panel
from api.security.principal import Role, Scope
from tests.referrals.factories import referral_body
from tests.support.auth import bearer, login, make_agency, make_api_key, make_panel, make_user

ROLE_ACTORS = {role.value: role for role in Role if role is not Role.administrator}
ACTORS = [*ROLE_ACTORS, "administrator", "key_submit", "key_read", "key_actions", "anonymous"]


@dataclass
class MatrixWorld:
    client: TestClient
    session: Session
    agency: Agency
    panels: dict[str, Panel]
    creators: dict[str, dict[str, str]] = field(default_factory=dict)
    headers: dict[str, dict[str, str]] = field(default_factory=dict)
    emails: dict[str, str] = field(default_factory=dict)
    admin: dict[str, str] = field(default_factory=dict)

    def referral(self, where: str) -> dict[str, Any]:
        """A fresh referral on panel A ("own") or B ("other"), by that panel's coordinator."""
        response = self.client.post("/api/v1/referrals", headers=self.creators[where],
                                    json=referral_body(self.panels[where].id))
        assert response.status_code == 201, response.text
        return {"id": response.json()["id"], "etag": response.headers["ETag"]}

    def case(self, where: str) -> str:
        made = self.referral(where)
        response = self.client.post(f"/api/v1/referrals/{made['id']}/triage",
                                    headers=self.creators[where] | {"If-Match": made["etag"]},
                                    json={"outcome": "accept_new_case",
                                          "not_repeat_reason": "Matrix: a case per row"})
        assert response.status_code == 200, response.text
        return str(response.json()["triage"]["case_id"])

    def fresh_login(self, actor: str) -> dict[str, Any]:
        return login(self.client, self.emails[actor])

    def twin(self, actor: str) -> dict[str, str]:
        """A new user just like the actor (same role or flag), logged in: for routes that change
        the caller's own account, so the actor's own logins stay as they are."""
        role = ROLE_ACTORS.get(actor)
        user = make_user(self.session, self.agency,
                         {self.panels["own"].id: [role]} if role else {},
                         is_administrator=actor == "administrator")
        return bearer(login(self.client, user.email)["access_token"])


def build_world(client: TestClient, session: Session) -> MatrixWorld:
    agency, author_agency = make_agency(session), make_agency(session)
    other_agency, other_author = make_agency(session), make_agency(session)
    panels = {"own": make_panel(session, agency, author_agency),
              "other": make_panel(session, other_agency, other_author)}
    world = MatrixWorld(client, session, agency, panels)
    for where, author in (("own", author_agency), ("other", other_author)):
        creator = make_user(session, author, {panels[where].id: [Role.coordinator]})
        world.creators[where] = bearer(login(client, creator.email)["access_token"])
    for name, role in ROLE_ACTORS.items():
        # The representative is also their agency's manager for sharing without consent.
        _add_user(world, name, make_user(
            session, agency, {panels["own"].id: [role]},
            is_sharing_approver=role is Role.agency_representative).email)
    _add_user(world, "administrator", make_user(session, agency, is_administrator=True).email)
    world.admin = world.headers["administrator"]
    world.headers["key_submit"] = bearer(make_api_key(session, agency, Scope.referrals_submit))
    world.headers["key_read"] = bearer(make_api_key(session, agency, Scope.referrals_read))
    world.headers["key_actions"] = bearer(make_api_key(session, agency, Scope.actions_read,
                                                       Scope.actions_write))
    world.headers["anonymous"] = {}
    return world


def _add_user(world: MatrixWorld, name: str, email: str) -> None:
    world.emails[name] = email
    world.headers[name] = bearer(login(world.client, email)["access_token"])


def new_user_body(world: MatrixWorld) -> dict[str, Any]:
    return {"email": f"m-{uuid.uuid4().hex[:12]}@example.test",
            "password": " ".join(uuid.uuid4().hex[:6] for _ in range(4)),
            "agency_id": str(world.agency.id)}
