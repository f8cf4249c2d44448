"""What the registry's pages share: breadcrumbs, list filters, pagination."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from lontar.accounts.models import Role
from lontar.katalog.selectors.staff import Filters

PAGE_SIZE = 50
MANAGERS = (Role.ADMIN, Role.PENGELOLA_TIK)


def staff_crumbs(*extra: tuple[Any, str]) -> list[tuple[Any, str]]:
    """Workspace › Katalog TIK › extra (label, URL)."""
    return [
        (_("Workspace"), reverse("accounts:dashboard")),
        (_("ICT catalogue"), reverse("katalog:manage_index")),
        *extra,
    ]


def filters_from(request: HttpRequest) -> Filters:
    raw_org = request.GET.get("organisasi", "")
    organisation = int(raw_org) if raw_org.isdigit() and len(raw_org) < 10 else None
    return Filters(
        q=request.GET.get("q", "")[:100],
        organisation=organisation,
        stage=request.GET.get("tahap", "")[:30],
        kind=request.GET.get("jenis", "")[:30],
    )


def page_of(request: HttpRequest, queryset: Any) -> Page:
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
