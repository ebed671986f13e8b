"""Match keys ignore case, accents, spacing, hyphens and punctuation."""

import pytest

from api.people.normalise import name_key, outward_code, postcode_key, surname_key


@pytest.mark.parametrize(("a", "b"), [
    pytest.param("Zoë Brontë", "zoe bronte", id="accents-and-case"),
    pytest.param("Anne-Marie O'Brien", "Anne Marie OBrien", id="hyphen-apostrophe"),
    pytest.param("  Mary   Ann ", "MaryAnn", id="spacing"),
    pytest.param("ŁUKASZ", "łukasz", id="case-folding"),
    pytest.param("José", "Jose\u0301", id="composed-vs-decomposed"),
])
def test_equivalent_names_share_a_key(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


def test_different_names_differ() -> None:
    assert name_key("Alex Example") != name_key("Alex Sample")


def test_surname_key_is_the_last_word() -> None:
    assert surname_key("Jo  Smith-Jones") == "jones"


def test_postcodes() -> None:
    assert postcode_key(" sw1a 1aa ") == "SW1A1AA"
    assert outward_code("sw1a 1aa") == "SW1A"
    assert outward_code("M1 1AE") == "M1"
    assert postcode_key("  ") is None and postcode_key(None) is None
