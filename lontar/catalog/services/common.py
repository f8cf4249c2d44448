"""Helpers shared by the catalogue services: text cleaning and permission errors."""

from __future__ import annotations

import unicodedata
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext as _

NOTE_MAX = 4000


def clean_text(value: Any, field: str, *, max_length: int, required: bool = False, multiline: bool = False) -> str:
    """Trimmed text without control characters (PostgreSQL cannot store NUL), bounded in length."""
    text = "" if value is None else str(value)
    if multiline:
        text = "\n".join(" ".join(line.split()) for line in text.replace("\r\n", "\n").split("\n")).strip()
    else:
        text = " ".join(text.split())
    if any(unicodedata.category(ch) == "Cc" and ch != "\n" for ch in text):
        raise ValidationError({field: _("The text contains control characters; remove them.")})
    if required and not text:
        raise ValidationError({field: _("This field is required.")})
    if len(text) > max_length:
        raise ValidationError(
            {field: _("Use at most %(max)d characters (now %(n)d).") % {"max": max_length, "n": len(text)}}
        )
    return text


def clean_note(value: Any) -> str:
    """Every workflow step carries a note."""
    text = clean_text(value, "note", max_length=NOTE_MAX, multiline=True)
    if not text:
        raise ValidationError({"note": _("Write a note for this step.")})
    return text


def deny(message: str) -> PermissionDenied:
    return PermissionDenied(message)


def not_found() -> Http404:
    """Acting on a record the actor may not see answers like a missing record."""
    return Http404(_("Not found."))
