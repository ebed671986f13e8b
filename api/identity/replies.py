"""What the sign-in routes (password, refresh, MFA) share: the token reply and the client key
that rate limits count by."""

from fastapi import Request

from api.identity.schemas import TokenResponse
from api.identity.service import TokenPair


def token_response(pair: TokenPair) -> TokenResponse:
    return TokenResponse(access_token=pair.access_token, expires_in=pair.expires_in,
                         refresh_token=pair.refresh_token)


def client_of(request: Request) -> str:
    return request.client.host if request.client else "unknown"
