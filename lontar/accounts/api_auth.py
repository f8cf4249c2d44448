"""API authentication: personal API tokens (Bearer) or a signed-in browser session."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from lontar.accounts import tokens


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = tokens.api_token_authenticate(raw=token)
        if user is not None:
            request.user = user
        return user


class VerifiedSessionAuth(SessionAuth):
    """A browser session counts only when the user passed two-factor sign-in where required."""

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = super().authenticate(request, key)
        if user is None:
            return None
        from lontar.accounts.twofactor import session_is_verified

        return user if session_is_verified(request) else None


token_auth = [TokenAuth(), VerifiedSessionAuth()]
