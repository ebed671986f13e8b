"""Risk instruments (DASH, each area's ASB matrix) as versioned data, validated on creation."""

from collections import Counter
from dataclasses import dataclass
from enum import StrEnum

from domain.errors import InvalidInstrumentError


class ScoringMode(StrEnum):
    """How answers become a score: ticks (DASH 'yes' count) or a weighted sum (ASB matrix)."""

    TICKS = "ticks"
    WEIGHTED_SUM = "weighted_sum"


@dataclass(frozen=True)
class AnswerOption:
    """One answer a question allows, with what it adds to the score."""

    value: str
    label: str
    weight: int


@dataclass(frozen=True)
class Question:
    """One item of an instrument; `order` is its number on the printed form."""

    id: str
    order: int
    text: str
    options: tuple[AnswerOption, ...]
    section: str = ""

    def __post_init__(self) -> None:
        if not self.id.strip() or not self.text.strip():
            raise InvalidInstrumentError(f"question {self.order} needs an id and a text")
        if not self.options:
            raise InvalidInstrumentError(f"question '{self.id}' has no answer options")
        _no_duplicates([o.value for o in self.options], f"option in question '{self.id}'")
        if any(o.weight < 0 for o in self.options):
            raise InvalidInstrumentError(f"question '{self.id}' has a negative weight")

    @property
    def max_weight(self) -> int:
        """The most this question can add to the score."""
        return max(o.weight for o in self.options)

    def option_values(self) -> tuple[str, ...]:
        """The answers this question accepts, in the form's order."""
        return tuple(o.value for o in self.options)


@dataclass(frozen=True)
class Instrument:
    """A versioned risk instrument: a referral keeps the key and version it was scored on."""

    key: str
    version: str
    title: str
    scoring: ScoringMode
    threshold: int
    questions: tuple[Question, ...]

    def __post_init__(self) -> None:
        if not self.key.strip() or not self.version.strip():
            raise InvalidInstrumentError("an instrument needs a key and a version")
        if not self.questions:
            raise InvalidInstrumentError(f"{self.label} has no questions")
        _no_duplicates([q.id for q in self.questions], f"question id in {self.label}")
        orders = [q.order for q in self.questions]
        if orders != sorted(set(orders)):
            raise InvalidInstrumentError(f"{self.label}: question orders must rise without repeats")
        if self.scoring is ScoringMode.TICKS and any(
            o.weight not in (0, 1) for q in self.questions for o in q.options
        ):
            raise InvalidInstrumentError(f"{self.label}: a ticks instrument weighs answers 0 or 1")
        if not 0 < self.threshold <= self.max_score:
            raise InvalidInstrumentError(
                f"{self.label}: threshold must be between 1 and {self.max_score},"
                f" got {self.threshold}"
            )

    @property
    def label(self) -> str:
        """How messages name this instrument: key and version."""
        return f"{self.key} {self.version}"

    @property
    def max_score(self) -> int:
        """The highest score any set of answers can reach."""
        return sum(q.max_weight for q in self.questions)


def _no_duplicates(values: list[str], what: str) -> None:
    """Ids and option values are looked up by value, so each must be unique."""
    repeated = sorted(v for v, n in Counter(values).items() if n > 1)
    if repeated:
        raise InvalidInstrumentError(f"duplicate {what}: {', '.join(repeated)}")
