"""Reads for the public catalogue. Everything here starts from ``CatalogEntry`` (published and
publik only) and the immutable version it points to."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.db.models import QuerySet, Subquery
from django.http import Http404

from lontar.catalog.models import CatalogEntry, Dataset, DatasetVersion, ResourceVersion


def public_entries() -> QuerySet[CatalogEntry]:
    return CatalogEntry.objects.select_related("version", "organisation", "organisation__parent")


def public_datasets() -> QuerySet[Dataset]:
    """Datasets in the public catalogue (published, data class publik) — the one definition other
    apps (the PPID's DIP) use; a dataset is in it exactly when it has a ``CatalogEntry``."""
    return Dataset.objects.filter(catalog_entry__isnull=False)


def public_entries_of(organisation_id: Any, published_until: dt.date | None = None) -> QuerySet[CatalogEntry]:
    """Public entries of one organisation (not the units under it), first published by the end of
    ``published_until`` when given (the PPID's Monev KIP figures)."""
    qs = CatalogEntry.objects.filter(organisation_id=organisation_id)
    if published_until is not None:
        qs = qs.filter(metadata_created__date__lte=published_until)
    return qs


def public_name(dataset_id: Any) -> Subquery:
    """The public catalogue name of the dataset ``dataset_id`` (typically an ``OuterRef`` of another
    app's query), NULL when the dataset is not in the public catalogue."""
    return Subquery(CatalogEntry.objects.filter(dataset_id=dataset_id).values("name")[:1])


def entry_get(slug: str) -> CatalogEntry:
    """The public entry named ``slug`` (or whose id is ``slug``), or 404."""
    qs = public_entries()
    entry = qs.filter(name=str(slug)[:100]).first()
    if entry is None and (as_uuid := parse_uuid(slug)) is not None:
        entry = qs.filter(dataset_id=as_uuid).first()
    if entry is None:
        raise Http404
    return entry


def parse_uuid(value: Any) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except (ValueError, TypeError, AttributeError):
        return None


def public_version(entry: CatalogEntry, number: int) -> DatasetVersion:
    """An older published version of a public dataset (versions of the public class only)."""
    try:
        return DatasetVersion.objects.get(dataset_id=entry.dataset_id, number=number, data_class="publik")
    except DatasetVersion.DoesNotExist as exc:
        raise Http404 from exc


def public_versions(entry: CatalogEntry) -> list[DatasetVersion]:
    return list(
        DatasetVersion.objects.filter(dataset_id=entry.dataset_id, data_class="publik")
        .only("number", "published_at", "note", "dataset_id")
        .order_by("-number")
    )


def public_resource(version: DatasetVersion, resource_id: Any) -> ResourceVersion:
    """A resource of a public version, by the resource's stable id."""
    try:
        uid = parse_uuid(resource_id)
        if uid is None:
            raise ValueError(resource_id)
        return ResourceVersion.objects.get(dataset_version=version, resource_id=uid)
    except (ResourceVersion.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def resource_entry(resource_id: Any) -> tuple[CatalogEntry, ResourceVersion]:
    """The public entry and current resource version for a resource id (CKAN ``resource_show``)."""
    rid = parse_uuid(resource_id)
    entry = public_entries().filter(version__resource_versions__resource_id=rid).first() if rid else None
    if entry is None:
        raise Http404
    return entry, public_resource(entry.version, rid)
