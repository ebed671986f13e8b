"""What administration routes share: the administrator check and ETag preconditions."""

from api.problems import Forbidden, PreconditionFailed, PreconditionRequired
from api.security.principal import Principal


def require_administrator(principal: Principal,
                          action: str = "manage users and API keys") -> None:
    """Administration is for users with the deployment-wide administrator flag, never keys;
    the refusal names what was refused (`action`), not some other administration."""
    if principal.kind != "user" or not principal.is_administrator:
        raise Forbidden(f"Only administrators may {action}.")


def etag(version: int) -> str:
    return f'"{version}"'


def check_if_match(if_match: str | None, version: int) -> None:
    """428 without If-Match or with `*` (it names no version); 412 for another version."""
    if if_match is None or if_match.strip() in ("", "*"):
        raise PreconditionRequired("Send If-Match with the ETag from your last read; "
                                   "'*' names no version.")
    if if_match.strip() not in (etag(version), f"W/{etag(version)}"):
        raise PreconditionFailed("The user changed since you read it; read it again.")
