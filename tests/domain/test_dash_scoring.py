"""DASH: 24 questions answered yes / no / don't know; 14 or more 'yes' is visible high risk."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain import (
    DASH_2009_V1,
    AnswerCountError,
    InvalidAnswerError,
    ScoringMode,
    score,
)

QUESTION_IDS = [q.id for q in DASH_2009_V1.questions]


def dash_answers(yes: int = 0, dont_know: int = 0) -> dict[str, str]:
    """The first `yes` items ticked, the next `dont_know` unknown, the rest 'no'."""
    values = ["yes"] * yes + ["dont_know"] * dont_know
    values += ["no"] * (24 - len(values))
    return dict(zip(QUESTION_IDS, values, strict=True))


def test_dash_has_24_items_in_form_order_with_three_answers() -> None:
    assert [q.order for q in DASH_2009_V1.questions] == list(range(1, 25))
    assert {q.option_values() for q in DASH_2009_V1.questions} == {("yes", "no", "dont_know")}
    assert (DASH_2009_V1.threshold, DASH_2009_V1.scoring) == (14, ScoringMode.TICKS)


@pytest.mark.parametrize(
    ("yes", "dont_know", "expected_score", "high_risk"),
    [
        pytest.param(13, 0, 13, False, id="13 ticks is below the threshold"),
        pytest.param(14, 0, 14, True, id="14 ticks is visible high risk"),
        pytest.param(24, 0, 24, True, id="every item ticked"),
        pytest.param(0, 0, 0, False, id="nothing ticked"),
        pytest.param(13, 11, 13, False, id="13 yes and 11 don't know stays 13"),
        pytest.param(0, 24, 0, False, id="all don't know scores nothing"),
    ],
)
def test_only_yes_counts(yes: int, dont_know: int, expected_score: int, high_risk: bool) -> None:
    assessment = score(DASH_2009_V1, dash_answers(yes, dont_know))
    assert (assessment.score, assessment.threshold_met) == (expected_score, high_risk)


def test_the_scored_assessment_remembers_its_instrument_version_and_answers() -> None:
    assessment = score(DASH_2009_V1, dash_answers(yes=14))
    assert (assessment.instrument_key, assessment.instrument_version) == ("dash", "2009-v1")
    assert assessment.answers[0] == ("q1", "yes")
    assert assessment.answers[23] == ("q24", "no")
    assert assessment.describe() == "14 yes answers on dash 2009-v1 (14 needed)"


def test_answers_may_come_as_pairs_in_any_order() -> None:
    pairs = list(reversed(dash_answers(yes=14).items()))
    assert score(DASH_2009_V1, pairs) == score(DASH_2009_V1, dash_answers(yes=14))


def test_23_answers_is_an_answer_count_error_naming_the_missing_item() -> None:
    answers = dash_answers(yes=14)
    del answers["q7"]
    with pytest.raises(AnswerCountError, match=r"dash 2009-v1 needs 24 answers, got 23 .*q7"):
        score(DASH_2009_V1, answers)


def test_an_option_the_question_lacks_is_refused_without_echoing_it() -> None:
    answers = {**dash_answers(), "q3": "Jane Doe said maybe"}
    with pytest.raises(InvalidAnswerError, match="'q3' is not one of its options") as caught:
        score(DASH_2009_V1, answers)
    assert "Jane" not in str(caught.value)


def test_an_unknown_question_is_counted_not_echoed() -> None:
    answers = {**dash_answers(), "John Smith": "yes"}
    with pytest.raises(InvalidAnswerError, match="1 answer") as caught:
        score(DASH_2009_V1, answers)
    assert "John" not in str(caught.value)


def test_answering_a_question_twice_is_refused() -> None:
    pairs = [*dash_answers().items(), ("q5", "yes")]
    with pytest.raises(InvalidAnswerError, match="more than once: q5"):
        score(DASH_2009_V1, pairs)


@settings(max_examples=60, deadline=None)
@given(
    ticked=st.sets(st.sampled_from(QUESTION_IDS), min_size=14),
    rest=st.lists(st.sampled_from(["no", "dont_know"]), min_size=24, max_size=24),
)
def test_any_14_or_more_yes_answers_are_visible_high_risk(
    ticked: set[str], rest: list[str]
) -> None:
    pairs = zip(QUESTION_IDS, rest, strict=True)
    answers = {qid: "yes" if qid in ticked else other for qid, other in pairs}
    assessment = score(DASH_2009_V1, answers)
    assert assessment.score == len(ticked)
    assert assessment.threshold_met


@settings(max_examples=60, deadline=None)
@given(ticked=st.sets(st.sampled_from(QUESTION_IDS), max_size=13))
def test_fewer_than_14_yes_answers_are_never_visible_high_risk(ticked: set[str]) -> None:
    answers = {qid: "yes" if qid in ticked else "no" for qid in QUESTION_IDS}
    assert not score(DASH_2009_V1, answers).threshold_met


@settings(max_examples=60, deadline=None)
@given(
    answers=st.lists(st.sampled_from(["yes", "no", "dont_know"]), min_size=24, max_size=24),
    replaced=st.sets(st.integers(min_value=0, max_value=23)),
)
def test_replacing_no_with_dont_know_never_changes_the_score(
    answers: list[str], replaced: set[int]
) -> None:
    changed = [
        "dont_know" if i in replaced and value == "no" else value
        for i, value in enumerate(answers)
    ]
    before = score(DASH_2009_V1, dict(zip(QUESTION_IDS, answers, strict=True)))
    after = score(DASH_2009_V1, dict(zip(QUESTION_IDS, changed, strict=True)))
    assert (after.score, after.threshold_met) == (before.score, before.threshold_met)
