"""Demo users for `make run`: one per role on each demo panel, and an administrator.

Their password comes from MARAC_DEMO_PASSWORD (scripts/run.sh generates it into var/demo.env and
prints it, marked DEMO); without it no demo user is created. Idempotent: existing users are kept.
"""

import os

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.identity.models import PanelRole, User
from api.panels.models import Agency, Panel
from api.security.passwords import check_new_password, hash_password
from api.security.principal import Role

DEMO_DOMAIN = "demo.invalid"
# (email local part, agency code, panel slug or None for the administrator, role)
DEMO_USERS: list[tuple[str, str, str | None, Role]] = [
    ("admin", "demo-police", None, Role.administrator),
    *[(f"north-{role.value.replace('_', '-')}", agency, "demo-north-marac", role)
      for role, agency in ((Role.coordinator, "demo-adult-social-care"),
                           (Role.chair, "demo-police"),
                           (Role.agency_representative, "demo-housing"),
                           (Role.referrer, "demo-health"), (Role.idva, "demo-idva"),
                           (Role.analyst, "demo-police"))],
    *[(f"community-{role.value.replace('_', '-')}", agency, "demo-community-marac", role)
      for role, agency in ((Role.coordinator, "demo-adult-social-care"),
                           (Role.chair, "demo-police"),
                           (Role.agency_representative, "demo-housing"),
                           (Role.referrer, "demo-mental-health"), (Role.analyst, "demo-police"))],
    # A manager of the housing agency (the north agency representative's): approves or refuses
    # that agency's decisions to share without consent (four eyes: never the proposer).
    ("north-sharing-approver", "demo-housing", "demo-north-marac", Role.agency_representative),
]
SHARING_APPROVERS = frozenset({"north-sharing-approver"})


def load_demo_users(session: Session) -> int:
    """Creates the demo users that are missing; returns how many were created."""
    password = os.environ.get("MARAC_DEMO_PASSWORD")
    if not password:
        return 0
    check_new_password(password)
    password_hash = hash_password(password)
    agencies = {a.code: a.id for a in session.scalars(select(Agency))}
    panels = {p.slug: p.id for p in session.scalars(select(Panel))}
    existing = set(session.scalars(select(User.email)))
    created = 0
    for local, agency_code, panel_slug, role in DEMO_USERS:
        email = f"{local}@{DEMO_DOMAIN}"
        if email in existing:
            continue
        user = User(email=email, agency_id=agencies[agency_code], password_hash=password_hash,
                    is_administrator=role is Role.administrator,
                    is_sharing_approver=local in SHARING_APPROVERS)
        session.add(user)
        session.flush()
        if panel_slug is not None:
            session.add(PanelRole(user_id=user.id, panel_id=panels[panel_slug], role=role))
        created += 1
    session.flush()
    return created
