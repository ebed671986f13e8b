"""Authorization-matrix rows and request factories for information sharing's routes.

The cast's agency representative is also its agency's sharing approver. Decisions to approve
are proposed by another representative of the cast's agency (four eyes); on the other panel,
by a representative of that panel's agency, so only the caller's rights differ."""

import uuid
from collections.abc import Callable
from typing import Any

from api.panels.models import Agency
from api.security.principal import Role
from tests.security.matrix_world import ACTORS, MatrixWorld
from tests.sharing.helpers import DECISIONS, decision_body
from tests.support.auth import bearer, login, make_user

Request = tuple[str, dict[str, Any] | None, dict[str, str]]
Factory = Callable[[MatrixWorld, str, str], Request]
UNSEEN = {"administrator": 404, "key_submit": 404, "key_read": 404, "key_actions": 404}
READERS = ("coordinator", "chair", "agency_representative", "referrer", "idva")


def _row(default: int, **by_actor: int) -> dict[str, int]:
    return {actor: default for actor in ACTORS} | {"anonymous": 401} | by_actor


def _roles(allowed: tuple[str, ...], ok: int, **extra: int) -> dict[str, int]:
    """Allowed roles `ok`, other roles on the panel 403, nobody else sees the panel (404)."""
    return _row(403, **(UNSEEN | {r: ok for r in allowed} | extra))


_STAFF: dict[tuple[uuid.UUID, str], dict[str, str]] = {}  # each database run has its panels


def _staff(w: MatrixWorld, where: str, who: str) -> dict[str, str]:
    """A proposer or approver on the panel: for "own" in the cast's agency, else the agency
    of the other panel's coordinator."""
    panel = w.panels[where]
    if (panel.id, who) not in _STAFF:
        agency_id = w.agency.id if where == "own" else uuid.UUID(w.client.get(
            "/api/v1/auth/me", headers=w.creators[where]).json()["agency_id"])
        agency = w.session.get(Agency, agency_id)
        assert agency is not None
        user = make_user(w.session, agency, {panel.id: [Role.agency_representative]},
                         is_sharing_approver=who == "approver")
        _STAFF[(panel.id, who)] = bearer(login(w.client, user.email)["access_token"])
    return _STAFF[(panel.id, who)]


def _decision(w: MatrixWorld, where: str, proposer: dict[str, str],
              *steps: tuple[str, dict[str, str]]) -> tuple[str, str]:
    made = w.client.post(DECISIONS, headers=proposer, json=decision_body(
        w.referral(where)["id"], review_date="2099-01-01"))
    assert made.status_code == 201, made.text
    decision_id, tag = made.json()["id"], made.headers["ETag"]
    for path, headers in steps:
        done = w.client.post(f"{DECISIONS}/{decision_id}/{path}", json={"reason": "Matrix"},
                             headers=headers | {"If-Match": tag})
        assert done.status_code == 200, done.text
        tag = done.headers["ETag"]
    return decision_id, tag


def _actor_draft(w: MatrixWorld, where: str) -> tuple[str, str]:
    """A draft of the cast's representative on "own"; of the other panel's staff there."""
    proposer = w.headers["agency_representative"] if where == "own" else \
        _staff(w, where, "proposer")
    return _decision(w, where, proposer)


def _submitted(w: MatrixWorld, where: str) -> tuple[str, str]:
    proposer = _staff(w, where, "proposer")
    return _decision(w, where, proposer, ("submission", proposer))


def _approved(w: MatrixWorld, where: str) -> tuple[str, str]:
    proposer = _staff(w, where, "proposer")
    return _decision(w, where, proposer, ("submission", proposer),
                     ("approval", _staff(w, where, "approver")))


def _edit(w: MatrixWorld, actor: str, where: str) -> Request:
    decision_id, tag = _actor_draft(w, where)
    body = decision_body(uuid.uuid4(), review_date="2099-02-01")
    del body["referral_id"]
    return f"{DECISIONS}/{decision_id}", body, {"If-Match": tag}


def _step(path: str, made: Callable[[MatrixWorld, str], tuple[str, str]]) -> Factory:
    def factory(w: MatrixWorld, actor: str, where: str) -> Request:
        decision_id, tag = made(w, where)
        return f"{DECISIONS}/{decision_id}/{path}", {"reason": "Matrix"}, {"If-Match": tag}
    return factory


def _review(w: MatrixWorld, actor: str, where: str) -> Request:
    decision_id, tag = _actor_draft(w, where)
    return f"{DECISIONS}/{decision_id}/reviews", {
        "note": "Still needed.", "next_review_date": "2099-03-01"}, {"If-Match": tag}


def _get(w: MatrixWorld, actor: str, where: str) -> Request:
    decision_id, _ = _decision(w, where, _staff(w, where, "proposer"))
    return f"{DECISIONS}/{decision_id}", None, {}


def _consent(w: MatrixWorld, actor: str, where: str) -> Request:
    made = w.referral(where)
    url = f"/api/v1/referrals/{made['id']}/consent"
    return url, {"status": "given", "method": "verbal", "victim_aware": True}, {
        "If-Match": '"v1"'}


CONSENT = {"own": _roles(("coordinator", "chair", "idva"), 200, referrer=404),
           "other": _row(404)}
ROWS: dict[tuple[str, str], dict[str, dict[str, int]]] = {
    ("POST", "/api/v1/information-sharing-decisions"): {
        # The referral is another agency's: the cast's referrer does not see it.
        "own": _roles(("agency_representative",), 201, referrer=404), "other": _row(404)},
    ("GET", "/api/v1/information-sharing-decisions"): {
        "own": _roles(READERS, 200), "other": _row(404)},
    ("GET", "/api/v1/information-sharing-decision-counts"): {
        "own": _roles(("coordinator", "chair", "analyst"), 200), "other": _row(404)},
    ("GET", "/api/v1/information-sharing-decisions/{decision_id}"): {
        "own": _roles(READERS, 200), "other": _row(404)},
    ("PUT", "/api/v1/information-sharing-decisions/{decision_id}"): {
        "own": _roles(("agency_representative",), 200), "other": _row(404)},
    ("POST", "/api/v1/information-sharing-decisions/{decision_id}/submission"): {
        "own": _roles(("agency_representative",), 200), "other": _row(404)},
    ("POST", "/api/v1/information-sharing-decisions/{decision_id}/approval"): {
        "own": _roles(("agency_representative",), 200), "other": _row(404)},
    ("POST", "/api/v1/information-sharing-decisions/{decision_id}/refusal"): {
        "own": _roles(("agency_representative",), 200), "other": _row(404)},
    ("POST", "/api/v1/information-sharing-decisions/{decision_id}/withdrawal"): {
        "own": _roles(("coordinator", "chair", "agency_representative"), 200),
        "other": _row(404)},
    # The proposer (the cast's representative on "own"), the coordinator or the chair.
    ("POST", "/api/v1/information-sharing-decisions/{decision_id}/reviews"): {
        "own": _roles(("coordinator", "chair", "agency_representative"), 200),
        "other": _row(404)},
    ("GET", "/api/v1/referrals/{referral_id}/consent"): CONSENT,
    ("PUT", "/api/v1/referrals/{referral_id}/consent"): CONSENT,
    ("GET", "/api/v1/cases/{case_id}/sharing-basis"): {
        "own": _roles(("coordinator", "chair", "idva"), 200), "other": _row(404)},
    ("GET", "/api/v1/cases/{case_id}/disclosures"): {
        "own": _roles(("coordinator",), 200, administrator=200),
        "other": _row(404, administrator=200)},
}
FACTORIES: dict[tuple[str, str], Factory] = {
    ("POST", "/api/v1/information-sharing-decisions"): lambda w, a, p: (
        DECISIONS, decision_body(w.referral(p)["id"], review_date="2099-01-01"), {}),
    ("GET", "/api/v1/information-sharing-decisions"): lambda w, a, p: (
        f"{DECISIONS}?panel_id={w.panels[p].id}", None, {}),
    ("GET", "/api/v1/information-sharing-decision-counts"): lambda w, a, p: (
        f"/api/v1/information-sharing-decision-counts?panel_id={w.panels[p].id}", None, {}),
    ("GET", "/api/v1/information-sharing-decisions/{decision_id}"): _get,
    ("PUT", "/api/v1/information-sharing-decisions/{decision_id}"): _edit,
    ("POST", "/api/v1/information-sharing-decisions/{decision_id}/submission"): _step(
        "submission", _actor_draft),
    ("POST", "/api/v1/information-sharing-decisions/{decision_id}/approval"): _step(
        "approval", _submitted),
    ("POST", "/api/v1/information-sharing-decisions/{decision_id}/refusal"): _step(
        "refusal", _submitted),
    ("POST", "/api/v1/information-sharing-decisions/{decision_id}/withdrawal"): _step(
        "withdrawal", _approved),
    ("POST", "/api/v1/information-sharing-decisions/{decision_id}/reviews"): _review,
    ("GET", "/api/v1/referrals/{referral_id}/consent"): lambda w, a, p: (
        f"/api/v1/referrals/{w.referral(p)['id']}/consent", None, {}),
    ("PUT", "/api/v1/referrals/{referral_id}/consent"): _consent,
    ("GET", "/api/v1/cases/{case_id}/sharing-basis"): lambda w, a, p: (
        f"/api/v1/cases/{w.case(p)}/sharing-basis", None, {}),
    ("GET", "/api/v1/cases/{case_id}/disclosures"): lambda w, a, p: (
        f"/api/v1/cases/{w.case(p)}/disclosures", None, {}),
}
