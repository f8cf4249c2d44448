"""Errors the services raise besides ValidationError and PermissionDenied."""

from __future__ import annotations

from typing import Any


class EditConflict(Exception):
    """Somebody saved the same record after the version this save started from.

    ``current`` is the record as it is now; nothing of the refused save was written.
    """

    def __init__(self, current: Any) -> None:
        self.current = current
        super().__init__("the record changed since it was read")
