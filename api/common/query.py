"""Query strings hold only the parameters a route declares: an unknown one is a 422, not
silently ignored, so a misspelt filter (`stauts=accepted`) never returns everything."""

from collections.abc import Iterator
from typing import Any

from fastapi import Request
from fastapi.dependencies.models import Dependant

from api.problems import FieldError, ValidationFailed


async def no_unknown_query(request: Request) -> None:
    """Async only because it does no I/O: FastAPI then runs it on the event loop instead of
    handing it to a worker thread and back."""
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    declared = {p.alias for p in _query_params(dependant)} if dependant else set()
    unknown = sorted({name for name in request.query_params if name not in declared})
    if unknown:
        raise ValidationFailed(f"{len(unknown)} query parameter(s) are not known here.", errors=[
            FieldError(pointer=f"/query/{name.replace('~', '~0').replace('/', '~1')}",
                       detail="unknown query parameter") for name in unknown])


def _query_params(dependant: Dependant) -> Iterator[Any]:
    """Query parameters (FastAPI's ModelField, a private type) of the route and of all its
    sub-dependencies."""
    yield from dependant.query_params
    for sub in dependant.dependencies:
        yield from _query_params(sub)
