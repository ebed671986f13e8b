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
    """Refuses an update without If-Match (428) or against another version (412)."""
    if if_match is None or not if_match.strip():
        raise PreconditionRequired("Send If-Match with the ETag from your last read.")
    tags = {tag.strip().removeprefix("W/") for tag in if_match.split(",")}
    if "*" not in tags and etag(current_version) not in tags:
        raise PreconditionFailed("The resource changed since you read it; read it again.")
