"""The meeting record completed: deferrals kept per meeting (for the minutes), versions on
attendance and discussions (departure times and the IDVA's victim's views are updates), and
an index for the cases heard recently on a panel (12-month notifications, flagged cases).

Revision ID: 0012
Revises: 0006
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "case_deferrals",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("meeting_id", sa.Uuid(), nullable=False),
        sa.Column("hearing_id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("deferred_to_id", sa.Uuid(), nullable=True),
        sa.Column("deferred_by_id", sa.Uuid(), nullable=False),
        sa.Column("deferred_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["meeting_id"], ["meetings.id"], ondelete="CASCADE",
                                name="fk_case_deferrals_meeting_id_meetings"),
        sa.ForeignKeyConstraint(["hearing_id"], ["hearings.id"], ondelete="CASCADE",
                                name="fk_case_deferrals_hearing_id_hearings"),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], ondelete="CASCADE",
                                name="fk_case_deferrals_case_id_cases"),
        sa.ForeignKeyConstraint(["deferred_to_id"], ["meetings.id"], ondelete="SET NULL",
                                name="fk_case_deferrals_deferred_to_id_meetings"),
        sa.PrimaryKeyConstraint("id", name="pk_case_deferrals"),
    )
    op.create_index("ix_case_deferrals_meeting_id", "case_deferrals", ["meeting_id"])
    for table in ("meeting_attendance", "case_discussions"):
        op.add_column(table, sa.Column("version", sa.Integer(), nullable=False,
                                       server_default="1"))
    op.create_index("ix_cases_panel_last_heard_on", "cases", ["panel_id", "last_heard_on"])


def downgrade() -> None:
    op.drop_index("ix_cases_panel_last_heard_on", table_name="cases")
    for table in ("case_discussions", "meeting_attendance"):
        op.drop_column(table, "version")
    op.drop_index("ix_case_deferrals_meeting_id", table_name="case_deferrals")
    op.drop_table("case_deferrals")
