"""Acting as a principal in API tests without logging in; the override is always removed."""

import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi import FastAPI

from api.security.dependencies import current_principal
from api.security.principal import Principal, Role, Scope


def user(agency_id: uuid.UUID, roles: dict[uuid.UUID, list[Role]] | None = None,
         **overrides: Any) -> Principal:
    held = {panel: frozenset(r) for panel, r in (roles or {}).items()}
    return Principal(kind="user", subject_id=uuid.uuid4(), agency_id=agency_id,
                     panel_roles=held, **overrides)


def api_key(agency_id: uuid.UUID, panels: list[uuid.UUID], *scopes: Scope) -> Principal:
    return Principal(kind="api_key", subject_id=uuid.uuid4(), agency_id=agency_id,
                     panel_roles={p: frozenset({Role.referrer}) for p in panels},
                     scopes=frozenset(scopes))


@pytest.fixture
def act_as(app: FastAPI) -> Iterator[Callable[[Principal], Principal]]:
    """`act_as(principal)` makes every request come from `principal` until the test ends."""

    def _set(principal: Principal) -> Principal:
        app.dependency_overrides[current_principal] = lambda: principal
        return principal

    yield _set
    app.dependency_overrides.pop(current_principal, None)
