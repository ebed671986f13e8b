"""What administration routes share: the administrator check and ETag preconditions."""

from api.problems import Forbidden, PreconditionFailed, PreconditionRequired
from api.security.principal import Principal


def require_administrator(principal: Principal) -> None:
    """Administration is for users with the deployment-wide administrator flag, never keys."""
    if principal.kind != "user" or not principal.is_administrator:
        raise Forbidden("Only administrators may manage users and API keys.")


def etag(version: int) -> str:
    return f'"{version}"'


def check_if_match(if_match: str | None, version: int) -> None:
    """428 without If-Match or with `*` (it names no version); 412 for another version."""
    if if_match is None or if_match.strip() in ("", "*"):
        raise PreconditionRequired("Send If-Match with the ETag from your last read; "
                                   "'*' names no version.")
    if if_match.strip() not in (etag(version), f"W/{etag(version)}"):
        raise PreconditionFailed("The user changed since you read it; read it again.")
