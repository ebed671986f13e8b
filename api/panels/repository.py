"""Panel queries: what the intake rules read, and what a caller may see."""

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, and_, bindparam, false, or_, select
from sqlalchemy.orm import Session

from api.panels.models import Agency, Panel, PanelAgency, PanelInstrument, PanelKind
from api.security.principal import Principal


@dataclass(frozen=True)
class PanelRules:
    """What the intake rules read of a panel: its kind, thresholds and risk instrument."""

    id: uuid.UUID
    kind: PanelKind
    age_floor: int
    escalation_incidents: int
    risk_instrument_key: str
    risk_instrument_version: str
    accepts_ad_hoc_referrals: bool = False
    # The panel's own copy of the instrument it scores on (None: a built-in one).
    instrument_id: uuid.UUID | None = None
    instrument_definition: dict[str, Any] | None = None


# The panel and the instrument version it scores on, in one round trip (this is on intake).
_RULES = select(
    Panel.id, Panel.kind, Panel.age_floor, Panel.escalation_incidents,
    Panel.risk_instrument_key, Panel.risk_instrument_version, Panel.accepts_ad_hoc_referrals,
    PanelInstrument.id, PanelInstrument.definition,
).outerjoin(PanelInstrument, and_(
    PanelInstrument.panel_id == Panel.id, PanelInstrument.key == Panel.risk_instrument_key,
    PanelInstrument.version == Panel.risk_instrument_version,
)).where(Panel.id == bindparam("panel_id"))


def rules_of(connection: Connection, panel_id: uuid.UUID) -> PanelRules | None:
    row = connection.execute(_RULES, {"panel_id": panel_id}).one_or_none()
    return PanelRules(*row) if row is not None else None


def visible(principal: Principal) -> Any:
    """The panels a caller may read: an administrator all; a user those they hold a role on;
    an API key those its agency belongs to and those accepting ad-hoc referrals."""
    if principal.kind == "user" and principal.is_administrator:
        return Panel.id.is_not(None)
    held = list(principal.panel_roles)
    mine = Panel.id.in_(held) if held else false()
    if principal.kind == "api_key":
        return or_(mine, Panel.accepts_ad_hoc_referrals.is_(True))
    return mine


def list_visible(session: Session, principal: Principal) -> list[Panel]:
    return list(session.scalars(select(Panel).where(visible(principal)).order_by(Panel.name)))


def get_visible(session: Session, principal: Principal, panel_id: uuid.UUID) -> Panel | None:
    return session.scalar(select(Panel).where(Panel.id == panel_id, visible(principal)))


def members(session: Session, panel_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[Any]]:
    """Each panel's member agencies (core first, then by name), in one query."""
    rows = session.execute(
        select(PanelAgency.panel_id, PanelAgency.membership, Agency.id, Agency.name,
               Agency.sector).join(Agency, Agency.id == PanelAgency.agency_id)
        .where(PanelAgency.panel_id.in_(panel_ids))
        .order_by(PanelAgency.membership, Agency.name))
    found: dict[uuid.UUID, list[Any]] = {p: [] for p in panel_ids}
    for row in rows:
        found[row.panel_id].append(row)
    return found


def loaded_instrument(session: Session, panel_id: uuid.UUID, key: str,
                      version: str) -> PanelInstrument | None:
    return session.scalar(select(PanelInstrument).where(
        PanelInstrument.panel_id == panel_id, PanelInstrument.key == key,
        PanelInstrument.version == version))


def instrument_versions(session: Session, panel_id: uuid.UUID) -> list[PanelInstrument]:
    return list(session.scalars(select(PanelInstrument).where(
        PanelInstrument.panel_id == panel_id).order_by(PanelInstrument.loaded_at)))


def all_agencies(session: Session) -> list[Agency]:
    return list(session.scalars(select(Agency).order_by(Agency.name, Agency.id)))
