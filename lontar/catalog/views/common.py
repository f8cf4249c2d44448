"""Helpers of the catalogue views."""

from __future__ import annotations

from typing import Any


def page_number(raw: Any, *, maximum: int = 1000) -> int | None:
    """A page number from the query string, or None when it is not a number in range."""
    text = str(raw or "1")
    if not (text.isascii() and text.isdigit()) or len(text) > 6:
        return None
    number = int(text)
    return number if 1 <= number <= maximum else None


def staff_crumbs(*extra: tuple[Any, str]) -> list[tuple[Any, str]]:
    """Breadcrumbs of the staff pages: Workspace › Satu Data › extra (label, URL name or path)."""
    from django.urls import NoReverseMatch, reverse
    from django.utils.translation import gettext as _

    items: list[tuple[Any, str]] = [
        (_("Workspace"), reverse("accounts:dashboard")),
        (_("Satu Data"), reverse("catalog:manage_index")),
    ]
    for label, target in extra:
        try:
            url = reverse(target) if target and ":" in target and not target.startswith("/") else target
        except NoReverseMatch:
            url = target
        items.append((label, url))
    return items
