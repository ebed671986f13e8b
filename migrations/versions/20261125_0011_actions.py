"""Actions: the action plan agencies own, and every change to it.

Revision ID: 0011
Revises: 0006
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _id(name: str, nullable: bool = False) -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(name, sa.Uuid(), nullable=nullable)


def _when(name: str, nullable: bool = False) -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _fk(column: str, table: str, target: str, cascade: bool = False) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.id"],
                                   ondelete="CASCADE" if cascade else None,
                                   name=op.f(f"fk_{table}_{column}_{target}"))


def upgrade() -> None:
    op.create_table(
        "actions",
        _id("id"), _id("plan_id"), _id("panel_id"), _id("case_id"), _id("meeting_id"),
        _id("owner_agency_id"),
        sa.Column("category", sa.String(40), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("outcome", sa.Text(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("progress", sa.Text(), nullable=True),
        sa.Column("recorded_by_kind", sa.String(16), nullable=False),
        _id("recorded_by_id"), _when("created_at"), _when("updated_at"),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        _fk("panel_id", "actions", "panels", cascade=True),
        _fk("case_id", "actions", "cases", cascade=True),
        _fk("meeting_id", "actions", "meetings"),
        _fk("owner_agency_id", "actions", "agencies"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_actions")),
    )
    op.create_index("ix_actions_owner_status_due", "actions",
                    ["owner_agency_id", "status", "due_on", "id"])
    op.create_index("ix_actions_panel_status_due", "actions",
                    ["panel_id", "status", "due_on", "id"])
    op.create_index("ix_actions_case_created", "actions", ["case_id", "created_at", "id"])
    op.create_index("ix_actions_meeting_id", "actions", ["meeting_id"])
    op.create_table(
        "action_changes",
        _id("id"), _id("action_id"), _id("meeting_id", True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=False),
        sa.Column("by_kind", sa.String(16), nullable=False),
        _id("by_id"), _id("by_agency_id"), _when("at"),
        _fk("action_id", "action_changes", "actions", cascade=True),
        _fk("meeting_id", "action_changes", "meetings"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action_changes")),
    )
    op.create_index("ix_action_changes_action_at", "action_changes", ["action_id", "at", "id"])
    op.create_index("ix_action_changes_meeting_id", "action_changes", ["meeting_id"])


def downgrade() -> None:
    op.drop_table("action_changes")
    op.drop_table("actions")
