"""The browser app's opt-in way to hold the refresh token: an HttpOnly cookie, not script memory.

A browser client sends `X-Refresh-Cookie: true` on login; the refresh token then travels only in
a cookie that script cannot read (HttpOnly), that is sent only to the refresh route (Path), never
on a request started by another site (SameSite=Strict), and over https only when served so
(Secure). Refreshing from the cookie also needs the `X-Requested-With` header: a cross-site form
cannot set it and a cross-origin script cannot send it without a CORS preflight, which the API
does not grant, so a forged refresh is refused even where SameSite is not enforced.
Partner systems and scripts keep using the refresh token in the JSON body, unchanged.
"""

from typing import Annotated

from fastapi import Header, Request, Response

from api.config import Settings
from api.problems import Unauthenticated

COOKIE_NAME = "marac_refresh"
COOKIE_PATH = "/api/v1/auth/refresh"

WantsCookie = Annotated[bool, Header(
    alias="X-Refresh-Cookie",
    description="true: set the refresh token as an HttpOnly cookie instead of in the body")]
RequestedWith = Annotated[str | None, Header(
    alias="X-Requested-With", max_length=100,
    description="Required (any value) when the refresh token comes from the cookie")]


def set_cookie(response: Response, request: Request, settings: Settings, token: str) -> None:
    response.set_cookie(COOKIE_NAME, token, max_age=settings.refresh_token_days * 86400,
                        path=COOKIE_PATH, httponly=True, samesite="strict",
                        secure=request.url.scheme == "https")


def clear_cookie(response: Response, request: Request) -> None:
    response.delete_cookie(COOKIE_NAME, path=COOKIE_PATH, httponly=True, samesite="strict",
                           secure=request.url.scheme == "https")


def token_from_cookie(request: Request, requested_with: str | None) -> str:
    """The cookie's refresh token, refused without the anti-forgery header."""
    token = request.cookies.get(COOKIE_NAME)
    if not token or not requested_with:
        raise Unauthenticated("The refresh token is not valid.")
    return token
