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
    max_body_bytes: int = Field(default=1_000_000, ge=1024)
    log_level: str = "INFO"
    # Directory of the built browser app (frontend/dist), served at /; unset: the API alone.
    # scripts/run.sh and the Docker image set it.
    frontend_dist: str | None = None
    # Rate limits, in the `limits` notation ("10/minute"); 429 with Retry-After beyond them.
    login_rate_per_identity: str = "10/minute"
    login_rate_per_client: str = "300/minute"
    refresh_rate_per_client: str = "300/minute"
    api_key_rate: str = "300/minute"
    # Consecutive failed logins of one identity (known or not): from the 3rd on, the next attempt
    # must wait 1, 2, 4... seconds after the last failure; the 5th locks it for 15 minutes.
    login_delay_after_failures: int = Field(default=3, ge=1)
    login_lockout_failures: int = Field(default=5, ge=1)
    login_lockout_minutes: int = Field(default=15, ge=1)
    # An identity's failure count is forgotten after this long without a failed login.
    login_throttle_forget_hours: int = Field(default=24, ge=1)
    # How often each worker deletes expired idempotency records and forgotten failure counts
    # (api/housekeeping.py); 0 turns it off, for a scheduler running `python -m api.housekeeping`.
    housekeeping_interval_seconds: int = Field(default=3600, ge=0)


@lru_cache
def get_settings() -> Settings:
    return Settings()
