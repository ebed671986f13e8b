"""People named on a referral, and the key table person matching reads."""

import enum
import uuid
from datetime import date

from sqlalchemy import JSON, Boolean, Date, Enum, ForeignKey, Index, Integer, String, text
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
    # Summary fields the victim fears disclosed (domain.need_to_know.WITHHOLDABLE), marked at
    # referral: left out of the agenda, the minutes and case summaries.
    do_not_circulate: Mapped[list[str]] = mapped_column(JSON, default=list,
                                                        server_default=text("'[]'"))


# Every column a lookup reads or filters on: on PostgreSQL each lookup index carries them
# (INCLUDE), so matching is an index-only scan that never visits the table's pages.
KEY_COLUMNS = ("role", "person_id", "referral_id", "case_id", "is_alias", "full_key",
               "surname_key", "date_of_birth", "postcode_key", "outward_code", "given_key",
               "phonetic_key")


def _lookup_index(name: str, *columns: str) -> Index:
    carried = [c for c in KEY_COLUMNS if c not in columns]
    return Index(name, "panel_id", *columns, postgresql_include=carried)


class PersonNameKey(Base):
    """One row per name or alias of a person: each lookup is an index range scan on a
    composite index that starts with the panel (matching never crosses panels). `case_id` is
    the referral's case once triage accepts it, so repeat checks need not visit referrals."""

    __tablename__ = "person_name_keys"
    __table_args__ = (
        _lookup_index("ix_person_name_keys_full", "full_key"),
        _lookup_index("ix_person_name_keys_surname_dob", "surname_key", "date_of_birth"),
        _lookup_index("ix_person_name_keys_dob_postcode", "date_of_birth", "postcode_key"),
        _lookup_index("ix_person_name_keys_postcode", "postcode_key"),
        # Spelling variants: the name as it sounds.
        _lookup_index("ix_person_name_keys_phonetic", "phonetic_key"),
        # A one-letter typo leaves one word whole and half of the other: the whole word, then
        # the other's first half (a prefix range) or its last half (a prefix of it reversed).
        _lookup_index("ix_person_name_keys_given_surname", "given_key", "surname_key"),
        _lookup_index("ix_person_name_keys_given_surname_rev", "given_key", "surname_rev"),
        _lookup_index("ix_person_name_keys_surname_given", "surname_key", "given_key"),
        _lookup_index("ix_person_name_keys_surname_given_rev", "surname_key", "given_rev"),
        # Only accepted referrals' keys have a case: a new key adds no entry here.
        Index("ix_person_name_keys_case_id", "case_id",
              postgresql_where=text("case_id IS NOT NULL"),
              sqlite_where=text("case_id IS NOT NULL")),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    panel_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("panels.id", ondelete="CASCADE"))
    person_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), index=True)
    referral_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("referrals.id", ondelete="CASCADE"), index=True)
    case_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("cases.id", ondelete="SET NULL"), default=None)
    role: Mapped[PersonRole] = mapped_column(
        Enum(PersonRole, name="person_role", native_enum=False, length=32))
    is_alias: Mapped[bool] = mapped_column(Boolean, default=False)
    full_key: Mapped[str] = mapped_column(String(200))
    surname_key: Mapped[str] = mapped_column(String(200))
    given_key: Mapped[str] = mapped_column(String(200), default="", server_default="")
    # given_key and surname_key reversed: a prefix of them is the end of the word
    given_rev: Mapped[str] = mapped_column(String(200), default="", server_default="")
    surname_rev: Mapped[str] = mapped_column(String(200), default="", server_default="")
    phonetic_key: Mapped[str] = mapped_column(String(120), default="", server_default="")
    date_of_birth: Mapped[date | None] = mapped_column(Date)
    postcode_key: Mapped[str | None] = mapped_column(String(16))
    outward_code: Mapped[str | None] = mapped_column(String(16))
