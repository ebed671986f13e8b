"""Panel use cases: what a caller may see, and loading an instrument version."""

import uuid

from sqlalchemy.orm import Session

from api.db import utcnow
from api.panels import repository
from api.panels.instruments import stored_or_builtin
from api.panels.models import Panel, PanelInstrument
from api.panels.schemas import InstrumentBody
from api.problems import Conflict, NotFound
from api.security.principal import Principal
from domain.errors import UnknownInstrumentError
from domain.instrument_io import instrument_from_dict, instrument_to_dict
from domain.instruments import Instrument
from domain.registry import DEFAULT_REGISTRY


def visible_panel(session: Session, principal: Principal, panel_id: uuid.UUID) -> Panel:
    panel = repository.get_visible(session, principal, panel_id)
    if panel is None:
        raise NotFound("No such panel.")
    return panel


def current_instrument(session: Session, panel: Panel) -> Instrument:
    key, version = panel.risk_instrument_key, panel.risk_instrument_version
    loaded = repository.loaded_instrument(session, panel.id, key, version)
    return stored_or_builtin(loaded.definition if loaded else None, key, version)


def load_instrument(session: Session, principal: Principal, panel_id: uuid.UUID,
                    body: InstrumentBody) -> Instrument:
    """A new version, never a change to a loaded one: referrals keep the version they were
    scored on, so the questions they answered must stay as they were."""
    panel = session.get(Panel, panel_id, with_for_update=True)
    if panel is None:
        raise NotFound("No such panel.")
    instrument = instrument_from_dict(body.model_dump())  # refuses a malformed definition
    if _is_builtin(instrument.key, instrument.version):
        raise Conflict("A built-in instrument has this key and version; give a new version.")
    if repository.loaded_instrument(session, panel.id, instrument.key, instrument.version):
        raise Conflict("This panel already has this instrument version; give a new version.")
    session.add(PanelInstrument(panel_id=panel.id, key=instrument.key,
                                version=instrument.version,
                                definition=instrument_to_dict(instrument),
                                loaded_by_id=principal.subject_id, loaded_at=utcnow()))
    panel.risk_instrument_key = instrument.key
    panel.risk_instrument_version = instrument.version
    panel.risk_threshold = instrument.threshold
    session.flush()
    return instrument


def _is_builtin(key: str, version: str) -> bool:
    try:
        DEFAULT_REGISTRY.get(key, version)
    except UnknownInstrumentError:
        return False
    return True
