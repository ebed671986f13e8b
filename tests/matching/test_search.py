"""People search finds people: typos, spelling variants, look-alike letters, invisible
characters; one result per person; a conflicting date of birth is never certain."""

import pytest
from sqlalchemy import event

from tests.matching.test_candidates import referral_ids
from tests.referrals.factories import person, referral_body

REFERRALS = "/api/v1/referrals"
SEARCH = "/api/v1/people/search"


def _submit(client, panel_id, victim: dict) -> str:
    response = client.post(REFERRALS, json=referral_body(panel_id, victim=victim))
    assert response.status_code == 201, response.text
    return response.json()["id"]


def _search(client, world, **terms) -> dict:
    response = client.post(SEARCH, json={"panel_id": str(world.panel.id), **terms})
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.parametrize("typed", [
    pytest.param("Olvia Harrowgate", id="letter-dropped"),
    pytest.param("Olivia Harrowgat", id="last-letter-dropped"),
    pytest.param("Olivia Harrowgaet", id="letter-added"),
    pytest.param("Olivia Jarrowgate", id="first-letter-wrong"),
    pytest.param("Oilvia Harrowgate", id="letters-swapped"),
    pytest.param("Olivia Harrowgate", id="exact"),
])
def test_a_one_letter_typo_finds_the_person(client, act_as, world, typed):
    act_as(world.coordinator)
    rid = _submit(client, world.panel.id, person("Olivia", "Harrowgate",
                                                 date_of_birth="1990-05-01"))
    _submit(client, world.panel.id, person("Oliver", "Hartley", date_of_birth="1990-05-01"))
    found = _search(client, world, name=typed)
    assert referral_ids(found) == [rid]
    assert {"full_name", "one_letter_off", "sounds_like"} & set(found["items"][0]["reasons"])


@pytest.mark.parametrize(("stored", "typed"), [
    pytest.param(("Jon", "Smyth"), "John Smith", id="jon-smyth"),
    pytest.param(("Mohammed", "Quarrie"), "Muhammad Quarrie", id="mohammed"),
    pytest.param(("Catherine", "Moorcroft"), "Katherine Moorcroft", id="c-k"),
    pytest.param(("Stephen", "McDonald"), "Steven MacDonald", id="stephen-mac"),
])
def test_a_spelling_variant_sounds_alike(client, act_as, world, stored, typed):
    act_as(world.coordinator)
    rid = _submit(client, world.panel.id, person(*stored, date_of_birth="1980-02-02"))
    found = _search(client, world, name=typed, date_of_birth="1980-02-02")
    assert referral_ids(found) == [rid]
    [item] = found["items"]
    assert "sounds_like" in item["reasons"] and item["certainty"] == "probable"


def test_look_alike_letters_from_other_scripts_are_read_as_latin(client, act_as, world):
    act_as(world.coordinator)
    rid = _submit(client, world.panel.id, person("Sophie", "Popescu", date_of_birth="1985-03-03"))
    # Cyrillic 'Ѕ', 'о', 'р', 'е', 'с' and Greek 'ο' in place of Latin letters.
    found = _search(client, world, name="\u0405\u03bfphi\u0435 P\u043e\u0440\u0435\u0455\u0441u",
                    date_of_birth="1985-03-03")
    assert referral_ids(found) == [rid]
    assert found["items"][0]["certainty"] == "certain"
    # And the other way round: a name entered with look-alikes is found by its Latin spelling.
    other = _submit(client, world.panel.id, person("\u0410nna", "K\u0430rlsson",
                                                   date_of_birth="1986-04-04"))
    assert referral_ids(_search(client, world, name="Anna Karlsson")) == [other]


def test_invisible_and_bidi_characters_are_ignored_at_search(client, act_as, world):
    act_as(world.coordinator)
    rid = _submit(client, world.panel.id, person("Maya", "Thornbury", date_of_birth="1979-09-09"))
    typed = "\u202eMa\u200bya\u202c Thorn\u2066bury\u2069\u200f"
    found = _search(client, world, name=typed)
    assert referral_ids(found) == [rid] and "full_name" in found["items"][0]["reasons"]


@pytest.mark.parametrize("field", ["given_names", "family_name", "aliases"])
@pytest.mark.parametrize("control", ["\u202e", "\u2066", "\u200f", "\u061c"])
def test_bidi_controls_in_a_name_are_refused_at_intake(client, act_as, world, field, control):
    act_as(world.coordinator)
    victim = person("Evie", "Marsh", date_of_birth="1990-01-01")
    victim[field] = [f"Evie{control}Marsh"] if field == "aliases" else f"Ev{control}ie"
    response = client.post(REFERRALS, json=referral_body(world.panel.id, victim=victim))
    assert response.status_code == 422
    pointer = f"/body/victim/{field}" + ("/0" if field == "aliases" else "")
    [error] = response.json()["errors"]
    assert error["pointer"] == pointer and "bidirectional" in error["detail"]
    assert referral_ids(_search(client, world, name="Evie Marsh")) == []


def test_a_name_match_whose_date_of_birth_conflicts_is_never_certain(client, act_as, world):
    act_as(world.coordinator)
    same = _submit(client, world.panel.id, person("Ruby", "Okafor", date_of_birth="1992-06-06",
                                                  postcode="AB1 2CD"))
    other = _submit(client, world.panel.id, person("Ruby", "Okafor", date_of_birth="1970-01-01",
                                                   postcode="AB1 2CD"))
    found = _search(client, world, name="Ruby Okafor", date_of_birth="1992-06-06",
                    postcode="AB1 2CD")
    assert referral_ids(found) == [same, other]
    first, second = found["items"]
    assert first["certainty"] == "certain" and first["conflicts"] == []
    assert second["certainty"] == "possible" and second["conflicts"] == ["date_of_birth"]
    assert {"full_name", "postcode"} <= set(second["reasons"])
    assert second["score"] < first["score"]


def test_one_result_per_person_listing_their_referrals(client, act_as, world):
    act_as(world.coordinator)
    first = _submit(client, world.panel.id, person("Ada", "Wrenfield", date_of_birth="1988-08-08"))
    again = _submit(client, world.panel.id, person("ADA", "Wrenfield ",
                                                   date_of_birth="1988-08-08"))
    namesake = _submit(client, world.panel.id, person("Ada", "Wrenfield",
                                                      date_of_birth="1950-05-05"))
    found = _search(client, world, name="Ada Wrenfield", date_of_birth="1988-08-08")
    assert len(found["items"]) == 2
    person_found, other = found["items"]
    assert {r["referral_id"] for r in person_found["referrals"]} == {first, again}
    assert person_found["date_of_birth"] == "1988-08-08"
    assert [r["referral_id"] for r in other["referrals"]] == [namesake]
    assert all(r["role"] == "victim" for r in person_found["referrals"])


def test_the_repeat_check_uses_the_same_matching(client, act_as, world):
    """A typo'd victim on an earlier case is a repeat candidate; a namesake with another date
    of birth is listed, but never as strong."""
    act_as(world.coordinator)
    earlier = _submit(client, world.panel.id, person("Harriet", "Quennell",
                                                     date_of_birth="1984-04-04"))
    triaged = client.post(f"{REFERRALS}/{earlier}/triage", json={"outcome": "accept_new_case"},
                          headers={"If-Match": client.get(f"{REFERRALS}/{earlier}")
                                   .headers["ETag"]})
    assert triaged.status_code == 200, triaged.text
    body = referral_body(world.panel.id, victim=person("Harriet", "Quenmell",
                                                       date_of_birth="1984-04-04"))
    [candidate] = client.post(REFERRALS, json=body).json()["repeat_candidates"]
    assert candidate["certainty"] == "probable" and "one_letter_off" in candidate["reasons"]
    body = referral_body(world.panel.id, victim=person("Harriet", "Quennell",
                                                       date_of_birth="1999-09-09"))
    [namesake] = client.post(REFERRALS, json=body).json()["repeat_candidates"]
    assert namesake["certainty"] == "possible" and namesake["conflicts"] == ["date_of_birth"]


def test_a_search_is_one_statement_and_groups_an_alias_match_by_the_name_shown(
        client, act_as, world, app):
    """The lookups read the shown fields too (and the surname fallback rides along): no
    follow-up query loads the people found, even one matched by an alias alone."""
    act_as(world.coordinator)
    first = _submit(client, world.panel.id, person("Tamsin", "Pellow", date_of_birth="1979-07-07",
                                                   aliases=["Tam Kernow"]))
    again = _submit(client, world.panel.id, person("Tamsin", "Pellow",
                                                   date_of_birth="1979-07-07"))
    statements: list[str] = []

    def count(*args) -> None:
        statements.append(args[2])

    event.listen(app.state.engine, "before_cursor_execute", count)
    try:
        by_alias = _search(client, world, name="Tam Kernow")
        by_surname = _search(client, world, name="Pellow")
    finally:
        event.remove(app.state.engine, "before_cursor_execute", count)
    assert sum("person_name_keys" in s for s in statements) == 2
    assert not [s for s in statements if "people" in s and "person_name_keys" not in s]
    [found] = by_alias["items"]
    assert (found["given_names"], found["family_name"]) == ("Tamsin", "Pellow")
    assert [r["referral_id"] for r in found["referrals"]] == [first]
    [found] = by_surname["items"]
    assert {r["referral_id"] for r in found["referrals"]} == {first, again}


@pytest.mark.parametrize("read", ["search (POST)", "referral list (GET)"])
def test_a_read_and_its_audit_entry_share_one_connection_and_commit(client, act_as, world, app,
                                                                    read):
    """On PostgreSQL a read's audit entry joins the read's own transaction: one connection, one
    COMMIT, no ROLLBACK (psycopg forgets the statements it prepared at a rollback, so they would
    be planned afresh every time) and no second connection for the entry. On SQLite, whose one
    writer must lock before reading the chain's head, the entry has a transaction of its own."""
    act_as(world.coordinator)
    _submit(client, world.panel.id, person("Tamsin", "Pellow", date_of_birth="1979-07-07"))
    seen: list[str] = []
    listeners = {"commit": lambda _conn: seen.append("commit"),
                 "rollback": lambda _conn: seen.append("rollback"),
                 "engine_connect": lambda _conn: seen.append("connection")}
    for name, listener in listeners.items():
        event.listen(app.state.engine, name, listener)
    try:
        if read.startswith("search"):
            _search(client, world, name="Tamsin Pellow")
        else:
            answer = client.get(REFERRALS, params={"panel_id": str(world.panel.id)})
            assert answer.status_code == 200, answer.text
    finally:
        for name, listener in listeners.items():
            event.remove(app.state.engine, name, listener)
    if app.state.engine.dialect.name == "postgresql":
        assert seen == ["connection", "commit"]
    else:  # SQLite: the entry in its own transaction, the read's own closed by a rollback
        assert sorted(seen) == ["commit", "connection", "connection", "rollback"]
