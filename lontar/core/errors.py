"""A service's ``ValidationError`` shown on a form (views) — the one way every view does it.

Services raise ``django.core.exceptions.ValidationError``, either with a dict (field name →
messages) or with plain messages. Views put it on the bound form with :func:`apply_errors`, or,
where there is no form, flash :func:`error_messages`. The API answers the same error as
``application/problem+json`` (``lontar.core.api_errors``).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError


def apply_errors(form: Any, exc: ValidationError, field: str | None = None) -> None:
    """Put ``exc`` on ``form``: each named error next to its field; the rest on ``field`` or on top.

    Error codes and parameters are kept (``form.has_error(name, code)`` works). A name the form
    does not have, and an error without names, go to ``field`` when the form has it, else to the
    top of the form.
    """
    fallback = field if field in form.fields else None
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else fallback, errors)
    else:
        form.add_error(fallback, exc.error_list)


def error_messages(exc: ValidationError) -> list[str]:
    """Every message of ``exc`` as text (for a flash message or a page without a form)."""
    return [str(message) for message in exc.messages]


def flash_errors(request: Any, exc: ValidationError) -> None:
    """Show every message of ``exc`` on the next page (a view that redirects after a refused action)."""
    from django.contrib import messages

    for message in error_messages(exc):
        messages.error(request, message)
