"""Settings, read from the environment (prefix MARAC_); secrets never live in the repository."""

from functools import lru_cache
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="MARAC_", extra="ignore")

    database_url: str = "sqlite:///var/marac.db"
    # Connections each worker keeps open, and how many more it may open under a burst: a request
    # holds one connection at a time, so the pool is sized to the requests a worker runs at
    # once. Workers x (pool + overflow) must stay under PostgreSQL's max_connections (100).
    db_pool_size: int = Field(default=20, ge=1)
    db_max_overflow: int = Field(default=10, ge=0)
    # Fail fast, with 503 and Retry-After, rather than queue: seconds a request waits for a
    # pooled PostgreSQL connection; milliseconds a statement may wait for a lock and may run
    # (PostgreSQL lock_timeout, statement_timeout); milliseconds SQLite waits for its write lock.
    db_pool_timeout_seconds: float = Field(default=3, gt=0)
    db_lock_timeout_ms: int = Field(default=5000, ge=1)
    db_statement_timeout_ms: int = Field(default=10000, ge=1)
    sqlite_busy_timeout_ms: int = Field(default=3000, ge=0)
    environment: Literal["production", "demo", "test"] = "production"
    # HS256 signing secret: at least 32 random bytes, from the environment only.
    jwt_secret: SecretStr | None = None
    # HMAC-SHA256 key of the audit chain (api/audit/keys.py): at least 32 random bytes, from the
    # environment only, never stored in the database, so someone who can rewrite the audit tables
    # cannot recompute the chain. Keys retired by a rotation stay listed so older entries verify.
    audit_key: SecretStr | None = None
    audit_retired_keys: list[SecretStr] = Field(default_factory=list)
    jwt_issuer: str = "marac"
    jwt_audience: str = "marac-api"
    access_token_minutes: int = Field(default=15, ge=1, le=60)
    refresh_token_days: int = Field(default=7, ge=1, le=90)
    redis_url: str | None = None
    cors_origins: list[str] = Field(default_factory=list)
    # Host names the service answers for (Host header; "*.example.org" for subdomains); any
    # other is refused with 400. testserver is the name test clients send.
    allowed_hosts: list[str] = Field(
        default_factory=lambda: ["127.0.0.1", "localhost", "testserver"], min_length=1)
    max_body_bytes: int = Field(default=1_000_000, ge=1024)
    # The request line and headers together, and how many header lines: past either, 431
    # (enforced by the served protocol, api/http_limits.py, before the app sees the request).
    max_header_bytes: int = Field(default=32 * 1024, ge=4096)
    max_headers: int = Field(default=100, ge=10)
    # Keep-alive connections a worker serves before it asks some of their clients to reconnect
    # (api/http_limits.py): a burst of new connections all lands on whichever worker accepts
    # first, and their requests would queue there while another worker idles.
    keepalive_connections_per_worker: int = Field(default=2, ge=1)
    log_level: str = "INFO"
    # Directory of the built browser app (frontend/dist), served at /; unset: the API alone.
    # scripts/run.sh and the Docker image set it.
    frontend_dist: str | None = None
    # Rate limits, in the `limits` notation ("10/minute"); 429 with Retry-After beyond them.
    login_rate_per_identity: str = "10/minute"  # per (identity, client): never one alone
    login_rate_per_client: str = "300/minute"
    refresh_rate_per_client: str = "300/minute"
    api_key_rate: str = "300/minute"
    # Failed logins never lock an account (an outsider could keep its owner out); they slow
    # down (api/identity/throttle.py). Per (identity, client address): from the 3rd consecutive
    # failure on, the next attempt waits 1, 2, 4... seconds, at most login_max_delay_seconds.
    login_delay_after_failures: int = Field(default=3, ge=1)
    login_max_delay_seconds: int = Field(default=900, ge=1)
    # Per identity over every client, looser: from the 10th failure, at most a minute; clients
    # that logged in as the identity within login_known_client_days are exempt.
    login_identity_delay_after_failures: int = Field(default=10, ge=1)
    login_identity_max_delay_seconds: int = Field(default=60, ge=1)
    login_known_client_days: int = Field(default=30, ge=1)
    # Multi-factor authentication (TOTP): required of everyone who can read personal data or
    # administer when this is on (MARAC_MFA_REQUIRED), or on panels whose mfa_required is set.
    mfa_required: bool = False
    mfa_token_minutes: int = Field(default=5, ge=1, le=15)
    mfa_issuer: str = "MARAC"
    # An identity's failure count is forgotten after this long without a failed login.
    login_throttle_forget_hours: int = Field(default=24, ge=1)
    # How often each worker deletes expired idempotency records and forgotten failure counts
    # (api/housekeeping.py); 0 turns it off, for a scheduler running `python -m api.housekeeping`.
    housekeeping_interval_seconds: int = Field(default=3600, ge=0)


@lru_cache
def get_settings() -> Settings:
    return Settings()
