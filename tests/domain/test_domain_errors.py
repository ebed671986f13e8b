"""Every rule violation is a DomainError with its own stable code for the API to map."""

import pytest

import domain
from domain import DomainError


def all_error_classes() -> list[type[DomainError]]:
    return [DomainError, *DomainError.__subclasses__()]


def test_every_error_class_is_exported_and_has_its_own_code() -> None:
    codes = [error.code for error in all_error_classes()]
    assert len(codes) == len(set(codes)) == 15
    assert all(getattr(domain, error.__name__) is error for error in all_error_classes())


@pytest.mark.parametrize(
    ("error", "code"),
    [
        pytest.param(domain.AnswerCountError, "answer-count", id="answer count"),
        pytest.param(domain.UnknownInstrumentError, "unknown-instrument", id="unknown instrument"),
        pytest.param(domain.InvalidDateOrderError, "invalid-date-order", id="date order"),
        pytest.param(domain.MissingRationaleError, "missing-rationale", id="missing rationale"),
    ],
)
def test_codes_named_in_the_issue_are_stable(error: type[DomainError], code: str) -> None:
    assert error.code == code
    assert issubclass(error, DomainError)


def test_a_new_error_class_must_declare_its_own_code() -> None:
    with pytest.raises(TypeError, match="LazyError must declare its own stable code"):
        type("LazyError", (DomainError,), {})
