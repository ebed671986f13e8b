"""A sharing decision's life: drafted, submitted, approved or refused, withdrawn; four eyes."""

from datetime import date

import pytest

from domain.sharing_decisions import (
    DecisionAction,
    DecisionStateError,
    FourEyesError,
    ReviewDateError,
    check_four_eyes,
    check_review_date,
    next_status,
    review_overdue,
)
from domain.sharing_gate import DecisionStatus

S, A = DecisionStatus, DecisionAction


@pytest.mark.parametrize(("status", "action", "after"), [
    pytest.param(S.drafted, A.edit, S.drafted, id="edit-draft"),
    pytest.param(S.drafted, A.submit, S.submitted, id="submit"),
    pytest.param(S.submitted, A.approve, S.approved, id="approve"),
    pytest.param(S.submitted, A.refuse, S.refused, id="refuse"),
    pytest.param(S.approved, A.withdraw, S.withdrawn, id="withdraw"),
])
def test_allowed_steps(status: DecisionStatus, action: DecisionAction,
                       after: DecisionStatus) -> None:
    assert next_status(status, action) is after


@pytest.mark.parametrize(("status", "action"), [
    pytest.param(S.withdrawn, A.approve, id="approve-withdrawn"),
    pytest.param(S.drafted, A.approve, id="approve-unsubmitted"),
    pytest.param(S.refused, A.withdraw, id="withdraw-refused"),
    pytest.param(S.submitted, A.edit, id="edit-submitted"),
    pytest.param(S.approved, A.submit, id="resubmit"),
    pytest.param(S.approved, A.refuse, id="refuse-approved"),
])
def test_refused_steps(status: DecisionStatus, action: DecisionAction) -> None:
    with pytest.raises(DecisionStateError, match=status.value):
        next_status(status, action)


def test_the_proposer_cannot_decide() -> None:
    with pytest.raises(FourEyesError):
        check_four_eyes("u1", "u1")
    check_four_eyes("u1", "u2")


@pytest.mark.parametrize(("review", "ok"), [
    pytest.param(date(2026, 11, 24), False, id="yesterday"),
    pytest.param(date(2026, 11, 25), True, id="today"),
    pytest.param(date(2027, 1, 1), True, id="later"),
])
def test_review_date_not_in_the_past(review: date, ok: bool) -> None:
    if ok:
        check_review_date(review, date(2026, 11, 25))
    else:
        with pytest.raises(ReviewDateError):
            check_review_date(review, date(2026, 11, 25))


@pytest.mark.parametrize(("review", "status", "overdue"), [
    pytest.param(date(2026, 11, 24), S.approved, True, id="approved-past"),
    pytest.param(date(2026, 11, 24), S.submitted, True, id="submitted-past"),
    pytest.param(date(2026, 11, 25), S.approved, False, id="due-today"),
    pytest.param(date(2026, 11, 24), S.withdrawn, False, id="withdrawn-settled"),
    pytest.param(date(2026, 11, 24), S.refused, False, id="refused-settled"),
])
def test_review_overdue(review: date, status: DecisionStatus, overdue: bool) -> None:
    assert review_overdue(review, date(2026, 11, 25), status) is overdue
