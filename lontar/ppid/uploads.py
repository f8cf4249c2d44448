"""What PPID accepts as uploads (checked by content in :mod:`lontar.core.uploads`)."""

from __future__ import annotations

from lontar.core.uploads import JPEG, PDF, PNG, ZIP

#: identity documents and powers of attorney
IDENTITY_MAX_BYTES = 2 * 1024 * 1024
IDENTITY_TYPES = (PDF, JPEG, PNG)
#: files delivered with a written notice, and DIP documents
DELIVERY_MAX_BYTES = 20 * 1024 * 1024
DELIVERY_TYPES = (PDF, JPEG, PNG, ZIP)
