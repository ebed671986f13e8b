"""Role changes keep their before and after (ids and role names, never personal data), and an
administrator's own panel roles are granted by another administrator, never by themselves."""

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.identity import repository
from api.identity.models import User, UserRoleChange
from api.problems import SelfRoleGrant
from api.security.principal import Principal, Role


def snapshot(session: Session, user: User) -> dict[str, Any]:
    roles = repository.panel_roles_of(session, user.id)
    return {"is_administrator": user.is_administrator,
            "is_sharing_approver": user.is_sharing_approver, "is_active": user.is_active,
            "memberships": sorted(({"panel_id": str(p), "role": r.value}
                                   for p, held in roles.items() for r in held),
                                  key=lambda m: (m["panel_id"], m["role"]))}


def refuse_self_grant(principal: Principal, user_id: uuid.UUID,
                      wanted: list[tuple[uuid.UUID, Role]]) -> None:
    """Granting oneself a panel role would open every victim's record on that panel to the
    one person who also controls the accounts: another administrator must do it. Giving a
    role up is allowed."""
    if user_id != principal.subject_id:
        return
    held = {(p, r) for p, roles in principal.panel_roles.items() for r in roles}
    if set(wanted) - held:
        raise SelfRoleGrant("Another administrator must grant your own panel roles.")


def record(session: Session, user: User, changed_by: uuid.UUID,
           before: dict[str, Any] | None) -> None:
    """Keeps the change if there was one; flushes first so the roles read are the new ones."""
    session.flush()
    after = snapshot(session, user)
    if after != before:
        session.add(UserRoleChange(user_id=user.id, changed_by=changed_by, before=before,
                                   after=after))


def history(session: Session, user_id: uuid.UUID, limit: int) -> list[UserRoleChange]:
    return list(session.scalars(select(UserRoleChange).where(UserRoleChange.user_id == user_id)
                                .order_by(UserRoleChange.changed_at.desc(),
                                          UserRoleChange.id.desc()).limit(limit)))


def refuse_self_approver(principal: Principal, user: User, wanted: bool) -> None:
    """Approving shares without consent is a manager's check on others: an administrator
    does not make themselves one (another administrator does). Giving it up is allowed."""
    if user.id == principal.subject_id and wanted and not user.is_sharing_approver:
        raise SelfRoleGrant("Another administrator must make you a sharing approver.")
