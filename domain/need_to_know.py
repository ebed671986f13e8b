"""Need to know: which view of a case each panel role reads, and what each view holds.

The full referral stays with its referrer, the coordinator and the chair; the IDVA, who speaks
for the victim, reads what the victim's safety plan needs; an agency representative reads the
minimal case summary (SafeLives; Kent protocol 6.5), and only of cases on a meeting their agency
is invited to. Details the victim fears disclosed, marked at referral, never leave in anything
circulated (agenda, minutes, case summary).
"""

from collections.abc import Iterable, Mapping
from enum import StrEnum


class Reading(StrEnum):
    """What a role on the panel reads of a case, widest first."""

    FULL = "full"
    SAFETY_PLAN = "safety_plan"
    SUMMARY = "summary"
    NONE = "none"


# Panel roles and the widest view each gives (role names as in the security layer).
_BY_ROLE = {"coordinator": Reading.FULL, "chair": Reading.FULL,
            "idva": Reading.SAFETY_PLAN, "agency_representative": Reading.SUMMARY}
_WIDTH = tuple(Reading)


def case_reading(roles: Iterable[str]) -> Reading:
    """The widest view any of the caller's roles on the panel gives (referrers and analysts:
    none, as a referrer reads only its own agency's referrals)."""
    views = [_BY_ROLE.get(role, Reading.NONE) for role in roles]
    return min(views, key=_WIDTH.index, default=Reading.NONE)


# The fields a victim may mark at referral as feared disclosed, per person (say the address of
# a refuge, or a new name). Names stay: a summary must say whom it is about.
WITHHOLDABLE = ("aliases", "date_of_birth", "address", "postcode")

# The IDVA's safety-plan view: how to reach the victim safely, who and what they are at risk
# from, and the children to keep safe. Not the referrer's narrative or judgement, the triage
# record, the household's other members, ethnicity, sexuality or GP.
SAFETY_PLAN_VICTIM = ("given_names", "family_name", "aliases", "date_of_birth", "address",
                      "postcode", "accommodation", "phone", "safe_to_call", "safe_times",
                      "preferred_contact", "disability", "pregnant", "pregnancy_details")
SAFETY_PLAN_PERPETRATOR = ("given_names", "family_name", "aliases", "date_of_birth", "address",
                           "postcode", "relationship_to_victim")
SAFETY_PLAN_CHILD = ("given_names", "family_name", "date_of_birth", "address", "postcode",
                     "school")
SAFETY_PLAN_REFERRAL = ("victim_aware", "victim_unaware_reason", "consent_status",
                        "victim_fears", "safe_to_talk_to", "unsafe_to_talk_to",
                        "risks_identified")


def withheld(person: Mapping[str, object], marked: Iterable[str]) -> dict[str, object]:
    """A person's circulated details with the fields marked as feared disclosed left empty."""
    hidden = set(marked) & set(WITHHOLDABLE)
    return {name: (_empty(value) if name in hidden else value)
            for name, value in person.items()}


def _empty(value: object) -> object:
    return [] if isinstance(value, list) else None


def only(record: Mapping[str, object], fields: Iterable[str]) -> dict[str, object]:
    """The named fields of a record, and nothing else it carries."""
    return {name: record.get(name) for name in fields}
