"""Request and response bodies of the auth and administration endpoints."""

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from api.common.fields import Day, Name
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


class MfaChallenge(BaseModel):
    """The password was right; a second factor is next (`mfa`: required) or must first be
    enrolled (`mfa`: enrolment_required, with the token as the bearer credential of the
    enrolment routes)."""

    mfa: Literal["required", "enrolment_required"]
    mfa_token: str = Field(description="Short-lived; for /api/v1/auth/login/mfa or enrolment")
    expires_in: int = Field(description="Seconds until the MFA token expires")


class MfaLoginRequest(Input):
    mfa_token: str = Field(min_length=1, max_length=2000)
    code: str = Field(min_length=6, max_length=32, pattern=r"^[0-9a-fA-F -]+$",
                      description="A 6-digit code from the authenticator, or a recovery code")


class MfaEnrolmentStarted(BaseModel):
    secret: str = Field(description="Base32 TOTP secret: shown only in this response")
    otpauth_uri: str = Field(description="The same secret as an otpauth:// URI, for a QR code")


class MfaCode(Input):
    code: str = Field(min_length=6, max_length=6, pattern=r"^[0-9]{6}$")


class MfaEnrolled(BaseModel):
    recovery_codes: list[str] = Field(
        description="One-time codes for when the authenticator is lost: shown only here")
    tokens: TokenResponse | None = Field(
        description="When enrolment was the second step of a login: that login's tokens")


class PasswordChange(Input):
    current_password: str = Field(min_length=1, max_length=128)
    new_password: str = Field(min_length=12, max_length=128,
                              description="12 to 128 characters, not a common or weak one")


class PanelRoles(BaseModel):
    panel_id: uuid.UUID
    roles: list[Role] = Field(max_length=7)


class Me(BaseModel):
    user_id: uuid.UUID
    agency_id: uuid.UUID
    is_administrator: bool
    is_sharing_approver: bool = Field(
        description="May approve or refuse their agency's decisions to share without consent")
    panels: list[PanelRoles]


class Membership(Input):
    panel_id: uuid.UUID
    role: Role


class UserIdentity(Input):
    """Who the user is: matched against the perpetrators on each case, so that no agenda,
    minutes or case summary reaches a perpetrator (name or alias, and date of birth)."""

    given_names: Name | None = None
    family_name: Name | None = None
    date_of_birth: Day | None = None


class UserCreate(UserIdentity):
    email: str = Field(max_length=254, pattern=EMAIL_PATTERN)
    password: str = Field(min_length=12, max_length=128,
                          description="Initial password: 12 to 128 characters, not a common one")
    agency_id: uuid.UUID
    is_administrator: bool = False
    is_sharing_approver: bool = Field(
        default=False, description="A manager who approves or refuses their agency's "
                                   "decisions to share information without consent")
    memberships: list[Membership] = Field(default_factory=list, max_length=100)


class UserUpdate(UserIdentity):
    is_active: bool | None = None
    is_administrator: bool | None = None
    is_sharing_approver: bool | None = None
    memberships: list[Membership] | None = Field(default=None, max_length=100)


class UserRead(BaseModel):
    id: uuid.UUID
    email: str
    agency_id: uuid.UUID
    is_administrator: bool
    is_sharing_approver: bool
    is_active: bool
    failed_logins: int = Field(description="Recent failed logins, over every client")
    locked_until: datetime | None = Field(
        description="Until when logins from clients this user has not logged in from are "
                    "slowed down; nothing locks an account")
    mfa_enabled: bool
    memberships: list[Membership]
    created_at: datetime
    given_names: str | None
    family_name: str | None
    date_of_birth: date | None


class UserPage(BaseModel):
    items: list[UserRead]
    next_cursor: uuid.UUID | None


class RoleSnapshot(BaseModel):
    is_administrator: bool
    is_sharing_approver: bool = False
    is_active: bool
    memberships: list[Membership]


class RoleChangeRead(BaseModel):
    id: uuid.UUID
    user_id: uuid.UUID
    changed_by: uuid.UUID
    changed_at: datetime
    before: RoleSnapshot | None = Field(description="Null when the user was created")
    after: RoleSnapshot


class RoleChangePage(BaseModel):
    items: list[RoleChangeRead] = Field(description="Newest first")


class ApiKeyCreate(Input):
    agency_id: uuid.UUID
    name: str = Field(min_length=1, max_length=100)
    scopes: list[Scope] = Field(min_length=1, max_length=len(Scope))
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
