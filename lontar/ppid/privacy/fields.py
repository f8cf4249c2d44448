"""A model field that stores text encrypted (see :mod:`lontar.core.crypto`).

The column holds a Fernet token; Python code sees the plaintext. Empty strings stay empty
(nothing to protect). Filtering on the plaintext is impossible by design: use a blind index.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from lontar.core import crypto


class EncryptedTextField(models.TextField):
    description = "Text encrypted at rest with the field-encryption keys"

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> str | None:
        if value is None or value == "":
            return value
        return crypto.decrypt(value)

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return crypto.encrypt(str(value))


def encrypted_fields(model: type[models.Model]) -> list[str]:
    """Names of the encrypted fields of ``model``."""
    return [f.name for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]
