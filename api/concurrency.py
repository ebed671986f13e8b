"""Optimistic concurrency: ETag out on reads, If-Match required on updates."""

from typing import Annotated

from fastapi import Header

from api.problems import PreconditionFailed, PreconditionRequired

IfMatchHeader = Annotated[str | None, Header(
    alias="If-Match", max_length=200,
    description="The ETag from the last read; required on updates (428 without, 412 if stale).")]


def etag(version: int) -> str:
    return f'"v{version}"'


def require_version(if_match: str | None, current_version: int) -> None:
    """Refuses an update without If-Match or with `*` (428: neither names the version the
    client read) or against another version (412)."""
    tags = {tag.strip().removeprefix("W/") for tag in (if_match or "").split(",")} - {""}
    if not tags or "*" in tags:
        raise PreconditionRequired("Send If-Match with the ETag from your last read; "
                                   "'*' names no version.")
    if etag(current_version) not in tags:
        raise PreconditionFailed("The resource changed since you read it; read it again.")
