"""Signed, expiring links the tracking page hands out for the notice PDF and delivered files."""

from __future__ import annotations

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
