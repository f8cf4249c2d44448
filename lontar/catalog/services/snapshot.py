"""The frozen metadata of a published version (plain JSON), built from the working copy."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from django.db.models import Prefetch, prefetch_related_objects

from lontar.catalog.models import Dataset, IndicatorMetadata, Resource, Topic

SNAPSHOT_SCHEMA = 1


def prefetch_for_snapshot(datasets: list[Dataset]) -> None:
    """Read the topics, tags and public indicators of many datasets in three queries, in the
    order ``dataset_snapshot`` wants them (for writing snapshots in bulk)."""
    prefetch_related_objects(
        datasets,
        Prefetch("topics", queryset=Topic.objects.order_by("code"), to_attr="snapshot_topics"),
        "tags",
        Prefetch(
            "indicators",
            queryset=IndicatorMetadata.objects.filter(is_public=True).order_by("name"),
            to_attr="snapshot_indicators",
        ),
    )


def resource_snapshot(resource: Resource, version_id: uuid.UUID) -> dict[str, Any]:
    return {
        "id": str(resource.id),
        "version_id": str(version_id),
        "slug": resource.slug,
        "name": resource.name,
        "description": resource.description,
        "format": resource.format,
        "url": resource.url,
        "filename": resource.original_filename,
        "size": resource.size,
        "sha256": resource.sha256,
        "created": resource.created_at.isoformat(),
        "last_modified": resource.updated_at.isoformat(),
        "datastore_table_id": resource.datastore_table_id,
        "columns": [
            {
                "name": c.name,
                "label": c.label,
                "type": c.type,
                "unit": c.unit,
                "description": c.description,
                "reference_kind": c.reference_kind,
                "variable_id": c.variable_id,
            }
            for c in resource.columns.all()
        ],
    }


def _activity(dataset: Dataset) -> dict[str, Any] | None:
    activity = dataset.activity
    if activity is None:
        return None
    return {"id": activity.pk, "title": activity.title, "year": activity.year, "method": activity.collection_method}


def dataset_snapshot(
    dataset: Dataset,
    resources: list[Resource],
    version_ids: dict[uuid.UUID, uuid.UUID],
    *,
    number: int,
    published_at: datetime,
    first_published_at: datetime,
) -> dict[str, Any]:
    org = dataset.organisation
    region = dataset.spatial_region
    # read here unless prefetch_for_snapshot did (the same rows in the same order)
    topics = getattr(dataset, "snapshot_topics", None)
    if topics is None:
        topics = dataset.topics.order_by("code")
    indicators = getattr(dataset, "snapshot_indicators", None)
    if indicators is None:
        indicators = dataset.indicators.filter(is_public=True).order_by("name")
    return {
        "schema": SNAPSHOT_SCHEMA,
        "id": str(dataset.id),
        "slug": dataset.slug,
        "version": number,
        "published_at": published_at.isoformat(),
        "first_published_at": first_published_at.isoformat(),
        "title": dataset.title,
        "description": dataset.description,
        "organisation": {"id": org.pk, "slug": org.slug, "name": org.name},
        "topics": [{"code": t.code, "slug": t.slug, "name": t.name} for t in topics],
        "tags": sorted(t.name for t in dataset.tags.all()),
        "licence": dataset.licence,
        "data_class": dataset.data_class,
        "update_frequency": dataset.update_frequency,
        "temporal": {"start": dataset.temporal_start, "end": dataset.temporal_end},
        "spatial": {
            "level": dataset.spatial_level,
            "region_code": region.code if region else None,
            "region_name": region.name if region else None,
        },
        "contact": {"name": dataset.contact_name, "email": dataset.contact_email},
        "is_prioritas": dataset.is_prioritas,
        "release_date": dataset.release_date.isoformat() if dataset.release_date else None,
        "source": dataset.source,
        "is_sample": dataset.is_sample,
        "activity": _activity(dataset),
        "indicators": [{"id": i.pk, "name": i.name} for i in indicators],
        "resources": [resource_snapshot(r, version_ids[r.id]) for r in resources],
    }
