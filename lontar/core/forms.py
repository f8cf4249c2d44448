"""Shared form fields.

* Integers that always fit the database's 64-bit columns: a number beyond 2**63-1 (or below -2**63)
  reaching a query makes SQLite raise OverflowError and PostgreSQL "bigint out of range": a 500 for
  a typing mistake or a probe. These fields refuse it first, with the field's usual message
  (translated by Django's catalogue).
* :class:`UploadField`: a browser never sends a file again, so when a form comes back with errors
  the file chosen before is gone; the field then says so next to itself ("choose it again").
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _

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


#: shown next to a file field when the form is shown again with errors after a file was chosen
CHOOSE_AGAIN = _(
    "Choose the file again: the file you chose was not kept because other fields of the form need correcting."
)


def file_must_be_chosen_again(field: forms.BoundField) -> bool:
    """True when the form came back with errors (its own or a service's), a file had been sent for
    ``field`` and ``field`` itself has no error: the page shows the form again without the file."""
    form = field.form
    if not form.is_bound or not form.errors or field.name in form.errors:
        return False
    return bool(form.files.get(field.html_name))


class ChooseAgainBoundField(forms.BoundField):
    """A file field's bound field whose errors include :data:`CHOOSE_AGAIN` when the file is lost."""

    @property
    def errors(self) -> ErrorList:
        own = super().errors
        if own or not file_must_be_chosen_again(self):
            return own
        return self.form.error_class(
            [str(CHOOSE_AGAIN)], error_class="choose-again", renderer=self.form.renderer, field_id=self.auto_id
        )


class UploadField(forms.FileField):
    """A FileField that says "choose the file again" when its form is shown again with errors."""

    bound_field_class = ChooseAgainBoundField
