"""The caller of a request, as every route and repository sees it.

`current_principal` is the single dependency every protected route goes through; the identity
module supplies the real one (tokens and API keys). Repositories filter by the principal's
panels and agency, so authorization holds in queries, not only at routes.
"""

import enum
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal


class Role(enum.StrEnum):
    administrator = "administrator"
    coordinator = "coordinator"
    chair = "chair"
    agency_representative = "agency_representative"
    referrer = "referrer"
    idva = "idva"
    analyst = "analyst"


class Scope(enum.StrEnum):
    """What an API key may do; users' rights come from their roles instead."""

    referrals_submit = "referrals:submit"
    referrals_read = "referrals:read"
    # A partner system reads and updates its own agency's actions ("what do we owe MARAC").
    actions_read = "actions:read"
    actions_write = "actions:write"


@dataclass(frozen=True)
class Principal:
    kind: Literal["user", "api_key"]
    subject_id: uuid.UUID
    agency_id: uuid.UUID
    panel_roles: Mapping[uuid.UUID, frozenset[Role]] = field(default_factory=dict)
    is_administrator: bool = False
    # A manager who approves or refuses their agency's decisions to share without consent.
    is_sharing_approver: bool = False
    scopes: frozenset[Scope] = frozenset()

    def panels_where(self, *roles: Role) -> frozenset[uuid.UUID]:
        """The panels on which the caller holds any of `roles`."""
        wanted = set(roles)
        return frozenset(p for p, held in self.panel_roles.items() if held & wanted)

    def has_role(self, panel_id: uuid.UUID, *roles: Role) -> bool:
        return bool(self.panel_roles.get(panel_id, frozenset()) & set(roles))

    def has_scope(self, scope: Scope) -> bool:
        return self.kind == "user" or scope in self.scopes
