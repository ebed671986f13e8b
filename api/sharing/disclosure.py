"""The disclosure log and a case's current sharing basis: what every circulation (agenda,
minutes, an agency's read of a case summary, an export) calls before and as it discloses.

Stable for other features: `current_basis(session, case_id)`, `basis_or_missing(...)`,
`record_disclosure(session, ...)`. Each logs or answers; none commits."""

import uuid
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.db import utcnow
from api.referrals.models import Referral, ReferralStatus
from api.sharing.models import ConsentRecord, Disclosure, DisclosureMethod, SharingDecision
from api.sharing.problems import SharingBasisMissing
from domain.sharing_gate import Basis, DecisionFacts, MissingBasis, sharing_basis

__all__ = ["Basis", "DisclosureMethod", "MissingBasis", "SharingBasisMissing", "bases_of",
           "basis_or_missing", "case_consent", "current_basis", "record_disclosure",
           "require_basis"]


def referral_consent(session: Session, referral: Referral) -> str:
    """A referral's consent now: its latest consent record, else what intake recorded."""
    latest = session.scalar(select(ConsentRecord.status).where(
        ConsentRecord.referral_id == referral.id).order_by(ConsentRecord.sequence.desc())
        .limit(1))
    return latest or referral.consent_status.value


def case_consent(session: Session, case_id: uuid.UUID) -> str | None:
    """The consent of the case's latest accepted referral (a repeat asks the victim afresh)."""
    referral = session.scalar(select(Referral).where(
        Referral.case_id == case_id, Referral.status == ReferralStatus.accepted)
        .order_by(Referral.referral_date.desc(), Referral.submitted_at.desc()).limit(1))
    return referral_consent(session, referral) if referral is not None else None


def case_decisions(session: Session, case_id: uuid.UUID) -> list[DecisionFacts]:
    """The sharing decisions on any of the case's referrals, oldest decided first."""
    rows = session.execute(select(SharingDecision.id, SharingDecision.status).join(
        Referral, Referral.id == SharingDecision.referral_id).where(Referral.case_id == case_id)
        .order_by(SharingDecision.decided_at, SharingDecision.id))
    return [DecisionFacts(str(row.id), row.status) for row in rows]


def basis_or_missing(session: Session, case_id: uuid.UUID) -> Basis | MissingBasis:
    """The case's basis for sharing, or what is missing (the gate, domain/sharing_gate.py)."""
    return sharing_basis(case_consent(session, case_id), case_decisions(session, case_id))


def bases_of(session: Session, case_ids: Iterable[uuid.UUID]
             ) -> dict[uuid.UUID, Basis | MissingBasis]:
    """Each case's basis or what it misses, for a page or an agenda in a few statements."""
    ids = list(dict.fromkeys(case_ids))
    if not ids:
        return {}
    latest: dict[uuid.UUID, Any] = {}
    for row in session.execute(select(
            Referral.id, Referral.case_id, Referral.consent_status).where(
            Referral.case_id.in_(ids), Referral.status == ReferralStatus.accepted)
            .order_by(Referral.referral_date, Referral.submitted_at)):
        latest[row.case_id] = row  # oldest first: the latest referral wins
    changed = {row.referral_id: row.status for row in session.execute(select(
        ConsentRecord.referral_id, ConsentRecord.status).where(
        ConsentRecord.referral_id.in_([r.id for r in latest.values()]))
        .order_by(ConsentRecord.sequence))}
    decisions: dict[uuid.UUID, list[DecisionFacts]] = {}
    for found in session.execute(select(
            Referral.case_id, SharingDecision.id, SharingDecision.status).join(
            Referral, Referral.id == SharingDecision.referral_id).where(
            Referral.case_id.in_(ids)).order_by(SharingDecision.decided_at, SharingDecision.id)):
        decisions.setdefault(found.case_id, []).append(DecisionFacts(str(found.id), found.status))
    return {case_id: sharing_basis(_consent_of(latest.get(case_id), changed),
                                   decisions.get(case_id, [])) for case_id in ids}


def _consent_of(referral: Any, changed: dict[uuid.UUID, str]) -> str | None:
    if referral is None:
        return None
    return changed.get(referral.id) or referral.consent_status.value


def require_basis(session: Session, case_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, Basis]:
    """The gate: every case's basis, or a problem naming each case and the basis it misses."""
    found = bases_of(session, case_ids)
    missing = {c: b for c, b in found.items() if isinstance(b, MissingBasis)}
    if missing:
        raise SharingBasisMissing(" ".join(f"Case {c}: {m.detail}" for c, m in missing.items()))
    return {c: b for c, b in found.items() if isinstance(b, Basis)}


def current_basis(session: Session, case_id: uuid.UUID) -> Basis | None:
    """The case's basis for sharing now, or None when its details may not be shared."""
    found = basis_or_missing(session, case_id)
    return found if isinstance(found, Basis) else None


def record_disclosure(session: Session, *, case_id: uuid.UUID, agency_id: uuid.UUID,
                      method: DisclosureMethod, basis: Basis,
                      recipient_user_id: uuid.UUID | None = None,
                      disclosed_by_id: uuid.UUID | None = None,
                      source_id: uuid.UUID | None = None,
                      at: datetime | None = None) -> Disclosure:
    """Adds one log entry: the case's details went to this agency (and person), this way, on
    this basis. Part of the caller's unit of work; it commits with the disclosure itself."""
    entry = Disclosure(
        case_id=case_id, agency_id=agency_id, recipient_user_id=recipient_user_id,
        method=method, basis=basis.kind,
        decision_id=uuid.UUID(basis.decision_id) if basis.decision_id else None,
        source_id=source_id, disclosed_by_id=disclosed_by_id, disclosed_at=at or utcnow())
    session.add(entry)
    return entry
