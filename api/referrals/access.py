"""Who sees which referrals: the one place the referral visibility rules live; every referral
query goes through it. What every feature shares is in `api.common.access`."""

import uuid

from sqlalchemy import ColumnElement, and_, false, or_

from api.common.access import PANEL_WIDE, SUBMITTERS, TRIAGERS
from api.problems import Forbidden, NotFound
from api.referrals.models import Referral
from api.security.principal import Principal, Role, Scope


def referral_filter(principal: Principal) -> ColumnElement[bool]:
    """The referrals the caller may see, as a WHERE clause."""
    if principal.kind == "api_key":
        if not principal.has_scope(Scope.referrals_read):
            return false()
        return and_(Referral.submitted_by_kind == "api_key",
                    Referral.submitted_by_id == principal.subject_id)
    wide = principal.panels_where(*PANEL_WIDE)
    own = principal.panels_where(Role.referrer) - wide
    clauses: list[ColumnElement[bool]] = []
    if wide:
        clauses.append(Referral.panel_id.in_(wide))
    if own:
        clauses.append(and_(Referral.panel_id.in_(own), or_(
            Referral.submitted_by_id == principal.subject_id,
            Referral.agency_id == principal.agency_id)))
    return or_(*clauses) if clauses else false()


def require_submitter(principal: Principal, panel_id: uuid.UUID | None,
                      *, accepts_ad_hoc: bool = False) -> None:
    """Submitting needs a submitting role on the panel, or (an agency's API key) a panel that
    accepts ad-hoc referrals; a role that may not submit is told so; otherwise the panel is
    not revealed. `panel_id` None: no such panel."""
    if principal.kind == "api_key" and not principal.has_scope(Scope.referrals_submit):
        raise Forbidden("This API key may not submit referrals.")
    if panel_id is None:
        raise NotFound("No such panel.")
    if principal.has_role(panel_id, *SUBMITTERS):
        return
    if principal.kind == "api_key" and accepts_ad_hoc:
        return
    if principal.panel_roles.get(panel_id):
        raise Forbidden("Your role on this panel may not submit referrals.")
    raise NotFound("No such panel.")


def require_referring_agency(principal: Principal, referral: Referral) -> None:
    """Amending or withdrawing is for the referring agency's submitters, not the panel's."""
    if referral.agency_id != principal.agency_id:
        raise Forbidden("Only the referring agency may amend or withdraw a referral.")
    if principal.kind == "api_key":
        if not principal.has_scope(Scope.referrals_submit):
            raise Forbidden("This API key may not submit or amend referrals.")
        return
    if not principal.has_role(referral.panel_id, *SUBMITTERS):
        raise Forbidden("Your role on this panel may not amend or withdraw referrals.")


def require_triager(principal: Principal, referral: Referral) -> None:
    """Only the panel's coordinators (and chairs) triage or see match candidates."""
    if principal.kind != "user" or not principal.has_role(referral.panel_id, *TRIAGERS):
        raise Forbidden("Only the panel's coordinator or chair may do this.")
