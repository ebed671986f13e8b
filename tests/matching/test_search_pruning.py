"""What a search lists when its typo scans read wide ranges, and how people matched by an
alias alone are grouped (people search loads only the people it shows)."""

import fnmatch
import re

import pytest
from rapidfuzz.distance import OSA

from api.people.matching import _one_edit_patterns
from api.people.one_edit import near_pattern
from tests.matching.test_candidates import referral_ids
from tests.matching.test_search import _search, _submit
from tests.referrals.factories import person


def test_a_typo_scan_lists_only_names_close_to_the_searched_one(client, act_as, world):
    """'Aron Roberts' scans every Roberts whose given name starts with 'a' or ends with 'n'
    (one letter off leaves one of them): only the one a letter off is a match, not Amy or
    Ryan Roberts, though they share the surname and the date of birth."""
    act_as(world.coordinator)
    aaron = _submit(client, world.panel.id, person("Aaron", "Roberts",
                                                   date_of_birth="1985-08-30"))
    for given in ("Amy", "Ryan", "Alan"):
        _submit(client, world.panel.id, person(given, "Roberts", date_of_birth="1985-08-30"))
    for terms in ({}, {"date_of_birth": "1985-08-30"}):
        found = _search(client, world, name="Aron Roberts", **terms)
        assert referral_ids(found) == [aaron], terms
        assert "one_letter_off" in found["items"][0]["reasons"]


def test_a_surname_search_still_lists_the_surname(client, act_as, world):
    """A one-word search runs no typo scan: the surname alone still finds everyone."""
    act_as(world.coordinator)
    ids = {_submit(client, world.panel.id, person(given, "Quarrendon",
                                                  date_of_birth="1970-01-01"))
           for given in ("Amy", "Ryan")}
    found = _search(client, world, name="Quarrendon")
    assert set(referral_ids(found)) == ids


def test_people_matched_by_an_alias_alone_are_grouped_by_their_name_as_given(
        client, act_as, world):
    act_as(world.coordinator)
    alias = {"aliases": ["Mary Tresillian"]}
    first = _submit(client, world.panel.id, person("Maria", "Lopez-Varga",
                                                   date_of_birth="1979-09-09", **alias))
    again = _submit(client, world.panel.id, person("Maria", "Lopez Varga",
                                                   date_of_birth="1979-09-09", **alias))
    namesake = _submit(client, world.panel.id, person("Maria", "Lopez-Varga",
                                                      date_of_birth="1966-06-06", **alias))
    found = _search(client, world, name="Mary Tresillian")
    assert len(found["items"]) == 2
    by_dob = {item["date_of_birth"]: item for item in found["items"]}
    assert {r["referral_id"] for r in by_dob["1979-09-09"]["referrals"]} == {first, again}
    assert [r["referral_id"] for r in by_dob["1966-06-06"]["referrals"]] == [namesake]
    assert all("alias" in item["reasons"] for item in found["items"])
    assert by_dob["1979-09-09"]["family_name"] in ("Lopez-Varga", "Lopez Varga")


def test_a_limit_keeps_the_best_people_and_says_more_match(client, act_as, world):
    act_as(world.coordinator)
    for dob in ("1990-01-01", "1991-01-01", "1992-01-01"):
        _submit(client, world.panel.id, person("Nancy", "Fairweather", date_of_birth=dob))
    exact = _submit(client, world.panel.id, person("Nancy", "Fairweather",
                                                   date_of_birth="1993-03-03"))
    found = _search(client, world, name="Nancy Fairweather", date_of_birth="1993-03-03",
                    limit=1)
    assert referral_ids(found) == [exact] and found["truncated"] is True
    found = _search(client, world, name="Nancy Fairweather", limit=2)
    assert len(found["items"]) == 2 and found["truncated"] is True


def _neighbours(word: str, letters: str) -> set[str]:
    """Every word one edit (a letter dropped, added, changed, or two neighbours swapped) away."""
    out = {word}
    for i in range(len(word) + 1):
        for c in letters:
            out.add(word[:i] + c + word[i:])
            if i < len(word):
                out.add(word[:i] + c + word[i + 1:])
        if i < len(word):
            out.add(word[:i] + word[i + 1:])
        if i < len(word) - 1:
            out.add(word[:i] + word[i + 1] + word[i] + word[i + 2:])
    return out


def _like(text: str, pattern: str) -> bool:
    return fnmatch.fnmatchcase(text, pattern.replace("%", "*"))


@pytest.mark.parametrize("word", ["a", "ab", "aba", "aron", "roberts", "abba", "zoë", "aabbaa"])
def test_the_typo_scans_sql_filter_keeps_every_word_one_edit_away(word):
    """The LIKE patterns a typo scan filters its range by drop nothing one edit away (so the
    scans find what they found before), whichever half the scan keeps."""
    head, tail = _one_edit_patterns(word)
    for near in _neighbours(word, sorted(set(word + "xë"))):
        assert OSA.distance(near, word) <= 1
        assert _like(near, head[0]) or _like(near, head[1]), (near, head)
        assert _like(near, tail[0]) or _like(near, tail[1]), (near, tail)


def test_the_typo_scans_sql_filter_drops_most_of_a_wide_range():
    head, tail = _one_edit_patterns("aron")
    far = ["amy", "alice", "adam", "ali", "ava"]
    assert not any(_like(w, head[0]) or _like(w, head[1]) for w in far)
    assert not any(_like(w, tail[0]) or _like(w, tail[1]) for w in ["ryan", "dean", "ian"])


@pytest.mark.parametrize("word", ["a", "ab", "aba", "aron", "saan", "abba", "zoë", "aabbaa"])
def test_a_short_words_typo_scan_keeps_exactly_the_words_one_edit_away(word):
    """The pattern a short word's typo scan filters by keeps every word one edit away (so the
    scans find what they found before) and nothing further (so ranking drops nothing sent)."""
    pattern = re.compile(near_pattern(word))
    letters = sorted(set(word + "xë"))
    near = _neighbours(word, letters)
    for candidate in near | {w for n in near for w in _neighbours(n, letters)}:
        assert bool(pattern.search(candidate)) == (OSA.distance(candidate, word) <= 1)


def test_a_long_words_typo_scan_leaves_the_pattern_out():
    assert near_pattern("roberts") == "" and re.search(near_pattern("roberts"), "anything")


def test_the_surname_alone_is_searched_when_the_scans_read_only_names_not_close(
        client, act_as, world):
    """The fallback is held back while the lookups read rows; when none of them is close to
    the name, the surname alone is still searched."""
    act_as(world.coordinator)
    _submit(client, world.panel.id, person("Bartholomew", "Quantrie", date_of_birth="1980-01-01"))
    zed = _submit(client, world.panel.id, person("Zed", "Quarrie", date_of_birth="1981-01-01"))
    found = _search(client, world, name="Bartholomew Quarrie")
    assert referral_ids(found) == [zed]
    assert found["items"][0]["reasons"] == ["surname"]
