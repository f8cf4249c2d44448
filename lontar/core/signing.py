"""Ed25519 signatures of issued documents (LHE, written notices).

The private key is ``settings.SIGNING_KEY``: 32 raw bytes, base64 (``LONTAR_SIGNING_KEY``).
A document's signature is detached: Ed25519 over the exact bytes of its PDF. Ed25519 is
deterministic, so the signature is computed when asked for and needs no storage; anyone can
check it offline with the published public key::

    openssl pkeyutl -verify -pubin -inkey lontar-signing-key.pem -rawin -in LHE.pdf -sigfile LHE.sig
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from functools import lru_cache

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class SigningUnavailable(Exception):
    """No signing key is configured: documents are issued unsigned."""


def new_key() -> str:
    """A fresh private key in the form LONTAR_SIGNING_KEY takes."""
    raw = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    return base64.b64encode(raw).decode()


def parse_key(text: str) -> Ed25519PrivateKey:
    """The private key from its base64 form; ImproperlyConfigured when it is not one."""
    try:
        raw = base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ImproperlyConfigured("LONTAR_SIGNING_KEY is not base64.") from exc
    if len(raw) != 32:
        raise ImproperlyConfigured("LONTAR_SIGNING_KEY must be 32 bytes (an Ed25519 private key), base64.")
    return Ed25519PrivateKey.from_private_bytes(raw)


@lru_cache(maxsize=4)
def _private_key(text: str) -> Ed25519PrivateKey:
    return parse_key(text)


def private_key() -> Ed25519PrivateKey:
    text = getattr(settings, "SIGNING_KEY", "") or ""
    if not text:
        raise SigningUnavailable
    return _private_key(text)


def available() -> bool:
    try:
        private_key()
    except SigningUnavailable:
        return False
    return True


def public_key() -> Ed25519PublicKey:
    return private_key().public_key()


def public_key_pem() -> str:
    return (
        public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()
    )


def key_id() -> str:
    """A short fingerprint of the public key (first 16 hex digits of SHA-256 of its raw bytes)."""
    raw = public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def sign(data: bytes) -> bytes:
    return private_key().sign(data)


def verify(data: bytes, signature: bytes, key: Ed25519PublicKey | None = None) -> bool:
    try:
        (key or public_key()).verify(signature, data)
    except InvalidSignature:
        return False
    return True
