"""Person matching over the API: ranked candidates with reasons, within the panel only."""

from api.people.matching import SURNAME_LIMIT
from api.security.principal import Role
from tests.referrals.factories import person, referral_body
from tests.support.principals import user
from tests.support.world import make_world

REFERRALS = "/api/v1/referrals"
SEARCH = "/api/v1/people/search"


def referral_ids(found: dict) -> list[str]:
    """The referrals a search found, person by person."""
    return [r["referral_id"] for item in found["items"] for r in item["referrals"]]


def _submit(client, panel_id, victim: dict) -> str:
    response = client.post(REFERRALS, json=referral_body(panel_id, victim=victim))
    assert response.status_code == 201, response.text
    return response.json()["id"]


def test_candidates_match_accents_case_hyphens_and_aliases(client, act_as, world):
    act_as(world.coordinator)
    first = _submit(client, world.panel.id, person(
        "Zoë", "Smith-Jones", date_of_birth="1990-05-01", postcode="ZZ1 1AA",
        aliases=["Zoe Brown"]))
    unrelated = _submit(client, world.panel.id, person(
        "Pat", "Other", date_of_birth="1960-01-01", postcode="YY9 9ZZ"))
    newer = _submit(client, world.panel.id, person(
        "ZOE", "smith jones", date_of_birth="1990-05-01", postcode="zz11aa"))
    response = client.get(f"{REFERRALS}/{newer}/match-candidates")
    assert response.status_code == 200
    [best] = [c for c in response.json()["items"] if c["referral_id"] == first]
    assert {"full_name", "surname+dob", "dob", "postcode"} <= set(best["reasons"])
    assert best["score"] == 100
    assert unrelated not in [c["referral_id"] for c in response.json()["items"]]
    assert newer not in [c["referral_id"] for c in response.json()["items"]]
    by_alias = _submit(client, world.panel.id, person("Zoe", "Brown", date_of_birth="1991-01-01"))
    aliased = client.get(f"{REFERRALS}/{by_alias}/match-candidates").json()["items"]
    [via_alias] = [c for c in aliased if c["referral_id"] == first]
    assert "alias" in via_alias["reasons"] and "full_name" not in via_alias["reasons"]


def test_candidates_rank_closer_matches_first(client, act_as, world):
    act_as(world.coordinator)
    exact = _submit(client, world.panel.id, person("Rae", "Lowe", date_of_birth="1985-01-01",
                                                   postcode="AB1 2CD"))
    name_only = _submit(client, world.panel.id, person("Rae", "Lowe",
                                                       date_of_birth="1999-09-09"))
    probe = _submit(client, world.panel.id, person("Rae", "Lowe", date_of_birth="1985-01-01",
                                                   postcode="AB1 2CD"))
    items = client.get(f"{REFERRALS}/{probe}/match-candidates").json()["items"]
    ranked = [c["referral_id"] for c in items]
    assert ranked.index(exact) < ranked.index(name_only)
    assert items[0]["score"] > items[-1]["score"]


def test_matching_never_crosses_panels(client, act_as, world, session):
    other = make_world(session)
    act_as(other.coordinator)
    _submit(client, other.panel.id, person("Cross", "Panel", date_of_birth="1980-01-01"))
    act_as(world.coordinator)
    mine = _submit(client, world.panel.id, person("Cross", "Panel", date_of_birth="1980-01-01"))
    assert client.get(f"{REFERRALS}/{mine}/match-candidates").json()["items"] == []
    found = client.post(SEARCH, json={"panel_id": str(world.panel.id), "name": "cross panel"})
    assert referral_ids(found.json()) == [mine]
    assert client.post(SEARCH, json={"panel_id": str(other.panel.id),
                                     "name": "cross panel"}).status_code == 404


def test_search_by_each_term_in_the_body(client, act_as, world):
    act_as(world.coordinator)
    rid = _submit(client, world.panel.id, person("Searchable", "Person-Name",
                                                 date_of_birth="1977-07-07", postcode="QQ7 7QQ"))
    for terms in ({"name": "SEARCHABLE person name"}, {"name": "Person Name"},
                  {"date_of_birth": "1977-07-07"}, {"postcode": "qq77qq"}):
        response = client.post(SEARCH, json={"panel_id": str(world.panel.id), **terms})
        assert response.status_code == 200, terms
        assert rid in referral_ids(response.json()), terms
    empty = client.post(SEARCH, json={"panel_id": str(world.panel.id)})
    assert empty.status_code == 422


def test_only_coordinators_and_chairs_see_candidates(client, act_as, world):
    act_as(world.coordinator)
    rid = _submit(client, world.panel.id, person("A", "B", date_of_birth="1980-01-01"))
    act_as(user(world.agency.id, {world.panel.id: [Role.idva]}))
    assert client.get(f"{REFERRALS}/{rid}/match-candidates").status_code == 403
    # Told the real reason, not "No such panel": the IDVA knows the panel exists.
    refused = client.post(SEARCH, json={"panel_id": str(world.panel.id), "name": "A B"})
    assert refused.status_code == 403
    assert refused.json()["detail"] == "Only the panel's coordinator or chair may search people."


def test_a_search_needs_one_term_and_the_schema_says_so(client, act_as, world, app):
    act_as(world.coordinator)
    panel = str(world.panel.id)
    for body in ({"panel_id": panel}, {"panel_id": panel, "name": None},
                 {"panel_id": panel, "name": None, "date_of_birth": None, "postcode": None}):
        assert client.post(SEARCH, json=body).status_code == 422, body
    for term in ({"name": " "}, {"postcode": ""}, {"name": "!!!"}):
        response = client.post(SEARCH, json={"panel_id": panel, **term})
        assert response.status_code == 200, term
        assert response.json()["items"] == []
    schema = app.openapi()["components"]["schemas"]["PersonSearch"]
    assert [branch["required"] for branch in schema["anyOf"]] == [
        ["name"], ["date_of_birth"], ["postcode"]]


def test_a_surname_alone_is_a_fallback_when_nothing_stronger_matches(client, act_as, world):
    act_as(world.coordinator)
    panel = str(world.panel.id)
    exact = _submit(client, world.panel.id, person("Ione", "Quillfeather",
                                                   date_of_birth="1981-03-03"))
    sibling = _submit(client, world.panel.id, person("Bryn", "Quillfeather",
                                                     date_of_birth="1983-04-04"))
    found = client.post(SEARCH, json={"panel_id": panel, "name": "Ione Quillfeather"}).json()
    assert referral_ids(found) == [exact]
    by_surname = client.post(SEARCH, json={"panel_id": panel, "name": "Quillfeather"}).json()
    assert set(referral_ids(by_surname)) == {exact, sibling}
    assert all(c["reasons"] == ["surname"] for c in by_surname["items"])
    # A one-letter typo in the given name is a match of its own: no fallback to the surname.
    misspelt = client.post(SEARCH, json={"panel_id": panel, "name": "Iona Quillfeather"}).json()
    assert referral_ids(misspelt) == [exact]
    assert {"one_letter_off", "sounds_like"} & set(misspelt["items"][0]["reasons"])
    assert not any(r["truncated"] for r in (found, by_surname, misspelt))


def test_a_list_cut_at_the_limit_says_more_may_match(client, act_as, world):
    act_as(world.coordinator)
    panel = str(world.panel.id)
    for day in (1, 2, 3):
        _submit(client, world.panel.id, person("Sol", "Verrity", date_of_birth=f"1977-07-0{day}"))
    two = client.post(SEARCH, json={"panel_id": panel, "name": "Sol Verrity", "limit": 2}).json()
    assert len(two["items"]) == 2 and two["truncated"] is True
    three = client.post(SEARCH, json={"panel_id": panel, "name": "Sol Verrity", "limit": 3})
    assert len(three.json()["items"]) == 3 and three.json()["truncated"] is False


def test_a_surname_search_stopped_at_its_bound_says_more_may_match(client, act_as, world):
    """A surname alone ranks at most SURNAME_LIMIT (50) people: with 51 on file, the answer
    lists 50 of them, fewer than the limit asked for, and says the list may be incomplete."""
    act_as(world.coordinator)
    for n in range(SURNAME_LIMIT + 1):
        _submit(client, world.panel.id, person(f"Given{n}", "Brackenholt",
                                               date_of_birth=f"{1940 + n}-01-01"))
    found = client.post(SEARCH, json={"panel_id": str(world.panel.id), "name": "Brackenholt",
                                      "limit": 100}).json()
    assert len(found["items"]) == SURNAME_LIMIT
    assert found["truncated"] is True


def test_a_name_at_the_same_postcode_ranks_first(client, act_as, world):
    act_as(world.coordinator)
    panel = str(world.panel.id)
    here = _submit(client, world.panel.id, person("Tam", "Roskilde", date_of_birth="1970-01-02",
                                                  postcode="PP1 1PP"))
    _submit(client, world.panel.id, person("Tam", "Roskilde", date_of_birth="1972-02-02",
                                           postcode="PP9 9PP"))
    items = client.post(SEARCH, json={"panel_id": panel, "name": "Tam Roskilde",
                                      "postcode": "pp11pp"}).json()["items"]
    assert items[0]["referrals"][0]["referral_id"] == here
    assert "postcode" in items[0]["reasons"] and len(items) == 2
