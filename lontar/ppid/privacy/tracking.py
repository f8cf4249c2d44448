"""Tracking tokens: a secret given once to the requester; only its SHA-256 digest is stored."""

from __future__ import annotations

import hashlib
import hmac
import secrets

TOKEN_BYTES = 12  # 96 bits, 16 url-safe characters
MAX_TOKEN_LENGTH = 64
#: compared against when no request matches, so a miss costs the same as a wrong token
_DUMMY_DIGEST = hashlib.sha256(b"lontar-no-such-request").hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def digest(token: str) -> str:
    return hashlib.sha256(token.strip().encode("utf-8")).hexdigest()


def matches(token: str, stored_digest: str | None) -> bool:
    """Constant-time comparison; ``stored_digest`` None (no such request) never matches."""
    candidate = digest(token[:MAX_TOKEN_LENGTH])
    ok = hmac.compare_digest(candidate, stored_digest or _DUMMY_DIGEST)
    return ok and stored_digest is not None
