"""What user administration routes share: ETag preconditions (the administrator check is
`api.common.access.require_administrator`)."""

from api.problems import PreconditionFailed, PreconditionRequired


def etag(version: int) -> str:
    return f'"{version}"'


def check_if_match(if_match: str | None, version: int) -> None:
    """428 without If-Match or with `*` (it names no version); 412 for another version."""
    if if_match is None or if_match.strip() in ("", "*"):
        raise PreconditionRequired("Send If-Match with the ETag from your last read; "
                                   "'*' names no version.")
    if if_match.strip() not in (etag(version), f"W/{etag(version)}"):
        raise PreconditionFailed("The user changed since you read it; read it again.")
