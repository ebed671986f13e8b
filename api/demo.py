"""Loads the demo: a domestic-abuse panel, a community panel and their member agencies.

Idempotent: running it again changes nothing. `python -m api.demo`. Everything it creates is
fictional and marked as demo data.
"""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.config import get_settings
from api.db import make_engine, make_sessionmaker
from api.panels.demo_ids import demo_panel_id
from api.panels.models import Agency, Cadence, MembershipKind, Panel, PanelAgency, PanelKind
from api.security.demo_users import load_demo_users

AGENCIES: list[tuple[str, str, str]] = [
    ("demo-police", "Demo Constabulary", "police"),
    ("demo-childrens-social-care", "Demo Children's Social Care", "childrens_social_care"),
    ("demo-adult-social-care", "Demo Adult Social Care", "adult_social_care"),
    ("demo-housing", "Demo Borough Housing", "housing"),
    ("demo-health", "Demo NHS Foundation Trust", "health"),
    ("demo-mental-health", "Demo Mental Health Trust", "mental_health"),
    ("demo-substance-use", "Demo Drug and Alcohol Service", "substance_use"),
    ("demo-probation", "Demo Probation Delivery Unit", "probation"),
    ("demo-idva", "Demo IDVA Service", "idva_service"),
    ("demo-victim-support", "Demo Victim Support", "victim_support"),
    ("demo-fire", "Demo Fire and Rescue Service", "fire_service"),
    ("demo-education", "Demo Education Safeguarding", "education"),
    ("demo-dwp", "Demo DWP", "dwp"),
]


@dataclass(frozen=True)
class DemoPanel:
    slug: str
    name: str
    kind: PanelKind
    age_floor: int
    instrument: tuple[str, str, int]
    core: tuple[str, ...]
    flexible: tuple[str, ...]


PANELS = [
    DemoPanel("demo-north-marac", "North Demo MARAC (demo data)", PanelKind.domestic_abuse, 16,
              ("dash", "2009-v1", 14),
              core=("demo-police", "demo-childrens-social-care", "demo-adult-social-care",
                    "demo-housing", "demo-health", "demo-probation", "demo-idva"),
              flexible=("demo-mental-health", "demo-substance-use", "demo-fire", "demo-education")),
    DemoPanel("demo-community-marac", "Demo Community MARAC (demo data)", PanelKind.community, 18,
              ("asb-matrix", "2024-v1", 25),
              core=("demo-police", "demo-adult-social-care", "demo-housing", "demo-mental-health",
                    "demo-substance-use", "demo-victim-support", "demo-dwp"),
              flexible=("demo-childrens-social-care", "demo-fire", "demo-education")),
]


def load_demo(session: Session) -> None:
    """Creates whatever of the demo is missing; leaves what exists alone."""
    agencies = {a.code: a for a in session.scalars(select(Agency))}
    for code, name, sector in AGENCIES:
        if code not in agencies:
            agencies[code] = Agency(code=code, name=name, sector=sector)
            session.add(agencies[code])
    session.flush()
    for spec in PANELS:
        panel = session.scalar(select(Panel).where(Panel.slug == spec.slug))
        if panel is None:
            panel = _panel(spec)
            session.add(panel)
            session.flush()
        _memberships(session, panel, spec, agencies)
    load_demo_users(session)


def _panel(spec: DemoPanel) -> Panel:
    key, version, threshold = spec.instrument
    return Panel(id=demo_panel_id(spec.slug), slug=spec.slug, name=spec.name, kind=spec.kind,
                 cadence=Cadence.monthly, bank_holiday_region="ENG", age_floor=spec.age_floor,
                 risk_instrument_key=key,
                 risk_instrument_version=version, risk_threshold=threshold,
                 escalation_incidents=3, referral_cutoff_working_days=8, agenda_working_days=5,
                 minutes_working_days=5, hearing_deadline_weeks=6)


def _memberships(session: Session, panel: Panel, spec: DemoPanel,
                 agencies: dict[str, Agency]) -> None:
    existing = set(session.scalars(
        select(PanelAgency.agency_id).where(PanelAgency.panel_id == panel.id)))
    wanted = [(c, MembershipKind.core) for c in spec.core]
    wanted += [(c, MembershipKind.flexible) for c in spec.flexible]
    for code, kind in wanted:
        if agencies[code].id not in existing:
            session.add(PanelAgency(panel_id=panel.id, agency_id=agencies[code].id,
                                    membership=kind))


def main() -> None:
    engine = make_engine(get_settings().database_url)
    with make_sessionmaker(engine)() as session:
        load_demo(session)
        session.commit()
    engine.dispose()
    print("demo data loaded (fictional panels and agencies)")


if __name__ == "__main__":
    main()
