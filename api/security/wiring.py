"""Installs the security layers on the app: secret check, rate limiter, audit, CORS, headers.

Middleware order, outermost first: security headers, allowed hosts, CORS, audit, then the
app's own.
"""

from fastapi import FastAPI
from starlette.middleware.cors import CORSMiddleware

from api.audit import keys as audit_keys
from api.audit.middleware import AuditMiddleware
from api.config import Settings
from api.security import tokens
from api.security.headers import SecurityHeadersMiddleware
from api.security.hosts import AllowedHostsMiddleware
from api.security.ratelimit import make_rate_limiter


def install_security(app: FastAPI, settings: Settings) -> None:
    if settings.environment != "test":
        tokens.signing_secret(settings)  # refuses to start without a strong secret
    # The audit chain's key; refuses to start without one, except in tests (a random one).
    app.state.audit_keys = audit_keys.install(app.state.engine, settings)
    app.state.rate_limiter = make_rate_limiter(settings)
    app.add_middleware(AuditMiddleware)
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins,
                           allow_methods=["GET", "POST", "PATCH", "PUT", "DELETE"],
                           allow_headers=["Authorization", "Content-Type", "If-Match",
                                          "Idempotency-Key", "X-Request-ID"],
                           expose_headers=["ETag", "Location", "Retry-After", "X-Request-ID"],
                           allow_credentials=False, max_age=600)
    app.add_middleware(AllowedHostsMiddleware, allowed_hosts=settings.allowed_hosts)
    app.add_middleware(SecurityHeadersMiddleware)
