"""Blind index of a requester's identity number (NIK or decree number), for lookups."""

from __future__ import annotations

from lontar.core import crypto

PURPOSE = "ppid-identity"


def identity_index(identity_number: str) -> str:
    """The index stored with a new or re-encrypted request (newest key)."""
    return crypto.blind_index(identity_number, purpose=PURPOSE)


def identity_indexes(identity_number: str) -> list[str]:
    """The index under every configured key, so a lookup finds rows from before a rotation."""
    return crypto.blind_indexes(identity_number, purpose=PURPOSE)
