"""Request and response bodies of the auth and administration endpoints."""

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from api.security.principal import Role, Scope

# \s differs between engines: ECMA-262 (the schema, and schemathesis) omits U+0085 and includes
# U+FEFF; Rust's regex (Pydantic) the reverse. Naming both makes every engine accept the same set.
_EMAIL_CHAR = r"[^@\s\u0085\ufeff]"
EMAIL_PATTERN = rf"^{_EMAIL_CHAR}{{1,64}}@{_EMAIL_CHAR}{{1,189}}\.{_EMAIL_CHAR}{{1,63}}$"


class Input(BaseModel):
    model_config = ConfigDict(extra="forbid")


class LoginRequest(Input):
    email: str = Field(min_length=3, max_length=254)
    password: str = Field(min_length=1, max_length=128)


class RefreshRequest(Input):
    refresh_token: str = Field(min_length=1, max_length=200)


class TokenResponse(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"  # noqa: S105 - a token type, not a secret
    expires_in: int = Field(description="Seconds until the access token expires")
    refresh_token: str | None = Field(
        description="One-time use; rotate with /api/v1/auth/refresh. Null when it was set as "
        "the HttpOnly cookie instead (X-Refresh-Cookie on login, or a refresh from the cookie)")


class PanelRoles(BaseModel):
    panel_id: uuid.UUID
    roles: list[Role] = Field(max_length=7)


class Me(BaseModel):
    user_id: uuid.UUID
    agency_id: uuid.UUID
    is_administrator: bool
    panels: list[PanelRoles]


class Membership(Input):
    panel_id: uuid.UUID
    role: Role


class UserCreate(Input):
    email: str = Field(max_length=254, pattern=EMAIL_PATTERN)
    password: str = Field(min_length=12, max_length=128,
                          description="Initial password: 12 to 128 characters, not a common one")
    agency_id: uuid.UUID
    is_administrator: bool = False
    memberships: list[Membership] = Field(default_factory=list, max_length=100)


class UserUpdate(Input):
    is_active: bool | None = None
    is_administrator: bool | None = None
    memberships: list[Membership] | None = Field(default=None, max_length=100)


class UserRead(BaseModel):
    id: uuid.UUID
    email: str
    agency_id: uuid.UUID
    is_administrator: bool
    is_active: bool
    locked_until: datetime | None
    memberships: list[Membership]
    created_at: datetime


class UserPage(BaseModel):
    items: list[UserRead]
    next_cursor: uuid.UUID | None


class ApiKeyCreate(Input):
    agency_id: uuid.UUID
    name: str = Field(min_length=1, max_length=100)
    scopes: list[Scope] = Field(min_length=1, max_length=2)
    expires_in_days: int = Field(default=90, ge=1, le=365)


class ApiKeyRead(BaseModel):
    id: uuid.UUID
    agency_id: uuid.UUID
    name: str
    scopes: list[Scope]
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None
    last_used_at: datetime | None


class ApiKeyIssued(ApiKeyRead):
    key: str = Field(description="The key itself: shown only in this response, never again")


class ApiKeyPage(BaseModel):
    items: list[ApiKeyRead]
    next_cursor: uuid.UUID | None
