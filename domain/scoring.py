"""Scoring an assessment: every question answered once, with one of its own options."""

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from domain.errors import AnswerCountError, InvalidAnswerError
from domain.instruments import Instrument, ScoringMode

Answers = Mapping[str, str] | Iterable[tuple[str, str]]


@dataclass(frozen=True)
class ScoredAssessment:
    """A scored checklist; it remembers the instrument version it was scored on."""

    instrument_key: str
    instrument_version: str
    scoring: ScoringMode
    score: int
    threshold: int
    threshold_met: bool
    answers: tuple[tuple[str, str], ...]

    def describe(self) -> str:
        """The score as a coordinator reads it: '14 yes answers on dash 2009-v1 (14 needed)'."""
        counted = "yes answers" if self.scoring is ScoringMode.TICKS else "points"
        return (
            f"{self.score} {counted} on {self.instrument_key} {self.instrument_version}"
            f" ({self.threshold} needed)"
        )


def score(instrument: Instrument, answers: Answers) -> ScoredAssessment:
    """Risk instruments: the score is the sum of the chosen options' weights (DASH: 'yes' = 1)."""
    pairs = list(answers.items() if isinstance(answers, Mapping) else answers)
    chosen = _check_questions(instrument, pairs)
    total = 0
    for question in instrument.questions:
        weights = {o.value: o.weight for o in question.options}
        if chosen[question.id] not in weights:
            raise InvalidAnswerError(
                f"the answer to question '{question.id}' is not one of its options"
                f" ({', '.join(question.option_values())})"
            )
        total += weights[chosen[question.id]]
    return ScoredAssessment(
        instrument_key=instrument.key,
        instrument_version=instrument.version,
        scoring=instrument.scoring,
        score=total,
        threshold=instrument.threshold,
        threshold_met=total >= instrument.threshold,
        answers=tuple((q.id, chosen[q.id]) for q in instrument.questions),
    )


def _check_questions(instrument: Instrument, pairs: list[tuple[str, str]]) -> dict[str, str]:
    """Every question exactly once; unknown ids are counted, never echoed (they are input)."""
    known = {q.id for q in instrument.questions}
    unknown = sum(1 for question_id, _ in pairs if question_id not in known)
    if unknown:
        raise InvalidAnswerError(f"{unknown} answer(s) name questions not in {instrument.label}")
    repeated = sorted(q for q, n in Counter(q for q, _ in pairs).items() if n > 1)
    if repeated:
        raise InvalidAnswerError(f"questions answered more than once: {', '.join(repeated)}")
    if len(pairs) != len(known):
        missing = [q.id for q in instrument.questions if q.id not in dict(pairs)]
        raise AnswerCountError(
            f"{instrument.label} needs {len(known)} answers, got {len(pairs)}"
            f" (missing: {', '.join(missing)})"
        )
    return dict(pairs)
