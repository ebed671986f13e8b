"""The MARAC rules as pure data and functions: no web, database or validation framework."""

from domain.asb_matrix_data import ASB_MATRIX_V1
from domain.community_criteria import (
    DEFAULT_COMMUNITY_RULES,
    CommunityRules,
    Vulnerability,
    assess_community_referral,
)
from domain.criteria import (
    DEFAULT_DOMESTIC_ABUSE_RULES,
    DomesticAbuseRules,
    assess_domestic_abuse_referral,
)
from domain.dates import add_months, age_on
from domain.errors import (
    AnswerCountError,
    DecisionStateError,
    DomainError,
    FourEyesError,
    InvalidAnswerError,
    InvalidConfigError,
    InvalidDateOrderError,
    InvalidInstrumentError,
    MissingRationaleError,
    NotAWorkingDayError,
    ReviewDateError,
    UnknownInstrumentError,
    UnknownSubdivisionError,
    UnknownVulnerabilityError,
    WrongInstrumentError,
)
from domain.instrument_data import DASH_2009_V1
from domain.instrument_io import instrument_from_dict, instrument_to_dict
from domain.instruments import AnswerOption, Instrument, Question, ScoringMode
from domain.meeting_calendar import (
    DEFAULT_MEETING_RULES,
    Cadence,
    MeetingDeadlines,
    MeetingRules,
    heard_in_time,
    hearing_deadline,
    meeting_deadlines,
    meets_cutoff,
    referral_cutoff,
    require_working_day,
)
from domain.registry import DEFAULT_REGISTRY, InstrumentRegistry
from domain.scheduling import ScheduleWarning, Scheduling, schedule_referral
from domain.scoring import ScoredAssessment, score
from domain.verdicts import Criterion, CriterionResult, Verdict
from domain.windows import flag_expires_on, is_flagged, is_repeat, repeat_window_end
from domain.working_days import (
    Subdivision,
    add_working_days,
    is_working_day,
    parse_subdivision,
    working_days_before,
)

__all__ = [
    "ASB_MATRIX_V1",
    "DASH_2009_V1",
    "DEFAULT_COMMUNITY_RULES",
    "DEFAULT_DOMESTIC_ABUSE_RULES",
    "DEFAULT_MEETING_RULES",
    "DEFAULT_REGISTRY",
    "AnswerCountError",
    "AnswerOption",
    "Cadence",
    "CommunityRules",
    "Criterion",
    "CriterionResult",
    "DecisionStateError",
    "DomainError",
    "DomesticAbuseRules",
    "FourEyesError",
    "Instrument",
    "InstrumentRegistry",
    "InvalidAnswerError",
    "InvalidConfigError",
    "InvalidDateOrderError",
    "InvalidInstrumentError",
    "MeetingDeadlines",
    "MeetingRules",
    "MissingRationaleError",
    "NotAWorkingDayError",
    "Question",
    "ReviewDateError",
    "ScheduleWarning",
    "Scheduling",
    "ScoredAssessment",
    "ScoringMode",
    "Subdivision",
    "UnknownInstrumentError",
    "UnknownSubdivisionError",
    "UnknownVulnerabilityError",
    "Verdict",
    "Vulnerability",
    "WrongInstrumentError",
    "add_months",
    "add_working_days",
    "age_on",
    "assess_community_referral",
    "assess_domestic_abuse_referral",
    "flag_expires_on",
    "heard_in_time",
    "hearing_deadline",
    "instrument_from_dict",
    "instrument_to_dict",
    "is_flagged",
    "is_repeat",
    "is_working_day",
    "meeting_deadlines",
    "meets_cutoff",
    "parse_subdivision",
    "referral_cutoff",
    "repeat_window_end",
    "require_working_day",
    "schedule_referral",
    "score",
    "working_days_before",
]
