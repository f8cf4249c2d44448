"""Reads of the Daftar Informasi Publik (DIP) and of the list of exempt information (DIK).

Public reads only cover active bodies. A linked Satu Data dataset is named only when it has a
public catalogue entry (published and publik); otherwise ``dataset_public_name`` is ``None``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import OuterRef, Q, QuerySet
from django.http import Http404

from lontar.accounts.permissions import get_for_actor_or_404
from lontar.catalog.selectors.public import public_name
from lontar.ppid.models import ConsequenceTest, DipEntry
from lontar.ppid.selectors.requests import MAX_QUERY_LENGTH, bodies_for_registration, public_bodies


@dataclass(frozen=True)
class DipFilters:
    body: int | None = None
    category: str = ""
    year: int | None = None
    query: str = ""


def _with_public_dataset(qs: QuerySet[DipEntry]) -> QuerySet[DipEntry]:
    return qs.annotate(dataset_public_name=public_name(OuterRef("dataset_id")))


def dip_public(filters: DipFilters | None = None) -> QuerySet[DipEntry]:
    """Entries of active bodies, filtered; ordered by body and number."""
    filters = filters or DipFilters()
    qs = DipEntry.objects.filter(body__in=public_bodies()).select_related("body__organisation", "consequence_test")
    if filters.body is not None:
        qs = qs.filter(body_id=filters.body)
    if filters.category:
        qs = qs.filter(category=filters.category)
    if filters.year is not None:
        qs = qs.filter(year=filters.year)
    query = filters.query.strip()[:MAX_QUERY_LENGTH]
    if query:
        qs = qs.filter(
            Q(number__icontains=query)
            | Q(summary__icontains=query)
            | Q(holder__icontains=query)
            | Q(responsible__icontains=query)
        )
    return _with_public_dataset(qs).order_by("body__organisation__name", "number", "id")


def dip_public_get(pk: Any) -> DipEntry:
    try:
        return dip_public().get(pk=int(pk))
    except (DipEntry.DoesNotExist, ValueError, TypeError, OverflowError) as exc:
        raise Http404 from exc


def dip_years() -> list[int]:
    """Years that appear in the public DIP, newest first (for the filter)."""
    qs = DipEntry.objects.filter(body__in=public_bodies(), year__isnull=False)
    return [y for y in qs.order_by("-year").values_list("year", flat=True).distinct() if y is not None]


def dip_managed(actor: Any) -> QuerySet[DipEntry]:
    """Entries of the bodies ``actor`` manages."""
    return _with_public_dataset(
        DipEntry.objects.filter(body__in=bodies_for_registration(actor)).select_related(
            "body__organisation", "consequence_test", "dataset"
        )
    ).order_by("body__organisation__name", "number", "id")


def dip_entry_get_for_actor(*, actor: Any, pk: Any) -> DipEntry:
    """One entry the actor manages, or 404 exactly as for a missing one."""
    return get_for_actor_or_404(dip_managed(actor), pk)


def dik_public(body: int | None = None) -> QuerySet[ConsequenceTest]:
    """Daftar Informasi yang Dikecualikan: consequence tests of active bodies."""
    qs = ConsequenceTest.objects.filter(body__in=public_bodies()).select_related("body__organisation")
    if body is not None:
        qs = qs.filter(body_id=body)
    return qs.order_by("body__organisation__name", "-decided_on", "id")
