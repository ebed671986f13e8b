"""The API documentation at /docs: Swagger UI served from the swagger-ui-bundle-v2 package.

Nothing loads from a CDN (the page works on a network without internet, and no third-party
script runs on a page that holds tokens), and the page has no inline script, so its CSP needs
only 'self' for scripts (api/security/headers.py).
"""

from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles
from swagger_ui_bundle import swagger_ui_path

ASSETS = "/docs/assets"
_INIT = Path(__file__).with_name("static") / "docs-init.js"
_PAGE = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>MARAC case management - API documentation</title>
<link rel="stylesheet" href="{ASSETS}/swagger-ui.css">
<link rel="icon" type="image/png" href="{ASSETS}/favicon-32x32.png">
</head>
<body>
<div id="swagger-ui"></div>
<script src="{ASSETS}/swagger-ui-bundle.js"></script>
<script src="{ASSETS}/swagger-ui-standalone-preset.js"></script>
<script src="/docs/init.js"></script>
</body>
</html>
"""

router = APIRouter(include_in_schema=False)


@router.get("/docs")
def docs() -> HTMLResponse:
    return HTMLResponse(_PAGE)


@router.get("/docs/init.js")
def docs_init() -> FileResponse:
    return FileResponse(_INIT, media_type="text/javascript")


def install_docs(app: FastAPI) -> None:
    app.include_router(router)
    app.mount(ASSETS, StaticFiles(directory=str(swagger_ui_path)), name="docs-assets")
