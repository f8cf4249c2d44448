"""Encryption of personal data at rest (UU 27/2022).

Values are encrypted with ``cryptography``'s MultiFernet. The keys come from the setting
``FIELD_ENCRYPTION_KEYS`` (environment variable ``LONTAR_FIELD_ENCRYPTION_KEYS``,
comma-separated, **newest first**): new values are always encrypted with the first key, and
every key in the list can still decrypt. ``manage.py rotate_keys`` re-encrypts every stored value
with the newest key, after which old keys can be removed.

Lookups on an encrypted value (e.g. "other requests by this NIK") go through a *blind index*:
a keyed HMAC of the normalised value. :func:`blind_indexes` gives the index under every
configured key so that a lookup still finds rows written before the last rotation.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from functools import lru_cache

from cryptography.exceptions import InvalidTag
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class DecryptionFailed(RuntimeError):
    """A stored value cannot be decrypted with any configured key."""


def configured_keys() -> tuple[str, ...]:
    """The configured keys, newest first. Raises ImproperlyConfigured when there is none."""
    raw = getattr(settings, "FIELD_ENCRYPTION_KEYS", None) or []
    keys = tuple(k.strip() for k in raw if k and k.strip())
    if not keys:
        raise ImproperlyConfigured("LONTAR_FIELD_ENCRYPTION_KEYS must hold at least one Fernet key.")
    return keys


def key_problems(keys: list[str] | tuple[str, ...]) -> list[str]:
    """Human-readable problems with a list of keys (empty list when they are all usable)."""
    problems = []
    for position, key in enumerate(keys, start=1):
        try:
            Fernet(key.strip())
        except (ValueError, TypeError):
            problems.append(f"key {position} is not a url-safe base64 Fernet key of 32 bytes")
    return problems


@lru_cache(maxsize=8)
def _multi_fernet(keys: tuple[str, ...]) -> MultiFernet:
    problems = key_problems(keys)
    if problems:
        raise ImproperlyConfigured("LONTAR_FIELD_ENCRYPTION_KEYS: " + "; ".join(problems))
    return MultiFernet([Fernet(k) for k in keys])


def _fernet() -> MultiFernet:
    return _multi_fernet(configured_keys())


def encrypt(plaintext: str) -> str:
    """Encrypt with the newest key. The result is ASCII (a Fernet token)."""
    return _fernet().encrypt(plaintext.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    """Decrypt with any configured key; DecryptionFailed names the likely cause."""
    try:
        return _fernet().decrypt(token.encode("ascii")).decode("utf-8")
    except (InvalidToken, UnicodeError) as exc:
        raise DecryptionFailed(
            "An encrypted value cannot be read with the configured keys. Was a key removed from "
            "LONTAR_FIELD_ENCRYPTION_KEYS before `manage.py rotate_keys` ran?"
        ) from exc


def rotate(token: str) -> str:
    """Re-encrypt ``token`` with the newest key (it may have been written with any key)."""
    try:
        return _fernet().rotate(token.encode("ascii")).decode("ascii")
    except (InvalidToken, UnicodeError) as exc:
        raise DecryptionFailed("An encrypted value cannot be rotated: no configured key opens it.") from exc


def is_current(token: str) -> bool:
    """True when ``token`` decrypts with the newest key alone."""
    newest = Fernet(configured_keys()[0])
    try:
        newest.decrypt(token.encode("ascii"))
    except (InvalidToken, UnicodeError):
        return False
    return True


def _index_key(key: str, purpose: str) -> bytes:
    raw = base64.urlsafe_b64decode(key.encode("ascii"))
    return hmac.new(raw, b"lontar-blind-index:" + purpose.encode("utf-8"), hashlib.sha256).digest()


def blind_index(value: str, *, purpose: str) -> str:
    """Keyed HMAC-SHA256 of ``value`` under the newest key (hex)."""
    return hmac.new(_index_key(configured_keys()[0], purpose), value.encode("utf-8"), hashlib.sha256).hexdigest()


def blind_indexes(value: str, *, purpose: str) -> list[str]:
    """The blind index of ``value`` under every configured key, for lookups across a rotation."""
    return [
        hmac.new(_index_key(k, purpose), value.encode("utf-8"), hashlib.sha256).hexdigest() for k in configured_keys()
    ]


#: first bytes of a sealed blob; no content an upload check accepts starts with them
SEALED_MAGIC = b"LONTAR-SEALED-1\n"
_NONCE_BYTES = 12
_LENGTH_BYTES = 2


def is_sealed(blob: bytes) -> bool:
    """True when ``blob`` was written by :func:`seal` (anything else is legacy plaintext)."""
    return blob.startswith(SEALED_MAGIC)


def _split(blob: bytes) -> tuple[bytes, bytes]:
    """The wrapped data key and the rest (nonce + ciphertext) of a sealed blob."""
    start = len(SEALED_MAGIC)
    length = int.from_bytes(blob[start : start + _LENGTH_BYTES], "big")
    key_end = start + _LENGTH_BYTES + length
    if length == 0 or len(blob) < key_end + _NONCE_BYTES:
        raise DecryptionFailed("A sealed file is truncated.")
    return blob[start + _LENGTH_BYTES : key_end], blob[key_end:]


def _join(wrapped_key: bytes, body: bytes) -> bytes:
    return SEALED_MAGIC + len(wrapped_key).to_bytes(_LENGTH_BYTES, "big") + wrapped_key + body


def seal(plaintext: bytes) -> bytes:
    """Encrypt ``plaintext`` under a new data key, itself encrypted with the newest key of the ring."""
    data_key = AESGCM.generate_key(bit_length=256)
    nonce = os.urandom(_NONCE_BYTES)
    body = nonce + AESGCM(data_key).encrypt(nonce, plaintext, SEALED_MAGIC)
    return _join(_fernet().encrypt(data_key), body)


def unseal(blob: bytes) -> bytes:
    """The plaintext of a sealed blob; DecryptionFailed when no configured key opens it."""
    wrapped, body = _split(blob)
    try:
        data_key = _fernet().decrypt(wrapped)
        return AESGCM(data_key).decrypt(body[:_NONCE_BYTES], body[_NONCE_BYTES:], SEALED_MAGIC)
    except (InvalidToken, ValueError) as exc:
        raise DecryptionFailed(
            "A sealed file cannot be read with the configured keys. Was a key removed from "
            "LONTAR_FIELD_ENCRYPTION_KEYS before `manage.py rotate_keys` ran?"
        ) from exc
    except InvalidTag as exc:
        raise DecryptionFailed("A sealed file was altered: its authentication tag does not match.") from exc


def seal_is_current(blob: bytes) -> bool:
    """True when the data key of a sealed blob is wrapped with the newest key."""
    return is_current(_split(blob)[0].decode("ascii"))


def reseal(blob: bytes) -> bytes:
    """The same sealed content with its data key re-wrapped under the newest key (body unchanged)."""
    wrapped, body = _split(blob)
    return _join(rotate(wrapped.decode("ascii")).encode("ascii"), body)
