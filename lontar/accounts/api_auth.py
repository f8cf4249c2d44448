"""API authentication: personal API tokens (Bearer) or a signed-in browser session."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.errors import HttpError
from ninja.security import HttpBearer, SessionAuth
from ninja.utils import check_csrf

from lontar.accounts import tokens


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = tokens.api_token_authenticate(raw=token)
        if user is not None:
            request.user = user
        return user


class VerifiedSessionAuth(SessionAuth):
    """A browser session counts only when the user passed two-factor sign-in where required.

    The CSRF check applies to a request the session actually signs in: a call without a session
    (a bad or missing token, a stale cookie) is simply not authenticated (401), never a 403."""

    def __init__(self) -> None:
        super().__init__(csrf=False)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = super().authenticate(request, key)
        if user is None:
            return None
        from lontar.accounts.twofactor import session_is_verified

        if not session_is_verified(request):
            return None
        if not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request) is not None:
            raise HttpError(403, "CSRF check Failed")
        return user


token_auth = [TokenAuth(), VerifiedSessionAuth()]
