"""Snapshots and catalogue entries written in bulk (``bench/scale.py``) equal the one-by-one ones."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lontar.catalog.models import CatalogEntry, Dataset, IndicatorMetadata, Topic
from lontar.catalog.services.entries import entry_values
from lontar.catalog.services.snapshot import dataset_snapshot, prefetch_for_snapshot
from tests.catalog.conftest import DB

pytestmark = [DB, pytest.mark.usefixtures("urusan_topics")]


WHEN = timezone.now()


def _snapshot(dataset: Dataset) -> dict:
    when = WHEN
    return dataset_snapshot(dataset, [], {}, number=1, published_at=when, first_published_at=when)


def test_prefetched_snapshot_equals_the_one_read_per_dataset(make_dataset, province):
    dataset = make_dataset("penduduk-bulk", "Penduduk (bulk)")
    dataset.topics.add(*Topic.objects.order_by("-code")[:3])
    for name, public in (("Zeta indikator", True), ("alpha indikator", True), ("Beta rahasia", False)):
        indicator = IndicatorMetadata.objects.create(
            organisation=province["province_opd"], name=name, definition="d", method="m", is_public=public
        )
        indicator.datasets.add(dataset)
    one = _snapshot(Dataset.objects.get(pk=dataset.pk))
    datasets = list(Dataset.objects.filter(pk=dataset.pk).select_related("organisation", "spatial_region", "activity"))
    prefetch_for_snapshot(datasets)
    with CaptureQueriesContext(connection) as queries:
        bulk = _snapshot(datasets[0])
    assert not queries.captured_queries  # nothing left to read once prefetched
    assert bulk == one
    assert [i["name"] for i in one["indicators"]] == [
        i.name for i in IndicatorMetadata.objects.filter(is_public=True).order_by("name")
    ]
    assert len(one["topics"]) == 4


def test_entry_values_are_what_entry_sync_wrote(make_dataset):
    dataset = make_dataset("penduduk-entry", "Penduduk (entry)")
    entry = CatalogEntry.objects.get(dataset=dataset)
    values = entry_values(dataset, entry.version, entry.metadata_modified)
    assert values.pop("_years") == sorted(entry.years.values_list("year", flat=True))
    assert values.pop("_formats") == sorted(entry.formats.values_list("format", flat=True))
    for key, value in values.items():
        assert getattr(entry, key) == value, key
