"""Where PPID files live: private storage (:mod:`lontar.core.storage`), identity documents sealed.

Identity documents and powers of attorney are encrypted at rest (envelope encryption with the
key ring of LONTAR_FIELD_ENCRYPTION_KEYS, re-wrapped by ``manage.py rotate_keys``); notice PDFs,
delivered files and DIP documents are private but not encrypted (they are information to be
given out, not personal data).
"""

from __future__ import annotations

from django.core.files.storage import Storage

from lontar.core.storage import private_storage as _private_storage

private_storage = _private_storage()
identity_storage = _private_storage(sealed=True)


def get_private_storage() -> Storage:
    """Callable for ``FileField(storage=...)`` (keeps migrations free of storage details)."""
    return private_storage


def get_identity_storage() -> Storage:
    """Callable for the identity-document ``FileField``: the sealed private storage."""
    return identity_storage
