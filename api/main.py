"""The ASGI application: `create_app()` wires settings, database, middleware and routers."""

import contextlib
from collections.abc import AsyncIterator
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from api import docs, health, housekeeping, memory, problem_types, spa
from api.actions import lists_router as action_lists_router
from api.actions import router as actions_router
from api.audit import router as audit_router
from api.cases import reads_router as case_reads_router
from api.cases import router as cases_router
from api.config import Settings, get_settings
from api.db import make_engine, make_sessionmaker, timeouts
from api.errors import install_error_handlers
from api.identity import keys_router, mfa_router, user_actions_router, users_router
from api.identity import router as auth_router
from api.logging import configure_logging
from api.meetings import (
    agenda_router,
    conduct_router,
    hearings_router,
    record_router,
    research_router,
    settings_router,
)
from api.meetings import router as meetings_router
from api.middleware import BodySizeLimitMiddleware, RequestIdMiddleware
from api.panels import router as panels_router
from api.people import router as people_router
from api.problems import FieldError, ProblemDocument
from api.readiness import Readiness
from api.referrals import changes_router
from api.referrals import router as referrals_router
from api.security.wiring import install_security
from api.sharing import records_router as sharing_records_router
from api.sharing import router as sharing_router

API_PREFIX = "/api/v1"


@contextlib.asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Housekeeping runs while the app serves; what start-up built is frozen (api/memory.py)."""
    async with housekeeping.lifespan(app):
        memory.settle()
        yield


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    configure_logging(settings.log_level)
    app = FastAPI(
        title="MARAC case management",
        version="0.1.0",
        description="Referrals, cases and the rules of the Multi-Agency Risk Assessment "
        "Conference process. Errors are RFC 9457 problem documents.",
        lifespan=_lifespan,
        # No redirect to the path with(out) its trailing slash: it would be built from the
        # client's Host header. Such a path is simply not found.
        redirect_slashes=False,
        docs_url=None, redoc_url=None,  # Swagger UI from the project's own assets (api/docs.py)
    )
    engine = make_engine(settings.database_url, pool_size=settings.db_pool_size,
                         max_overflow=settings.db_max_overflow, timeouts=timeouts(settings))
    app.state.settings = settings
    app.state.engine = engine
    app.state.sessionmaker = make_sessionmaker(engine)
    app.state.readiness = Readiness(engine)

    install_error_handlers(app)
    app.add_middleware(BodySizeLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.add_middleware(RequestIdMiddleware)
    install_security(app, settings)

    docs.install_docs(app)
    app.include_router(health.router)
    app.include_router(problem_types.router)
    app.include_router(auth_router.router)
    app.include_router(mfa_router.router)
    app.include_router(users_router.router)
    app.include_router(user_actions_router.router)
    app.include_router(keys_router.router)
    app.include_router(audit_router.router)
    app.include_router(referrals_router.router, prefix=API_PREFIX)
    app.include_router(changes_router.router, prefix=API_PREFIX)
    app.include_router(cases_router.router, prefix=API_PREFIX)
    app.include_router(case_reads_router.router, prefix=API_PREFIX)
    app.include_router(people_router.router, prefix=API_PREFIX)
    app.include_router(panels_router.router, prefix=API_PREFIX)
    app.include_router(panels_router.agencies_router, prefix=API_PREFIX)
    app.include_router(settings_router.router, prefix=API_PREFIX)
    app.include_router(meetings_router.router, prefix=API_PREFIX)
    app.include_router(meetings_router.series_router, prefix=API_PREFIX)
    app.include_router(hearings_router.router, prefix=API_PREFIX)
    app.include_router(agenda_router.router, prefix=API_PREFIX)
    app.include_router(conduct_router.router, prefix=API_PREFIX)
    app.include_router(record_router.router, prefix=API_PREFIX)
    app.include_router(research_router.router, prefix=API_PREFIX)
    app.include_router(actions_router.router, prefix=API_PREFIX)
    app.include_router(action_lists_router.router, prefix=API_PREFIX)
    app.include_router(sharing_router.router, prefix=API_PREFIX)
    app.include_router(sharing_router.counts_router, prefix=API_PREFIX)
    app.include_router(sharing_records_router.router, prefix=API_PREFIX)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    spa.mount(app, settings.frontend_dist)  # last: every route above wins over the app
    return app


def _openapi(app: FastAPI) -> dict[str, Any]:
    """The contract, with the problem document schema every error response points at."""
    if app.openapi_schema is None:
        schema = get_openapi(title=app.title, version=app.version,
                             description=app.description, routes=app.routes)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        for model in (ProblemDocument, FieldError):
            model_schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
            components.update(model_schema.pop("$defs", {}))
            components[model.__name__] = model_schema
        app.openapi_schema = schema
    return app.openapi_schema
