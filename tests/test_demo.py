"""The demo the run command loads: two panels, their agencies and users, loaded idempotently."""

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.demo import AGENCIES, PANELS, load_demo
from api.identity.models import User
from api.panels.models import Agency, Panel, PanelAgency, PanelKind
from api.security.demo_users import DEMO_DOMAIN, DEMO_USERS, SHARING_APPROVERS


def _counts(session: Session) -> tuple[int, ...]:
    return tuple(session.scalar(select(func.count()).select_from(model))
                 for model in (Panel, Agency, PanelAgency, User))


def test_demo_loads_once_however_often_it_runs(session: Session,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MARAC_DEMO_PASSWORD", "demo only: correct horse battery")
    load_demo(session)
    session.commit()
    first = _counts(session)
    load_demo(session)
    session.commit()
    assert _counts(session) == first

    kinds = {p.slug: p.kind for p in session.scalars(select(Panel).where(
        Panel.slug.in_([spec.slug for spec in PANELS])))}
    assert kinds == {"demo-north-marac": PanelKind.domestic_abuse,
                     "demo-community-marac": PanelKind.community}
    codes = set(session.scalars(select(Agency.code)))
    assert {code for code, _, _ in AGENCIES} <= codes
    emails = set(session.scalars(select(User.email).where(User.email.like(f"%@{DEMO_DOMAIN}"))))
    assert emails == {f"{local}@{DEMO_DOMAIN}" for local, _, _, _ in DEMO_USERS}
    # The database is shared with the other tests of this worker: only the demo's own users.
    approvers = set(session.scalars(select(User.email).where(
        User.is_sharing_approver, User.email.like(f"%@{DEMO_DOMAIN}"))))
    assert approvers == {f"{local}@{DEMO_DOMAIN}" for local in SHARING_APPROVERS}
