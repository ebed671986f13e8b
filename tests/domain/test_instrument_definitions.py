"""Risk instruments are versioned data: loaded from plain data, validated, looked up by version."""

import copy
from typing import Any

import pytest

from domain import (
    ASB_MATRIX_V1,
    DASH_2009_V1,
    DEFAULT_REGISTRY,
    AnswerOption,
    Instrument,
    InstrumentRegistry,
    InvalidInstrumentError,
    Question,
    ScoringMode,
    UnknownInstrumentError,
    instrument_from_dict,
    instrument_to_dict,
    score,
)


def make_matrix_data(**overrides: Any) -> dict[str, Any]:
    """A panel's own two-question matrix, as it would be stored in JSON."""
    data: dict[str, Any] = {
        "key": "redbridge-asb",
        "version": "2024-04",
        "title": "Redbridge ASB risk assessment",
        "scoring": "weighted_sum",
        "threshold": 5,
        "questions": [
            {"id": "repeat_calls", "order": 2, "text": "Repeat calls?", "options": [
                {"value": "no", "label": "No", "weight": 0},
                {"value": "yes", "label": "Yes", "weight": 3}]},
            {"id": "fear", "order": 1, "text": "Afraid?", "section": "impact", "options": [
                {"value": "no", "label": "No", "weight": 0},
                {"value": "yes", "label": "Yes", "weight": 4}]},
        ],
    }
    data.update(overrides)
    return data


def with_question_change(**changes: Any) -> dict[str, Any]:
    data = make_matrix_data()
    data["questions"] = copy.deepcopy(data["questions"])
    data["questions"][0].update(changes)
    return data


@pytest.mark.parametrize("instrument", [pytest.param(DASH_2009_V1, id="dash"),
                                        pytest.param(ASB_MATRIX_V1, id="asb matrix")])
def test_built_in_instruments_round_trip_through_plain_data(instrument: Instrument) -> None:
    assert instrument_from_dict(instrument_to_dict(instrument)) == instrument


def test_a_panel_matrix_loads_sorted_by_order_and_scores() -> None:
    matrix = instrument_from_dict(make_matrix_data())
    assert [q.id for q in matrix.questions] == ["fear", "repeat_calls"]
    assert [q.section for q in matrix.questions] == ["impact", ""]
    assessment = score(matrix, {"fear": "yes", "repeat_calls": "yes"})
    assert (assessment.score, assessment.threshold_met) == (7, True)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(["not", "an", "object"], "instrument must be an object", id="not an object"),
        pytest.param(make_matrix_data(threshold=0), "between 1 and 7, got 0",
                     id="non-positive threshold"),
        pytest.param(make_matrix_data(threshold=8), "between 1 and 7, got 8",
                     id="unreachable threshold"),
        pytest.param(make_matrix_data(threshold="25"), "'threshold' must be a whole number",
                     id="threshold as text"),
        pytest.param(make_matrix_data(threshold=True), "'threshold' must be a whole number",
                     id="threshold as a boolean"),
        pytest.param(make_matrix_data(scoring="median"), "unknown scoring mode",
                     id="unknown scoring mode"),
        pytest.param(make_matrix_data(questions=[]), "has no questions", id="no questions"),
        pytest.param(make_matrix_data(questions="q1"), "'questions' must be a list",
                     id="questions not a list"),
        pytest.param(make_matrix_data(key=" "), "needs a key and a version", id="blank key"),
        pytest.param(make_matrix_data(version=None), "'version' must be text", id="no version"),
        pytest.param(with_question_change(id="fear"), "duplicate question id .*: fear",
                     id="duplicate question ids"),
        pytest.param(with_question_change(order=1), "orders must rise without repeats",
                     id="duplicate orders"),
        pytest.param(with_question_change(options=[]), "'repeat_calls' has no answer options",
                     id="missing options"),
        pytest.param(with_question_change(text=""), "question 2 needs an id and a text",
                     id="blank question text"),
        pytest.param(with_question_change(section=3), "question 1: 'section' must be text",
                     id="section not text"),
        pytest.param(with_question_change(options=[{"value": "no", "label": "No", "weight": -1}]),
                     "'repeat_calls' has a negative weight", id="negative weight"),
        pytest.param(with_question_change(options=[{"value": "no", "label": "No", "weight": 0},
                                                   {"value": "no", "label": "N", "weight": 1}]),
                     "duplicate option in question 'repeat_calls': no", id="duplicate options"),
        pytest.param(with_question_change(options=["yes"]),
                     "question 1 option 1 must be an object", id="option not an object"),
        pytest.param(make_matrix_data(scoring="ticks"), "a ticks instrument weighs answers 0 or 1",
                     id="ticks with weights above 1"),
    ],
)
def test_malformed_instruments_are_refused(data: object, message: str) -> None:
    with pytest.raises(InvalidInstrumentError, match=message):
        instrument_from_dict(data)


def test_the_default_registry_finds_each_instrument_by_key_and_version() -> None:
    assert DEFAULT_REGISTRY.get("dash", "2009-v1") is DASH_2009_V1
    assert DEFAULT_REGISTRY.get("asb-matrix", "2024-v1") is ASB_MATRIX_V1
    assert DEFAULT_REGISTRY.versions("dash") == ("2009-v1",)


def test_an_unknown_version_is_refused_listing_the_known_ones() -> None:
    with pytest.raises(UnknownInstrumentError, match=r"'dash' \(known versions: 2009-v1\)"):
        DEFAULT_REGISTRY.get("dash", "2010-v9")


def test_an_unknown_key_is_refused_without_echoing_it() -> None:
    with pytest.raises(UnknownInstrumentError, match="known keys: asb-matrix, dash") as caught:
        DEFAULT_REGISTRY.get("Jane Doe", "2009-v1")
    assert "Jane" not in str(caught.value)
    with pytest.raises(UnknownInstrumentError, match="known keys: none"):
        InstrumentRegistry().get("dash", "2009-v1")


def test_a_panel_matrix_is_added_to_a_new_registry_and_cannot_be_added_twice() -> None:
    matrix = instrument_from_dict(make_matrix_data())
    registry = DEFAULT_REGISTRY.with_instrument(matrix)
    assert registry.get("redbridge-asb", "2024-04") == matrix
    assert DEFAULT_REGISTRY.versions("redbridge-asb") == ()
    with pytest.raises(InvalidInstrumentError, match="redbridge-asb 2024-04 is registered twice"):
        registry.with_instrument(matrix)


def test_instruments_can_be_built_directly_and_report_their_maximum() -> None:
    question = Question("q1", 1, "Afraid?", (AnswerOption("no", "No", 0),
                                             AnswerOption("yes", "Yes", 1)))
    instrument = Instrument("mini", "v1", "Mini", ScoringMode.TICKS, 1, (question,))
    assert (instrument.max_score, instrument.label) == (1, "mini v1")
