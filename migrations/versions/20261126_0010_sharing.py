"""Information sharing: consent records after intake, decisions to share without consent
(Kent Appendix F), the disclosure log, and the user flag of a manager who approves them.

Revision ID: 0010
Revises: 0006
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _id(name: str, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.Uuid(), nullable=nullable)


def _when(name: str, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _text(name: str, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.Text(), nullable=nullable)


def _fk(table: str, column: str, target: str, ondelete: str | None = None
        ) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.id"], ondelete=ondelete,
                                   name=op.f(f"fk_{table}_{column}_{target}"))


def upgrade() -> None:
    op.add_column("users", sa.Column("is_sharing_approver", sa.Boolean(), nullable=False,
                                     server_default=sa.false()))
    op.create_table(
        "consent_records",
        _id("id"), _id("referral_id"),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        _text("reason", True),
        sa.Column("method", sa.String(16), nullable=True),
        sa.Column("obtained_by", sa.String(200), nullable=True),
        sa.Column("obtained_on", sa.Date(), nullable=True),
        sa.Column("victim_aware", sa.Boolean(), nullable=False),
        _text("victim_unaware_reason", True),
        _id("recorded_by_id"), _when("recorded_at"),
        _fk("consent_records", "referral_id", "referrals", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consent_records")),
        sa.UniqueConstraint("referral_id", "sequence",
                            name=op.f("uq_consent_records_referral_id")),
    )
    _decisions()
    op.create_table(
        "disclosures",
        _id("id"), _id("case_id"), _id("agency_id"), _id("recipient_user_id", True),
        sa.Column("method", sa.String(32), nullable=False),
        sa.Column("basis", sa.String(16), nullable=False),
        _id("decision_id", True), _id("source_id", True), _id("disclosed_by_id", True),
        _when("disclosed_at"),
        _fk("disclosures", "case_id", "cases", "CASCADE"),
        _fk("disclosures", "agency_id", "agencies"),
        sa.ForeignKeyConstraint(["decision_id"], ["sharing_decisions.id"],
                                name=op.f("fk_disclosures_decision_id_sharing_decisions")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_disclosures")),
    )
    op.create_index("ix_disclosures_case_disclosed", "disclosures", ["case_id", "disclosed_at"])


def _decisions() -> None:
    op.create_table(
        "sharing_decisions",
        _id("id"), _id("panel_id"), _id("referral_id"),
        sa.Column("status", sa.String(32), nullable=False),
        _text("at_risk"), _text("risk_from"), _text("concerns"),
        sa.Column("legal_grounds", sa.JSON(), nullable=False),
        _text("necessity"), _text("proportionality"), _text("without_sharing"),
        sa.Column("consultations", sa.JSON(), nullable=False),
        sa.Column("victim_told", sa.Boolean(), nullable=True),
        sa.Column("victim_told_on", sa.Date(), nullable=True),
        _text("victim_not_told_reason", True),
        sa.Column("review_date", sa.Date(), nullable=False),
        _id("review_owner_id"), _id("proposed_by_id"), _id("proposer_agency_id"),
        _when("proposed_at"), _when("submitted_at", True),
        _id("decided_by_id", True), _when("decided_at", True), _text("decision_reason", True),
        _id("withdrawn_by_id", True), _when("withdrawn_at", True),
        _text("withdrawal_reason", True),
        sa.Column("reviews", sa.JSON(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        _fk("sharing_decisions", "panel_id", "panels", "CASCADE"),
        _fk("sharing_decisions", "referral_id", "referrals", "CASCADE"),
        _fk("sharing_decisions", "proposer_agency_id", "agencies"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sharing_decisions")),
    )
    op.create_index("ix_sharing_decisions_panel_review", "sharing_decisions",
                    ["panel_id", "review_date"])
    op.create_index(op.f("ix_sharing_decisions_referral_id"), "sharing_decisions",
                    ["referral_id"])


def downgrade() -> None:
    op.drop_table("disclosures")
    op.drop_table("sharing_decisions")
    op.drop_table("consent_records")
    op.drop_column("users", "is_sharing_approver")
