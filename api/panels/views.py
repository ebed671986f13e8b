"""Panel rows and instruments into their API shapes."""

from typing import Any

from api.panels.models import Panel
from api.panels.schemas import Deadlines, InstrumentRead, InstrumentRef, MemberAgency, PanelRead
from domain.instrument_io import instrument_to_dict
from domain.instruments import Instrument


def panel_read(panel: Panel, members: list[Any]) -> PanelRead:
    return PanelRead(
        id=panel.id, slug=panel.slug, name=panel.name, kind=panel.kind, cadence=panel.cadence,
        subdivision=panel.bank_holiday_region, age_floor=panel.age_floor,
        escalation_incidents=panel.escalation_incidents,
        accepts_ad_hoc_referrals=panel.accepts_ad_hoc_referrals,
        risk_instrument=InstrumentRef(key=panel.risk_instrument_key,
                                      version=panel.risk_instrument_version,
                                      threshold=panel.risk_threshold),
        deadlines=Deadlines(
            referral_cutoff_working_days=panel.referral_cutoff_working_days,
            agenda_working_days=panel.agenda_working_days,
            minutes_working_days=panel.minutes_working_days,
            hearing_deadline_weeks=panel.hearing_deadline_weeks),
        member_agencies=[MemberAgency(agency_id=m.id, name=m.name, sector=m.sector,
                                      membership=m.membership) for m in members])


def instrument_read(instrument: Instrument) -> InstrumentRead:
    return InstrumentRead(**instrument_to_dict(instrument), max_score=instrument.max_score)
