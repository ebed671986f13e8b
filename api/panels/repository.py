"""Panel queries."""

import uuid
from dataclasses import dataclass

from sqlalchemy import Connection, bindparam, select

from api.panels.models import Panel, PanelKind


@dataclass(frozen=True)
class PanelRules:
    """What the intake rules read of a panel: its kind, thresholds and risk instrument."""

    id: uuid.UUID
    kind: PanelKind
    age_floor: int
    escalation_incidents: int
    risk_instrument_key: str
    risk_instrument_version: str


_RULES = select(Panel.id, Panel.kind, Panel.age_floor, Panel.escalation_incidents,
                Panel.risk_instrument_key, Panel.risk_instrument_version).where(
    Panel.id == bindparam("panel_id"))


def rules_of(connection: Connection, panel_id: uuid.UUID) -> PanelRules | None:
    row = connection.execute(_RULES, {"panel_id": panel_id}).one_or_none()
    return PanelRules(*row) if row is not None else None
