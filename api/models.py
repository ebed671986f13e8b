"""Every mapped model, imported in one place so Alembic and the app see the whole schema."""

from api.actions.models import Action, ActionChange
from api.audit.models import AuditEntry
from api.cases.models import Case
from api.db import Base
from api.idempotency import IdempotencyRecord
from api.identity.models import ApiKey, LoginSession, PanelRole, RefreshToken, User
from api.meetings.models import (
    AgendaPublication,
    Attendance,
    Discussion,
    Hearing,
    Meeting,
    ResearchForm,
)
from api.panels.models import Agency, Panel, PanelAgency
from api.people.models import Person, PersonNameKey
from api.referrals.models import Referral, RiskAssessment, TriageDecision
from api.sharing.models import ConsentRecord, Disclosure, SharingDecision

__all__ = ["Agency", "ApiKey", "AuditEntry", "Base", "LoginSession", "Panel", "PanelAgency",
           "PanelRole", "RefreshToken", "User"]
__all__ += ["Case", "IdempotencyRecord", "Person", "PersonNameKey", "Referral", "RiskAssessment",
            "TriageDecision"]
__all__ += ["AgendaPublication", "Attendance", "Discussion", "Hearing", "Meeting",
            "ResearchForm"]
__all__ += ["Action", "ActionChange"]
__all__ += ["ConsentRecord", "Disclosure", "SharingDecision"]
