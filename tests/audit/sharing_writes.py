"""Valid requests for information sharing's writing routes (see tests/audit/writes.py): a
referral with consent refused, a representative who proposes, their agency's manager."""

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from api.security.principal import Role
from tests.audit.writes import REFERRALS, Builder, Call
from tests.referrals.factories import referral_body
from tests.sharing.helpers import DECISIONS, REFUSED, decision_body
from tests.support.auth import login_headers, make_agency, make_panel


class _Sharing:
    def __init__(self, client: TestClient, session: Session) -> None:
        self.client = client
        agency = make_agency(session)
        self.panel = make_panel(session, agency)
        self.coordinator = login_headers(client, session, Role.coordinator, self.panel,
                                         agency=agency)
        self.proposer = login_headers(client, session, Role.agency_representative, self.panel,
                                      agency=agency)
        self.approver = login_headers(client, session, Role.agency_representative, self.panel,
                                      agency=agency, is_sharing_approver=True)
        made = client.post(REFERRALS, headers=self.coordinator,
                           json=referral_body(self.panel.id, consent=REFUSED))
        assert made.status_code == 201, made.text
        self.referral_id, self.referral_etag = made.json()["id"], made.headers["ETag"]

    def decision(self, *steps: tuple[str, dict[str, str]]) -> tuple[str, str]:
        """A draft taken through `steps` ((path, headers) each): its id and ETag."""
        made = self.client.post(DECISIONS, headers=self.proposer,
                                json=decision_body(self.referral_id, review_date="2099-01-01"))
        assert made.status_code == 201, made.text
        decision_id, tag = made.json()["id"], made.headers["ETag"]
        for path, headers in steps:
            body = {"reason": "Recorded."}
            done = self.client.post(f"{DECISIONS}/{decision_id}/{path}", json=body,
                                    headers=headers | {"If-Match": tag})
            assert done.status_code == 200, done.text
            tag = done.headers["ETag"]
        return decision_id, tag


def _propose(client: TestClient, session: Session) -> Call:
    s = _Sharing(client, session)
    return Call("POST", DECISIONS, s.proposer, status=201,
                json=decision_body(s.referral_id, review_date="2099-01-01"))


def _edit(client: TestClient, session: Session) -> Call:
    s = _Sharing(client, session)
    decision_id, tag = s.decision()
    body = decision_body(s.referral_id, review_date="2099-02-01")
    del body["referral_id"]
    return Call("PUT", f"{DECISIONS}/{decision_id}", s.proposer | {"If-Match": tag}, json=body)


def _submit(client: TestClient, session: Session) -> Call:
    s = _Sharing(client, session)
    decision_id, tag = s.decision()
    return Call("POST", f"{DECISIONS}/{decision_id}/submission", s.proposer | {"If-Match": tag},
                json=None)


def _decide(path: str) -> Builder:
    def build(client: TestClient, session: Session) -> Call:
        s = _Sharing(client, session)
        decision_id, tag = s.decision(("submission", s.proposer))
        return Call("POST", f"{DECISIONS}/{decision_id}/{path}", s.approver | {"If-Match": tag},
                    json={"reason": "Risk to life."})
    return build


def _withdraw(client: TestClient, session: Session) -> Call:
    s = _Sharing(client, session)
    decision_id, tag = s.decision(("submission", s.proposer), ("approval", s.approver))
    return Call("POST", f"{DECISIONS}/{decision_id}/withdrawal", s.coordinator |
                {"If-Match": tag}, json={"reason": "The victim now consents."})


def _review(client: TestClient, session: Session) -> Call:
    s = _Sharing(client, session)
    decision_id, tag = s.decision(("submission", s.proposer), ("approval", s.approver))
    return Call("POST", f"{DECISIONS}/{decision_id}/reviews", s.proposer | {"If-Match": tag},
                json={"note": "Still needed.", "next_review_date": "2099-03-01"})


def _consent(client: TestClient, session: Session) -> Call:
    s = _Sharing(client, session)
    url = f"{REFERRALS}/{s.referral_id}/consent"
    tag = client.get(url, headers=s.coordinator).headers["ETag"]
    return Call("PUT", url, s.coordinator | {"If-Match": tag}, json={
        "status": "given", "method": "written", "victim_aware": True})


SHARING_WRITES: dict[str, Builder] = {
    "proposeSharingDecision": _propose, "editSharingDecision": _edit,
    "submitSharingDecision": _submit, "approveSharingDecision": _decide("approval"),
    "refuseSharingDecision": _decide("refusal"), "withdrawSharingDecision": _withdraw,
    "reviewSharingDecision": _review, "updateReferralConsent": _consent,
}
