"""Signed, expiring links the tracking page hands out for the notice PDF and delivered files."""

from __future__ import annotations

import hashlib
import hmac

from django.core import signing

LINK_SECONDS = 60 * 60
FILE_SALT = "ppid.notice-file"
PDF_SALT = "ppid.notice-pdf"


def sign(pk: int, *, salt: str) -> str:
    return signing.TimestampSigner(salt=salt).sign(str(pk))


def unsign(value: str, *, salt: str) -> int | None:
    """The id in a link still valid, else None (forged, expired or garbage)."""
    try:
        return int(signing.TimestampSigner(salt=salt).unsign(value[:200], max_age=LINK_SECONDS))
    except (signing.BadSignature, ValueError):
        return None


TRACK_SALT = "ppid.track-link"


def _track_fragment(tracking_digest: str) -> str:
    # derived from the stored digest, never the token: the link cannot be turned back into the token
    return hashlib.sha256(f"track-link:{tracking_digest}".encode()).hexdigest()[:20]


def track_link_value(pk: int, tracking_digest: str) -> str:
    """The signed part of a bookmarkable tracking link (no expiry; a new token ends it)."""
    return signing.Signer(salt=TRACK_SALT).sign(f"{pk}.{_track_fragment(tracking_digest)}")


def track_link_parse(value: str) -> tuple[int, str] | None:
    """(pk, fragment) of a genuine link, else None."""
    try:
        pk, fragment = signing.Signer(salt=TRACK_SALT).unsign(value[:200]).split(".", 1)
        return int(pk), fragment
    except (signing.BadSignature, ValueError):
        return None


def track_link_matches(fragment: str, tracking_digest: str | None) -> bool:
    return tracking_digest is not None and hmac.compare_digest(fragment, _track_fragment(tracking_digest))
