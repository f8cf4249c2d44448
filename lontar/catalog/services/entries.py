"""Keep the public catalogue index (``CatalogEntry`` + full-text index) in step with a dataset.

A dataset is in the public catalogue exactly when it has a published version, that version is
of class *publik*, and the working copy has not since been restricted to another class.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from lontar.catalog.ckan.packages import FORMAT, stored_text
from lontar.catalog.models import CatalogEntry, DataClass, Dataset, DatasetVersion, EntryFormat, EntryYear, Tag, Topic
from lontar.catalog.search import backend
from lontar.catalog.search import cache as search_cache
from lontar.catalog.search.facets import facet_keys

MAX_YEARS = 200


def is_public(dataset: Dataset) -> bool:
    version = dataset.published_version
    return version is not None and version.data_class == DataClass.PUBLIK and dataset.data_class == DataClass.PUBLIK


def years_of(start: int | None, end: int | None) -> list[int]:
    """The years a temporal coverage spans (bounded), for the year facet."""
    if start is None and end is None:
        return []
    first, last = start or end, end or start
    assert first is not None and last is not None
    if last < first:
        first, last = last, first
    return list(range(first, min(last, first + MAX_YEARS - 1) + 1))


def search_body(snapshot: dict) -> str:
    """Everything but the title that a search should find the dataset by."""
    parts = [snapshot.get("description", ""), snapshot["organisation"]["name"], snapshot.get("source", "")]
    parts += [t["name"] for t in snapshot.get("topics", [])]
    parts += snapshot.get("tags", [])
    for resource in snapshot.get("resources", []):
        parts += [resource["name"], resource.get("description", "")]
        parts += [c.get("label") or c["name"] for c in resource.get("columns", [])]
    return "\n".join(p for p in parts if p)


def entry_values(dataset: Dataset, version: DatasetVersion, modified: datetime) -> dict[str, Any]:
    """The column values of ``dataset``'s entry for its published ``version``, and under the
    keys ``_years`` and ``_formats`` its rows of ``EntryYear`` and ``EntryFormat`` (also used in
    bulk by ``bench/scale.py``, so the benchmark's entries are exactly the app's)."""
    snap = version.snapshot
    years = years_of(snap["temporal"]["start"], snap["temporal"]["end"])
    created = dataset.first_published_at or modified
    return {
        "version": version,
        "name": snap["slug"],
        "title": snap["title"],
        "notes": snap["description"],
        "search_text": search_body(snap),
        "facet_keys": facet_keys(snap, years),
        "organisation_id": snap["organisation"]["id"],
        "licence": snap["licence"],
        "is_sample": snap["is_sample"],
        "is_prioritas": snap["is_prioritas"],
        "num_resources": len(snap["resources"]),
        "num_tags": len(snap["tags"]),
        "metadata_created": created,
        "metadata_modified": modified,
        "package_json": stored_text(snap, created=created, modified=modified),
        "package_format": FORMAT,
        "_years": years,
        "_formats": sorted({r["format"] for r in snap["resources"]}),
    }


def _write(dataset: Dataset, version: DatasetVersion, modified: datetime) -> CatalogEntry:
    snap = version.snapshot
    values = entry_values(dataset, version, modified)
    years, formats = values.pop("_years"), values.pop("_formats")
    entry, _created = CatalogEntry.objects.update_or_create(dataset=dataset, defaults=values)
    entry.topics.set(Topic.objects.filter(slug__in=[t["slug"] for t in snap["topics"]]))
    entry.tags.set([Tag.objects.get_or_create(name=name)[0] for name in snap["tags"]])
    EntryYear.objects.filter(entry=entry).delete()
    EntryYear.objects.bulk_create([EntryYear(entry=entry, year=y) for y in years])
    EntryFormat.objects.filter(entry=entry).delete()
    EntryFormat.objects.bulk_create([EntryFormat(entry=entry, format=f) for f in formats])
    backend.index_entry(dataset.pk.hex, snap["title"], entry.search_text)
    return entry


def entry_sync(dataset: Dataset, *, modified: datetime | None = None, tables: bool = True) -> CatalogEntry | None:
    """Create, refresh or remove the public entry of ``dataset``. Call inside the service's transaction.

    ``tables=False``: the caller (publishing) has just served the dataset's tables with the
    right visibility itself."""
    from lontar.catalog.services.datastore_bridge import sync_visibility

    if not is_public(dataset):
        if CatalogEntry.objects.filter(dataset=dataset).delete()[0]:
            search_cache.bump()
        backend.unindex_entry(dataset.pk.hex)
        if tables:
            sync_visibility(dataset, public=False)
        return None
    if tables:
        sync_visibility(dataset, public=True)
    version = dataset.published_version
    assert version is not None
    current = CatalogEntry.objects.filter(dataset=dataset).only("version_id", "metadata_modified").first()
    if current is not None and current.version_id == version.pk and modified is None:
        return current
    search_cache.bump()
    return _write(dataset, version, modified or version.published_at)
