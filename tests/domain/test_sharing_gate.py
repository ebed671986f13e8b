"""The sharing gate: consent given, or an approved and not withdrawn decision, is a basis."""

import pytest

from domain.sharing_gate import Basis, DecisionFacts, DecisionStatus, MissingBasis, sharing_basis

S = DecisionStatus


def _d(*statuses: DecisionStatus) -> list[DecisionFacts]:
    return [DecisionFacts(f"d{i}", s) for i, s in enumerate(statuses)]


@pytest.mark.parametrize(("consent", "decisions", "expected"), [
    pytest.param("given", [], Basis("consent"), id="consent-given"),
    pytest.param("given", _d(S.withdrawn), Basis("consent"), id="consent-beats-withdrawn"),
    pytest.param("refused", _d(S.approved), Basis("decision", "d0"), id="approved-decision"),
    pytest.param("not_sought", _d(S.approved, S.approved), Basis("decision", "d1"),
                 id="latest-approved"),
    pytest.param("refused", _d(S.approved, S.withdrawn), Basis("decision", "d0"),
                 id="other-approved-still-covers"),
    pytest.param("refused", [], MissingBasis("refused", pending=False, withdrawn=False),
                 id="refused-no-decision"),
    pytest.param(None, [], MissingBasis(None, pending=False, withdrawn=False),
                 id="no-consent-on-record"),
    pytest.param("refused", _d(S.withdrawn), MissingBasis("refused", False, True),
                 id="withdrawn-decision"),
    pytest.param("not_sought", _d(S.submitted), MissingBasis("not_sought", True, False),
                 id="submitted-not-approved"),
    pytest.param("refused", _d(S.drafted, S.refused), MissingBasis("refused", True, False),
                 id="draft-and-refused"),
])
def test_a_case_has_a_basis_only_with_consent_or_an_approved_decision(
        consent: str | None, decisions: list[DecisionFacts],
        expected: Basis | MissingBasis) -> None:
    assert sharing_basis(consent, decisions) == expected


@pytest.mark.parametrize(("missing", "says"), [
    pytest.param(MissingBasis("refused", False, False),
                 "consent is refused and no approved sharing decision covers it.", id="plain"),
    pytest.param(MissingBasis("not_sought", True, False), "awaits approval", id="pending"),
    pytest.param(MissingBasis(None, False, True), "was withdrawn", id="withdrawn"),
    pytest.param(MissingBasis(None, False, False), "consent is unknown", id="unknown"),
])
def test_a_missing_basis_says_what_is_missing(missing: MissingBasis, says: str) -> None:
    assert says in missing.detail
