"""Form fields whose integers always fit the database's 64-bit columns.

A number beyond 2**63-1 (or below -2**63) reaching a query makes SQLite raise OverflowError and
PostgreSQL "bigint out of range": a 500 for a typing mistake or a probe. These fields refuse it
first, with the field's usual message (translated by Django's catalogue).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator

DB_INT_MAX = 2**63 - 1
DB_INT_MIN = -(2**63)


def fits_db_integer(value: Any) -> bool:
    """False for a whole number (int or its text) outside the 64-bit range; True for anything else,
    which the field's own checks judge."""
    text = str(value).strip()
    digits = text[1:] if text[:1] in "+-" else text
    if not digits.isdigit() or not digits.isascii():
        return True
    if len(digits) > 19:  # more digits than 2**63 has: far out of range (and no slow int() of 4,000 digits)
        return False
    return DB_INT_MIN <= int(text) <= DB_INT_MAX


class DbIntegerField(forms.IntegerField):
    """An IntegerField that never gives a value beyond the 64-bit range (min/max still apply)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if self.max_value is None:
            self.validators.append(MaxValueValidator(DB_INT_MAX))
        if self.min_value is None:
            self.validators.append(MinValueValidator(DB_INT_MIN))

    def to_python(self, value: Any) -> int | None:
        if value not in self.empty_values and not fits_db_integer(value):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class DbModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A ModelMultipleChoiceField whose keys out of the 64-bit range are invalid choices, not a 500."""

    def _check_values(self, value: Iterable[Any]) -> Any:
        for key in value:
            if not fits_db_integer(key):
                shown = str(key) if len(str(key)) <= 24 else f"{str(key)[:24]}…"
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": shown}
                )
        return super()._check_values(value)  # type: ignore[misc]  # private in Django, absent from django-stubs
