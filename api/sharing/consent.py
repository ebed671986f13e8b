"""A referral's consent as it stands, with its history: intake's record, then each change."""

import uuid

from sqlalchemy.orm import Session

from api.problems import Forbidden, NotFound
from api.referrals.models import Referral
from api.security.principal import Principal, Role
from api.sharing import access, repository
from api.sharing.models import ConsentRecord
from api.sharing.schemas import ConsentRead, ConsentState


def keeper_referral(session: Session, principal: Principal, referral_id: uuid.UUID) -> Referral:
    """Consent is read and kept by the panel's coordinator, chair and IDVAs, and by the
    referring agency's referrers and representatives; another agency's referrer is not shown
    the referral; any other role on the panel may not."""
    referral = repository.referral(session, referral_id)
    held = access.roles(principal, referral.panel_id)
    if not held:
        raise NotFound("No such referral.")
    if held & set(access.CONSENT_KEEPERS):
        return referral
    own = referral.agency_id == principal.agency_id
    if held & set(access.PROPOSERS) and own:
        return referral
    if held == {Role.referrer}:
        raise NotFound("No such referral.")
    raise Forbidden("Your role on this panel may not read or change this consent.")


def _intake(referral: Referral) -> ConsentState:
    consent = referral.consent or {}
    return ConsentState(
        sequence=1, status=referral.consent_status, reason=consent.get("reason"),
        method=consent.get("method"), obtained_by=consent.get("obtained_by"),
        obtained_on=consent.get("obtained_on"), victim_aware=referral.victim_aware,
        victim_unaware_reason=referral.victim_unaware_reason, recorded_by_id=None,
        recorded_at=referral.submitted_at)


def history(session: Session, referral: Referral) -> list[ConsentState]:
    changes: list[ConsentRecord] = repository.consent_records(session, referral.id)
    return [_intake(referral), *(ConsentState.model_validate(c) for c in changes)]


def read(session: Session, referral: Referral) -> ConsentRead:
    states = history(session, referral)
    return ConsentRead(referral_id=referral.id, current=states[-1], history=states)
