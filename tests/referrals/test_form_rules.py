"""Rule errors name every offending item at once, each with a JSON Pointer."""

from datetime import date, timedelta

from api.clock import uk_today as panel_today
from tests.referrals.factories import dash_answers, person, referral_body
from tests.support.world import make_world

URL = "/api/v1/referrals"


def _errors(response) -> dict[str, str]:
    assert response.status_code == 422, response.text
    return {e["pointer"]: e["detail"] for e in response.json()["errors"]}


def test_every_bad_answer_is_named_with_its_pointer(client, act_as, world):
    act_as(world.coordinator)
    answers = dash_answers(15) | {"q18": "perhaps", "q30": "yes"}
    del answers["q2"]
    response = client.post(URL, json=referral_body(world.panel.id, risk_assessment={
        "instrument_key": "dash", "instrument_version": "2009-v1", "answers": answers}))
    assert response.json()["type"] == "/problems/rule-invalid-answer"
    assert _errors(response) == {
        "/body/risk_assessment/answers/q18": "not one of yes, no, dont_know",
        "/body/risk_assessment/answers/q30": "not a question of dash 2009-v1",
        "/body/risk_assessment/answers/q2": "missing: every question needs an answer"}


def test_dates_out_of_order_are_each_refused_with_a_pointer(client, act_as, world):
    act_as(world.coordinator)
    tomorrow = (panel_today() + timedelta(days=1)).isoformat()
    future = client.post(URL, json=referral_body(world.panel.id, referral_date=tomorrow))
    assert list(_errors(future)) == ["/body/referral_date"]
    assert future.json()["type"] == "/problems/rule-invalid-date-order"
    body = referral_body(world.panel.id, incident_dates=["2026-01-01", "2026-03-11"],
                         children=[person("Kim", "Example", date_of_birth="2026-04-01")])
    body["victim"]["date_of_birth"] = "2026-03-11"
    assert set(_errors(client.post(URL, json=body))) == {
        "/body/victim/date_of_birth", "/body/children/0/date_of_birth", "/body/incident_dates/1"}
    today = referral_body(world.panel.id, referral_date=panel_today().isoformat())
    assert client.post(URL, json=today).status_code == 201


def test_refused_consent_and_an_unaware_victim_need_reasons(client, act_as, world):
    act_as(world.coordinator)
    body = referral_body(world.panel.id, consent={"status": "refused"}, victim_aware=False)
    assert set(_errors(client.post(URL, json=body))) == {
        "/body/consent/reason", "/body/victim_unaware_reason"}
    body |= {"consent": {"status": "refused", "reason": "Fears retaliation"},
             "victim_unaware_reason": "Telling her would alert the perpetrator"}
    assert client.post(URL, json=body).status_code == 201


def test_several_rules_at_once_are_one_rule_violation(client, act_as, world):
    act_as(world.coordinator)
    body = referral_body(world.panel.id, consent={"status": "not_sought"},
                         relationships=[{"person": "child.3", "other": "victim",
                                         "relationship": "son"}])
    response = client.post(URL, json=body)
    assert response.json()["type"] == "/problems/rule-violation"
    assert _errors(response) == {
        "/body/consent/reason": "consent refused or not sought: give the reason",
        "/body/relationships/0/person": "names a child the referral does not list (it lists 1)"}


def test_a_panel_accepting_ad_hoc_referrals_takes_them_from_non_members(client, act_as,
                                                                        session):
    from api.security.principal import Scope
    from tests.support.principals import api_key

    open_panel = make_world(session, accepts_ad_hoc_referrals=True).panel
    closed_panel = make_world(session).panel
    outsider = make_world(session).agency
    act_as(api_key(outsider.id, [], Scope.referrals_submit, Scope.referrals_read))
    made = client.post(URL, json=referral_body(open_panel.id))
    assert made.status_code == 201, made.text
    assert made.json()["agency_id"] == str(outsider.id)
    assert client.post(URL, json=referral_body(closed_panel.id)).status_code == 404


def test_the_referral_date_is_compared_with_today_in_london():
    assert panel_today() >= date(2026, 1, 1)
