"""JSON answers serialised once: a route that already holds its response model (or plain rows
validated into it) sends the model's own JSON bytes, instead of FastAPI validating the returned
object again against `response_model`, turning it into dicts and lists and `json.dumps`-ing
them: three passes over every item of a page or every case of a 40-case agenda. The route still
declares `response_model`, so the contract and the generated client are unchanged; the bytes
are the same as FastAPI's (compact separators, UTF-8, no ASCII escaping, pydantic's JSON forms
of dates and UUIDs) — tests/test_responses.py holds it to that."""

import weakref
from typing import Any

from pydantic import BaseModel
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute

JSON = "application/json"


def json_model(model: BaseModel, status_code: int = 200,
               headers: dict[str, str] | None = None) -> Response:
    """`model` as the response body, serialised by pydantic-core in one pass."""
    return Response(model.model_dump_json(), status_code=status_code, media_type=JSON,
                    headers=headers)


_ROUTES: "weakref.WeakKeyDictionary[Any, dict[str, BaseRoute]]" = weakref.WeakKeyDictionary()


def location(request: Request, name: str, **params: str) -> str:
    """The path of the route called `name` with these parameters (a Location header), as
    `request.app.url_path_for` gives it; the route is found once per app, not by matching every
    route of the app (~70 here) on every call as starlette does: ~0.1 ms of the ~4 ms of CPU
    that recording an action costs."""
    app = request.app
    routes = _ROUTES.setdefault(app, {})
    route = routes.get(name)
    if route is None:
        found = [r for r in app.router.routes if getattr(r, "name", None) == name]
        if len(found) != 1:  # mounted or named twice: starlette's own search decides
            return str(app.url_path_for(name, **params))
        route = routes[name] = found[0]
    return str(route.url_path_for(name, **params))
