"""Token attacks: each forged, stale or revoked access token is refused with 401."""

import base64
import json
import secrets
import time
import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient
from jose import jwt
from sqlalchemy.orm import Session

from api.identity.models import User
from api.security import tokens
from tests.support.auth import bearer, login, make_agency, make_user

ME = "/api/v1/auth/me"


def _claims(client: TestClient, session: Session) -> dict[str, Any]:
    """Real, valid claims for a fresh user and login, to be tampered with."""
    user = make_user(session, make_agency(session))
    token = login(client, user.email)["access_token"]
    return dict(jwt.get_unverified_claims(token))


def _sign(client: TestClient, claims: dict[str, Any], key: str | None = None) -> str:
    secret = key or client.app.state.settings.jwt_secret.get_secret_value()
    return str(jwt.encode(claims, secret, algorithm="HS256"))


def _status(client: TestClient, token: str) -> int:
    return client.get(ME, headers=bearer(token)).status_code


def test_untampered_claims_are_accepted(client: TestClient, session: Session) -> None:
    assert _status(client, _sign(client, _claims(client, session))) == 200


def test_alg_none_is_refused(client: TestClient, session: Session) -> None:
    def part(obj: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(obj).encode()).rstrip(b"=").decode()
    token = f"{part({'alg': 'none', 'typ': 'JWT'})}.{part(_claims(client, session))}."
    assert _status(client, token) == 401


def test_another_key_is_refused(client: TestClient, session: Session) -> None:
    assert _status(client, _sign(client, _claims(client, session), secrets.token_hex(32))) == 401


@pytest.mark.parametrize("change", [
    pytest.param({"exp": int(time.time()) - 10}, id="expired"),
    pytest.param({"aud": "someone-else"}, id="wrong-audience"),
    pytest.param({"iss": "someone-else"}, id="wrong-issuer"),
    pytest.param({"ver": 999}, id="stale-token-version"),
    pytest.param({"sid": str(uuid.uuid4())}, id="unknown-login"),
    pytest.param({"sub": str(uuid.uuid4())}, id="unknown-user"),
])
def test_tampered_claims_are_refused(client: TestClient, session: Session,
                                     change: dict[str, Any]) -> None:
    assert _status(client, _sign(client, _claims(client, session) | change)) == 401


@pytest.mark.parametrize("claim", [*tokens.REQUIRED_CLAIMS, "sid", "ver"])
def test_each_required_claim_must_be_present(client: TestClient, session: Session,
                                             claim: str) -> None:
    claims = _claims(client, session)
    del claims[claim]
    assert _status(client, _sign(client, claims)) == 401


def test_logout_revokes_access_and_refresh(client: TestClient, session: Session) -> None:
    user = make_user(session, make_agency(session))
    pair = login(client, user.email)
    logout = client.post("/api/v1/auth/logout", headers=bearer(pair["access_token"]))
    assert logout.status_code == 204
    assert _status(client, pair["access_token"]) == 401
    refreshed = client.post("/api/v1/auth/refresh", json={"refresh_token": pair["refresh_token"]})
    assert refreshed.status_code == 401


def test_role_change_refuses_older_tokens(client: TestClient, session: Session) -> None:
    user = make_user(session, make_agency(session))
    token = login(client, user.email)["access_token"]
    session.get(User, user.id).token_version += 1
    session.commit()
    assert _status(client, token) == 401


def test_disabled_user_is_refused_at_once(client: TestClient, session: Session) -> None:
    user = make_user(session, make_agency(session))
    token = login(client, user.email)["access_token"]
    session.get(User, user.id).is_active = False
    session.commit()
    assert _status(client, token) == 401


def test_refresh_rotates_and_reuse_revokes_the_family(client: TestClient,
                                                      session: Session) -> None:
    user = make_user(session, make_agency(session))
    first = login(client, user.email)
    rotated = client.post("/api/v1/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert rotated.status_code == 200
    second = rotated.json()
    assert second["refresh_token"] != first["refresh_token"]
    assert _status(client, second["access_token"]) == 200
    reuse = client.post("/api/v1/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert reuse.status_code == 401
    # The whole login is gone: the newest tokens stop working too.
    assert _status(client, second["access_token"]) == 401
    again = client.post("/api/v1/auth/refresh", json={"refresh_token": second["refresh_token"]})
    assert again.status_code == 401


def test_missing_or_malformed_credentials(client: TestClient) -> None:
    assert client.get(ME).status_code == 401
    assert client.get(ME, headers={"Authorization": "Basic Zm9vOmJhcg=="}).status_code == 401
    assert client.get(ME, headers=bearer("not-a-jwt")).status_code == 401


def test_no_secret_no_tokens() -> None:
    from api.config import Settings
    with pytest.raises(tokens.MissingSecret):
        tokens.issue_access_token(Settings(jwt_secret=secrets.token_hex(8)),
                                  uuid.uuid4(), uuid.uuid4(), 1)
    with pytest.raises(tokens.MissingSecret):
        tokens.decode_access_token(Settings(jwt_secret=None), "x.y.z")


def test_a_cached_token_is_refused_at_once_after_logout(client: TestClient,
                                                         session: Session) -> None:
    """The verified-claims cache skips the signature check only: the login is checked on
    every request, so a token used (and cached) just before logout fails just after it."""
    user = make_user(session, make_agency(session))
    token = login(client, user.email)["access_token"]
    assert _status(client, token) == 200
    assert any(key[0] == token for key in tokens._VERIFIED)
    assert client.post("/api/v1/auth/logout", headers=bearer(token)).status_code == 204
    assert _status(client, token) == 401


def test_a_cached_token_is_refused_when_its_user_is_disabled(client: TestClient,
                                                             session: Session) -> None:
    user = make_user(session, make_agency(session))
    token = login(client, user.email)["access_token"]
    assert _status(client, token) == 200
    session.get(User, user.id).is_active = False
    session.commit()
    assert _status(client, token) == 401


def test_a_cached_token_still_expires(client: TestClient, session: Session,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    user = make_user(session, make_agency(session))
    token = login(client, user.email)["access_token"]
    assert _status(client, token) == 200
    expires = int(jwt.get_unverified_claims(token)["exp"])
    later = datetime.fromtimestamp(expires + 1, UTC)
    monkeypatch.setattr(tokens, "utcnow", lambda: later)
    assert _status(client, token) == 401
    assert not any(key[0] == token for key in tokens._VERIFIED)


def test_the_cache_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    from api.config import Settings
    monkeypatch.setattr(tokens, "VERIFIED_CACHE_SIZE", 3)
    settings = Settings(jwt_secret="s" * 40)  # type: ignore[call-arg]
    issued = [tokens.issue_access_token(settings, uuid.uuid4(), uuid.uuid4(), 1)[0]
              for _ in range(5)]
    for token in issued:
        tokens.decode_access_token(settings, token)
    cached = [key[0] for key in tokens._VERIFIED]
    assert issued[-3:] == cached[-3:] and issued[0] not in cached
    assert tokens.decode_access_token(settings, issued[0]).token_version == 1
