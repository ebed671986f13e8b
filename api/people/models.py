"""People named on a referral, and the key table person matching reads."""

import enum
import uuid
from datetime import date

from sqlalchemy import JSON, Boolean, Date, Enum, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from api.db import Base, new_id


class PersonRole(enum.StrEnum):
    victim = "victim"
    perpetrator = "perpetrator"
    child = "child"
    household_member = "household_member"


class Person(Base):
    """One person as a referral names them; the same human on two referrals is two rows,
    linked only when a coordinator confirms a repeat (nothing is merged silently)."""

    __tablename__ = "people"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    referral_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("referrals.id", ondelete="CASCADE"), index=True)
    panel_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("panels.id", ondelete="CASCADE"))
    role: Mapped[PersonRole] = mapped_column(
        Enum(PersonRole, name="person_role", native_enum=False, length=32))
    position: Mapped[int] = mapped_column(Integer, default=0)
    given_names: Mapped[str] = mapped_column(String(200))
    family_name: Mapped[str] = mapped_column(String(200))
    aliases: Mapped[list[str]] = mapped_column(JSON, default=list)
    date_of_birth: Mapped[date | None] = mapped_column(Date)
    gender: Mapped[str | None] = mapped_column(String(100))
    ethnicity: Mapped[str | None] = mapped_column(String(100))
    disability: Mapped[str | None] = mapped_column(String(100))
    sexuality: Mapped[str | None] = mapped_column(String(100))
    address: Mapped[str | None] = mapped_column(String(500))
    postcode: Mapped[str | None] = mapped_column(String(16))
    accommodation: Mapped[str | None] = mapped_column(String(100))
    phone: Mapped[str | None] = mapped_column(String(32))
    safe_to_call: Mapped[bool | None] = mapped_column(Boolean)
    safe_times: Mapped[str | None] = mapped_column(String(200))
    preferred_contact: Mapped[str | None] = mapped_column(String(32))
    gp: Mapped[str | None] = mapped_column(String(500))
    pregnant: Mapped[bool | None] = mapped_column(Boolean)
    pregnancy_details: Mapped[str | None] = mapped_column(String(1000))
    school: Mapped[str | None] = mapped_column(String(200))
    relationship_to_victim: Mapped[str | None] = mapped_column(String(100))


class PersonNameKey(Base):
    """One row per name or alias of a person: each lookup is an index range scan on a
    composite index that starts with the panel (matching never crosses panels)."""

    __tablename__ = "person_name_keys"
    __table_args__ = (
        Index("ix_person_name_keys_full", "panel_id", "full_key"),
        Index("ix_person_name_keys_surname_dob", "panel_id", "surname_key", "date_of_birth"),
        Index("ix_person_name_keys_dob_postcode", "panel_id", "date_of_birth", "postcode_key"),
        Index("ix_person_name_keys_postcode", "panel_id", "postcode_key"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    panel_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("panels.id", ondelete="CASCADE"))
    person_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), index=True)
    referral_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("referrals.id", ondelete="CASCADE"), index=True)
    role: Mapped[PersonRole] = mapped_column(
        Enum(PersonRole, name="person_role", native_enum=False, length=32))
    is_alias: Mapped[bool] = mapped_column(Boolean, default=False)
    full_key: Mapped[str] = mapped_column(String(200))
    surname_key: Mapped[str] = mapped_column(String(200))
    date_of_birth: Mapped[date | None] = mapped_column(Date)
    postcode_key: Mapped[str | None] = mapped_column(String(16))
    outward_code: Mapped[str | None] = mapped_column(String(16))
