"""Who sees and changes which actions: the one place these rules live.

The panel's coordinator and chair see all of its actions; an agency representative sees and
updates only their agency's (across the panels they sit on); a partner system's key with
`actions:read` / `actions:write` reads and updates its own agency's. An analyst sees counts only.
An action the caller has no relation to answers 404; a relation without the right, 403.
"""

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Uuid, and_, bindparam, false, or_

from api.actions.models import Action
from api.problems import Forbidden, NotFound
from api.security.principal import Principal, Role, Scope

RUNNERS = (Role.coordinator, Role.chair)
COUNTERS = (Role.coordinator, Role.chair, Role.analyst)


def _key_scope(write: bool) -> Scope:
    return Scope.actions_write if write else Scope.actions_read


# The WHERE clause of each kind of caller, with its values bound at execution: a list's
# statement is built once per shape (building one and its cache key cost more CPU than
# running it). A shape names only the arms the caller has, so the planner sees one index's
# condition, never an arm that can match nothing.
_OWN = Action.owner_agency_id == bindparam("v_agency", type_=Uuid)
_RUNS = Action.panel_id.in_(bindparam("v_runs", type_=Uuid, expanding=True))
_SITS = and_(Action.panel_id.in_(bindparam("v_sits", type_=Uuid, expanding=True)), _OWN)
SHAPES: dict[str, ColumnElement[bool]] = {
    "own": _OWN, "runs": _RUNS, "sits": _SITS, "runs+sits": or_(_RUNS, _SITS), "none": false()}


@dataclass(frozen=True)
class Visible:
    """The actions the caller may read: a clause of SHAPES and the values bound into it."""

    shape: str
    params: dict[str, Any]

    def clause(self) -> ColumnElement[bool]:
        return SHAPES[self.shape].params(self.params)


def visible(principal: Principal) -> Visible:
    """The actions the caller may read (lists filter by it)."""
    own = {"v_agency": principal.agency_id}
    if principal.kind == "api_key":
        return Visible("own", own) if principal.has_scope(Scope.actions_read) \
            else Visible("none", {})
    runs = principal.panels_where(*RUNNERS)
    sits = principal.panels_where(Role.agency_representative) - runs
    if runs and sits:
        return Visible("runs+sits", own | {"v_runs": list(runs), "v_sits": list(sits)})
    if runs:
        return Visible("runs", {"v_runs": list(runs)})
    if sits:
        return Visible("sits", own | {"v_sits": list(sits)})
    return Visible("none", {})


def require_list_reader(principal: Principal) -> None:
    """Action lists are for runners, agency representatives and keys with actions:read."""
    if principal.kind == "api_key":
        if not principal.has_scope(Scope.actions_read):
            raise Forbidden("This API key may not read actions.")
        return
    if not principal.panels_where(*RUNNERS, Role.agency_representative):
        raise Forbidden("Your roles do not include the action lists.")


def require_on_action(principal: Principal, action: Action, *, write: bool) -> None:
    """Read (or update) one action: runners of its panel, or its owner agency's people."""
    owner = action.owner_agency_id == principal.agency_id
    if principal.kind == "api_key":
        if not owner:
            raise NotFound("No such action.")
        if not principal.has_scope(_key_scope(write)):
            raise Forbidden("This API key may not do this with actions.")
        return
    held = principal.panel_roles.get(action.panel_id, frozenset())
    if not held:
        raise NotFound("No such action.")
    if held & set(RUNNERS) or (owner and Role.agency_representative in held):
        return
    raise Forbidden("Only the owning agency, the coordinator or the chair may do this.")


def require_panel_reader(principal: Principal, panel_id: uuid.UUID,
                         *roles: Role) -> None:
    """A panel's action list: its runners (all), agency representatives and keys (their own
    agency's); another role on the panel 403; no relation to the panel, 404."""
    if principal.kind == "api_key":
        if panel_id not in principal.panel_roles:
            raise NotFound("No such panel.")
        if not principal.has_scope(Scope.actions_read):
            raise Forbidden("This API key may not read actions.")
        return
    held = principal.panel_roles.get(panel_id, frozenset())
    if not held:
        raise NotFound("No such panel.")
    if not held & set(roles or (*RUNNERS, Role.agency_representative)):
        raise Forbidden("Your role on this panel may not read its actions.")


def require_roles(principal: Principal, panel_id: uuid.UUID, *allowed: Role) -> None:
    """One of `allowed` on the panel (403 for another role there; 404 with none)."""
    held = principal.panel_roles.get(panel_id, frozenset()) if principal.kind == "user" \
        else frozenset()
    if not held:
        raise NotFound("No such panel.")
    if not held & set(allowed):
        raise Forbidden("Your role on this panel may not do this.")


def require_meeting_runner(principal: Principal, panel_id: uuid.UUID | None) -> None:
    """The caller is the coordinator or chair of the panel of a meeting (else 403; 404 when
    there is no such meeting, `panel_id` None, or the caller has no role on its panel)."""
    try:
        if panel_id is None:
            raise NotFound
        require_roles(principal, panel_id, *RUNNERS)
    except NotFound:
        raise NotFound("No such meeting.") from None


def sees_all_of(principal: Principal, panel_id: uuid.UUID) -> bool:
    return principal.kind == "user" and principal.has_role(panel_id, *RUNNERS)
