"""Referrals, people, risk assessments, cases, triage and idempotency keys.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "cases",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("panel_id", sa.Uuid(), nullable=False),
        sa.Column("opened_on", sa.Date(), nullable=False),
        sa.Column("last_referral_date", sa.Date(), nullable=False),
        sa.Column("last_heard_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["panel_id"], ["panels.id"], name=op.f("fk_cases_panel_id_panels"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cases")),
    )
    op.create_index(
        "ix_cases_panel_created", "cases", ["panel_id", "created_at", "id"], unique=False
    )
    op.create_table(
        "referrals",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("panel_id", sa.Uuid(), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("referral_date", sa.Date(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("submitted_by_kind", sa.String(length=16), nullable=False),
        sa.Column("submitted_by_id", sa.Uuid(), nullable=False),
        sa.Column("agency_id", sa.Uuid(), nullable=False),
        sa.Column("referrer", sa.JSON(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("risks_identified", sa.JSON(), nullable=False),
        sa.Column("actions_taken", sa.Text(), nullable=True),
        sa.Column("victim_aware", sa.Boolean(), nullable=False),
        sa.Column("victim_unaware_reason", sa.Text(), nullable=True),
        sa.Column("consent", sa.JSON(), nullable=False),
        sa.Column("consent_status", sa.String(32), nullable=False),
        sa.Column("victim_fears", sa.Text(), nullable=True),
        sa.Column("safe_to_talk_to", sa.Text(), nullable=True),
        sa.Column("unsafe_to_talk_to", sa.Text(), nullable=True),
        sa.Column("referred_to_marac_elsewhere", sa.Boolean(), nullable=False),
        sa.Column("other_marac_area", sa.String(length=200), nullable=True),
        sa.Column("fire_service_referral_needed", sa.Boolean(), nullable=False),
        sa.Column("referrer_says_repeat", sa.Boolean(), nullable=False),
        sa.Column("last_marac_date", sa.Date(), nullable=True),
        sa.Column("professional_judgement", sa.Text(), nullable=True),
        sa.Column("incident_dates", sa.JSON(), nullable=False),
        sa.Column("relationships", sa.JSON(), nullable=False),
        sa.Column("community", sa.JSON(), nullable=True),
        sa.Column("eligible", sa.Boolean(), nullable=False),
        sa.Column("verdict", sa.JSON(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=True),
        sa.Column("is_repeat", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agencies.id"], name=op.f("fk_referrals_agency_id_agencies")
        ),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_referrals_case_id_cases"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["panel_id"],
            ["panels.id"],
            name=op.f("fk_referrals_panel_id_panels"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_referrals")),
    )
    op.create_index(
        "ix_referrals_agency_submitted", "referrals", ["agency_id", "submitted_at"], unique=False
    )
    op.create_index(op.f("ix_referrals_case_id"), "referrals", ["case_id"], unique=False)
    op.create_index(
        "ix_referrals_panel_submitted",
        "referrals",
        ["panel_id", "submitted_at", "id"],
        unique=False,
    )
    op.create_index(
        "ix_referrals_submitter", "referrals", ["submitted_by_id", "submitted_at"], unique=False
    )
    op.create_table(
        "people",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("referral_id", sa.Uuid(), nullable=False),
        sa.Column("panel_id", sa.Uuid(), nullable=False),
        sa.Column("role", sa.String(32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("given_names", sa.String(length=200), nullable=False),
        sa.Column("family_name", sa.String(length=200), nullable=False),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.Column("date_of_birth", sa.Date(), nullable=True),
        sa.Column("gender", sa.String(length=100), nullable=True),
        sa.Column("ethnicity", sa.String(length=100), nullable=True),
        sa.Column("disability", sa.String(length=100), nullable=True),
        sa.Column("sexuality", sa.String(length=100), nullable=True),
        sa.Column("address", sa.String(length=500), nullable=True),
        sa.Column("postcode", sa.String(length=16), nullable=True),
        sa.Column("accommodation", sa.String(length=100), nullable=True),
        sa.Column("phone", sa.String(length=32), nullable=True),
        sa.Column("safe_to_call", sa.Boolean(), nullable=True),
        sa.Column("safe_times", sa.String(length=200), nullable=True),
        sa.Column("preferred_contact", sa.String(length=32), nullable=True),
        sa.Column("gp", sa.String(length=500), nullable=True),
        sa.Column("pregnant", sa.Boolean(), nullable=True),
        sa.Column("pregnancy_details", sa.String(length=1000), nullable=True),
        sa.Column("school", sa.String(length=200), nullable=True),
        sa.Column("relationship_to_victim", sa.String(length=100), nullable=True),
        sa.ForeignKeyConstraint(
            ["panel_id"], ["panels.id"], name=op.f("fk_people_panel_id_panels"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["referral_id"],
            ["referrals.id"],
            name=op.f("fk_people_referral_id_referrals"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_people")),
    )
    op.create_index(op.f("ix_people_referral_id"), "people", ["referral_id"], unique=False)
    op.create_table(
        "person_name_keys",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("panel_id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("referral_id", sa.Uuid(), nullable=False),
        sa.Column("role", sa.String(32), nullable=False),
        sa.Column("is_alias", sa.Boolean(), nullable=False),
        sa.Column("full_key", sa.String(length=200), nullable=False),
        sa.Column("surname_key", sa.String(length=200), nullable=False),
        sa.Column("date_of_birth", sa.Date(), nullable=True),
        sa.Column("postcode_key", sa.String(length=16), nullable=True),
        sa.Column("outward_code", sa.String(length=16), nullable=True),
        sa.ForeignKeyConstraint(
            ["panel_id"],
            ["panels.id"],
            name=op.f("fk_person_name_keys_panel_id_panels"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_person_name_keys_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["referral_id"],
            ["referrals.id"],
            name=op.f("fk_person_name_keys_referral_id_referrals"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_name_keys")),
    )
    op.create_index(
        "ix_person_name_keys_dob_postcode",
        "person_name_keys",
        ["panel_id", "date_of_birth", "postcode_key"],
        unique=False,
    )
    op.create_index(
        "ix_person_name_keys_full", "person_name_keys", ["panel_id", "full_key"], unique=False
    )
    op.create_index(
        op.f("ix_person_name_keys_person_id"), "person_name_keys", ["person_id"], unique=False
    )
    op.create_index(
        "ix_person_name_keys_postcode",
        "person_name_keys",
        ["panel_id", "postcode_key"],
        unique=False,
    )
    op.create_index(
        op.f("ix_person_name_keys_referral_id"), "person_name_keys", ["referral_id"], unique=False
    )
    op.create_index(
        "ix_person_name_keys_surname_dob",
        "person_name_keys",
        ["panel_id", "surname_key", "date_of_birth"],
        unique=False,
    )
    op.create_table(
        "risk_assessments",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("referral_id", sa.Uuid(), nullable=False),
        sa.Column("instrument_key", sa.String(length=64), nullable=False),
        sa.Column("instrument_version", sa.String(length=64), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("threshold", sa.Integer(), nullable=False),
        sa.Column("threshold_met", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["referral_id"],
            ["referrals.id"],
            name=op.f("fk_risk_assessments_referral_id_referrals"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_risk_assessments")),
        sa.UniqueConstraint("referral_id", name=op.f("uq_risk_assessments_referral_id")),
    )
    op.create_table(
        "triage_decisions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("referral_id", sa.Uuid(), nullable=False),
        sa.Column("outcome", sa.String(32), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=True),
        sa.Column("recommendations", sa.Text(), nullable=True),
        sa.Column("review_date", sa.Date(), nullable=True),
        sa.Column("forum", sa.String(length=32), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("decided_by_id", sa.Uuid(), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["cases.id"],
            name=op.f("fk_triage_decisions_case_id_cases"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["referral_id"],
            ["referrals.id"],
            name=op.f("fk_triage_decisions_referral_id_referrals"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_triage_decisions")),
        sa.UniqueConstraint("referral_id", name=op.f("uq_triage_decisions_referral_id")),
    )
    op.create_table(
        "idempotency_keys",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("caller", sa.String(length=64), nullable=False),
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.Column("request_hash", sa.String(length=64), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=True),
        sa.Column("response_body", sa.JSON(), nullable=True),
        sa.Column("location", sa.String(length=500), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_idempotency_keys")),
        sa.UniqueConstraint("caller", "key", name=op.f("uq_idempotency_keys_caller")),
    )
    op.create_index(
        op.f("ix_idempotency_keys_expires_at"), "idempotency_keys", ["expires_at"], unique=False
    )


def downgrade() -> None:
    # Dropping a table drops its indexes.
    op.drop_table("idempotency_keys")
    op.drop_table("triage_decisions")
    op.drop_table("risk_assessments")
    op.drop_table("person_name_keys")
    op.drop_table("people")
    op.drop_table("referrals")
    op.drop_table("cases")
