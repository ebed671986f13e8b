"""Instruments to and from plain data, as a panel stores its own matrix in JSON."""

from collections.abc import Mapping
from typing import Any, TypeVar

from domain.errors import InvalidInstrumentError
from domain.instruments import AnswerOption, Instrument, Question, ScoringMode

T = TypeVar("T")
_KINDS = {str: "text", int: "a whole number", list: "a list"}


def instrument_from_dict(data: object) -> Instrument:
    """Risk instruments are data: build one from plain data, rejecting anything malformed."""
    where = "instrument"
    scoring = _field(data, "scoring", str, where)
    if scoring not in {mode.value for mode in ScoringMode}:
        raise InvalidInstrumentError(
            f"unknown scoring mode; use one of {', '.join(m.value for m in ScoringMode)}"
        )
    raw_questions = _field(data, "questions", list, where)
    questions = [_question(raw, n) for n, raw in enumerate(raw_questions, start=1)]
    return Instrument(
        key=_field(data, "key", str, where),
        version=_field(data, "version", str, where),
        title=_field(data, "title", str, where),
        scoring=ScoringMode(scoring),
        threshold=_field(data, "threshold", int, where),
        questions=tuple(sorted(questions, key=lambda q: q.order)),
    )


def instrument_to_dict(instrument: Instrument) -> dict[str, Any]:
    """The plain-data form `instrument_from_dict` reads back unchanged."""
    return {
        "key": instrument.key,
        "version": instrument.version,
        "title": instrument.title,
        "scoring": instrument.scoring.value,
        "threshold": instrument.threshold,
        "questions": [
            {"id": q.id, "order": q.order, "text": q.text, "section": q.section,
             "options": [{"value": o.value, "label": o.label, "weight": o.weight}
                         for o in q.options]}
            for q in instrument.questions
        ],
    }


def _question(raw: object, position: int) -> Question:
    """One question; `position` (1-based, in the list) names it before its id is known."""
    where = f"question {position}"
    raw_options = _field(raw, "options", list, where)
    section = _field(raw, "section", str, where) if "section" in _mapping(raw, where) else ""
    return Question(
        id=_field(raw, "id", str, where),
        order=_field(raw, "order", int, where),
        text=_field(raw, "text", str, where),
        options=tuple(_option(o, f"{where} option {n}") for n, o in enumerate(raw_options, 1)),
        section=section,
    )


def _option(raw: object, where: str) -> AnswerOption:
    """One answer option: value, label and a whole-number weight."""
    return AnswerOption(
        value=_field(raw, "value", str, where),
        label=_field(raw, "label", str, where),
        weight=_field(raw, "weight", int, where),
    )


def _mapping(raw: object, where: str) -> Mapping[str, object]:
    """Plain data: every level of an instrument is a JSON object."""
    if not isinstance(raw, Mapping):
        raise InvalidInstrumentError(f"{where} must be an object")
    return raw


def _field(raw: object, name: str, kind: type[T], where: str) -> T:
    """One field of the right type; a bool is not a number even though Python says so."""
    value = _mapping(raw, where).get(name)
    if not isinstance(value, kind) or isinstance(value, bool):
        raise InvalidInstrumentError(f"{where}: '{name}' must be {_KINDS[kind]}")
    return value
