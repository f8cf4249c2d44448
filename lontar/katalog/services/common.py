"""What every registry service shares: the permission check, codes, cleaning, change summaries."""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils.translation import gettext as _

from lontar.katalog.policies import may_manage

CODE_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,39}")


def require_manager(actor: Any, organisation: Any) -> None:
    """``actor`` None is the system (sample data, commands); anyone else must manage ``organisation``."""
    if actor is not None and not may_manage(actor, organisation):
        raise PermissionDenied(_("You do not manage the ICT catalogue of this organisation."))


def new_code(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10].upper()}"


def clean_code(value: str, prefix: str) -> str:
    """The stable ID of a record: given (an import's ID column) or a new one."""
    text = str(value or "").strip()
    if not text:
        return new_code(prefix)
    if not CODE_RE.fullmatch(text):
        raise ValidationError(
            {"code": _("The ID may hold only letters, digits, dots, dashes and underscores (at most 40).")}
        )
    return text


def clean_text(value: Any, *, single_line: bool = True) -> str:
    """Text without control characters (newlines kept in long text); whitespace collapsed on one line."""
    text = "" if value is None else str(value)
    if single_line:
        text = " ".join(text.split())
    else:
        text = "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").split("\n")).strip()
    if any(unicodedata.category(ch) == "Cc" and ch != "\n" for ch in text):
        raise ValidationError(_("The text contains control characters; remove them."))
    return text


def full_clean(record: models.Model, exclude: Iterable[str] = ()) -> None:
    """The model's own checks (lengths, choices, URLs), with Indonesian messages per field."""
    record.full_clean(exclude=list(exclude), validate_unique=True, validate_constraints=False)


def snapshot(record: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    out = {}
    for name in fields:
        value = getattr(record, name)
        out[name] = value.pk if isinstance(value, models.Model) else value
    return out


def changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """``{field: [old, new]}`` of the fields that changed (for the audit event)."""
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}


def merge_errors(errors: dict[str, list[str]], exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, found in exc.message_dict.items():
            errors.setdefault(name, []).extend(found)
    else:
        errors.setdefault("__all__", []).extend(exc.messages)
