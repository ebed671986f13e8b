"""Every mapped model, imported in one place so Alembic and the app see the whole schema."""

from api.db import Base
from api.panels.models import Agency, Panel, PanelAgency

__all__ = ["Agency", "Base", "Panel", "PanelAgency"]
