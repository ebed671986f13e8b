"""Serves the built browser app (frontend/dist) at `/`, on the API's own port and origin.

Client-side routes (/referrals/…, /cases/…) get index.html so a reload or a bookmark works;
unknown paths under the API's own prefixes stay the API's 404 problem document, and a missing
asset (a name with an extension) is a 404, not a page. With no build present the API runs alone.
"""

import os
from pathlib import Path

from fastapi import FastAPI
from starlette.exceptions import HTTPException
from starlette.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

# Paths the API owns: the app never answers for them.
API_PREFIXES = ("api", "docs", "redoc", "openapi.json", "health", "ready", "problems")
# Vite names every asset by its content hash, so a cached copy can never be stale.
_IMMUTABLE = "public, max-age=31536000, immutable"


class SinglePageApp(StaticFiles):
    async def get_response(self, path: str, scope: Scope) -> Response:
        first = path.split("/", 1)[0]
        if first in API_PREFIXES:
            raise HTTPException(status_code=404)
        try:
            response = await super().get_response(path, scope)
        except HTTPException as exc:
            if exc.status_code != 404 or "." in path.rsplit("/", 1)[-1]:
                raise
            response = await super().get_response("index.html", scope)
        is_asset = first == "assets" and response.status_code == 200
        response.headers["cache-control"] = _IMMUTABLE if is_asset else "no-cache"
        return response


def mount(app: FastAPI, dist: str | None) -> bool:
    """Mounts the app when it has been built; routes declared before this win over it."""
    if dist is None or not os.path.isfile(Path(dist) / "index.html"):
        return False
    app.mount("/", SinglePageApp(directory=dist, html=True), name="spa")
    return True
