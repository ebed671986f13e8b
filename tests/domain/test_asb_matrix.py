"""The default community ASB vulnerability and risk matrix: 25 points is significant risk."""

import pytest

from domain import ASB_MATRIX_V1, ScoringMode, score

LOWEST = {q.id: q.options[0].value for q in ASB_MATRIX_V1.questions}
# An isolated victim with significant mental-health needs, very afraid, whose health and daily
# life suffer from weekly ASB that has gone on for over six months and is getting worse.
ISOLATED_AND_AFRAID = {
    **LOWEST,
    "mental_health": "significant",
    "isolation": "yes",
    "fear": "very",
    "health": "some",
    "daily_life": "some",
    "frequency": "weekly",
    "duration": "over_6_months",
    "escalation": "worse",
}


def test_the_matrix_covers_vulnerability_impact_and_pattern() -> None:
    sections = {q.section for q in ASB_MATRIX_V1.questions}
    assert sections == {"vulnerability", "impact", "pattern"}
    assert ASB_MATRIX_V1.scoring is ScoringMode.WEIGHTED_SUM
    assert (ASB_MATRIX_V1.threshold, ASB_MATRIX_V1.max_score) == (25, 45)


@pytest.mark.parametrize(
    ("answers", "points", "significant"),
    [
        pytest.param(LOWEST, 0, False, id="nothing of concern"),
        pytest.param(ISOLATED_AND_AFRAID, 25, True, id="the worked example reaches 25"),
        pytest.param({**ISOLATED_AND_AFRAID, "isolation": "partly"}, 23, False,
                     id="the same victim with some support falls short"),
        pytest.param({**ISOLATED_AND_AFRAID, "frequency": "daily"}, 27, True,
                     id="daily ASB adds two"),
    ],
)
def test_matrix_scores(answers: dict[str, str], points: int, significant: bool) -> None:
    assessment = score(ASB_MATRIX_V1, answers)
    assert (assessment.score, assessment.threshold_met) == (points, significant)
    assert assessment.describe() == f"{points} points on asb-matrix 2024-v1 (25 needed)"
