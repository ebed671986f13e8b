"""A fresh panel with a coordinator for each test: `world`, and `make_world` for more."""

from dataclasses import dataclass

import pytest
from sqlalchemy.orm import Session

from api.panels.models import Agency, Panel
from api.security.principal import Principal, Role
from tests.support.auth import make_agency, make_panel
from tests.support.principals import user


@dataclass(frozen=True)
class World:
    agency: Agency
    panel: Panel
    coordinator: Principal


def make_world(session: Session, **panel_overrides: object) -> World:
    agency = make_agency(session)
    panel = make_panel(session, agency, **panel_overrides)
    return World(agency, panel, user(agency.id, {panel.id: [Role.coordinator]}))


@pytest.fixture
def world(session: Session) -> World:
    return make_world(session)
