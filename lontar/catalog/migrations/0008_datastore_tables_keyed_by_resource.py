"""Datastore tables of catalogue resources are keyed by the resource's stable id.

Before, a table was keyed by the text ``<dataset slug>/<resource slug>`` of the day it was
loaded; renaming a draft dataset left its tables under the old key, owned by no dataset, and the
datastore's staff page could make an internal dataset's rows public. Now every table that
belongs to a resource is keyed ``catalog:<resource uuid>``, and ``/data/<dataset>/<resource>``
resolves through the catalogue's current slugs (``lontar.datastore.naming``).

Forward: a table belongs to a resource when the resource or one of its published versions points
to it, or (for the other versions) when its old key is the one such a table had, or the
resource's current name. Tables of one resource that were loaded under two names (the rename)
are numbered again 1…n in load order; if two of them were active, the one activated last stays
active. A table whose dataset is not public is made private (this closes the leak on existing
data). Tables that no resource claims keep their key (datastore-only tables).

Backward: each re-keyed table gets ``<dataset slug>/<resource slug>`` of the resource's current
names (the old names of renamed datasets are not restored; privacy flags stay as they are).
After either direction run ``manage.py datastore_reader_setup`` on PostgreSQL so the reader
role's grants follow the flags.
"""

from __future__ import annotations

import uuid
from collections import defaultdict

from django.db import migrations

PREFIX = "catalog:"


def _owners(apps) -> tuple[dict[int, uuid.UUID], dict[str, uuid.UUID]]:
    """(table id -> resource id, old key -> resource id) from the pointers and current names."""
    Resource = apps.get_model("catalog", "Resource")
    ResourceVersion = apps.get_model("catalog", "ResourceVersion")
    Table = apps.get_model("datastore", "DatastoreTable")
    by_table: dict[int, uuid.UUID] = {}
    for rid, tid in Resource.objects.exclude(datastore_table_id=None).values_list("pk", "datastore_table_id"):
        by_table[tid] = rid
    for rid, tid in ResourceVersion.objects.exclude(datastore_table_id=None).values_list(
        "resource_id", "datastore_table_id"
    ):
        by_table.setdefault(tid, rid)
    by_key: dict[str, uuid.UUID] = {}
    ambiguous: set[str] = set()
    for tid, key in Table.objects.filter(pk__in=list(by_table)).values_list("pk", "resource_key"):
        if by_key.get(key, by_table[tid]) != by_table[tid]:
            ambiguous.add(key)
        by_key[key] = by_table[tid]
    for rid, dataset_slug, slug in Resource.objects.values_list("pk", "dataset__slug", "slug"):
        by_key.setdefault(f"{dataset_slug}/{slug}", rid)
    for key in ambiguous:
        del by_key[key]
    return by_table, by_key


def _public_resources(apps) -> set[uuid.UUID]:
    Resource = apps.get_model("catalog", "Resource")
    return set(
        Resource.objects.filter(
            dataset__data_class="publik", dataset__published_version__data_class="publik"
        ).values_list("pk", flat=True)
    )


def forward(apps, schema_editor) -> None:
    Table = apps.get_model("datastore", "DatastoreTable")
    by_table, by_key = _owners(apps)
    groups: dict[uuid.UUID, list] = defaultdict(list)
    for table in Table.objects.exclude(resource_key__startswith=PREFIX).order_by("created_at", "pk"):
        rid = by_table.get(table.pk) or by_key.get(table.resource_key)
        if rid is not None:
            groups[rid].append(table)
    public = _public_resources(apps)
    for rid, tables in groups.items():
        renumber = len({t.resource_key for t in tables}) > 1
        active = [t for t in tables if t.status == "active"]
        keep = max(active, key=lambda t: (t.activated_at is not None, t.activated_at, t.pk)) if active else None
        for number, table in enumerate(tables, start=1):
            table.resource_key = f"{PREFIX}{uuid.UUID(str(rid))}"
            if renumber:
                table.version = number
            if table.status == "active" and table is not keep:
                table.status = "retired"
            if rid not in public:
                table.is_public = False
            table.save(update_fields=["resource_key", "version", "status", "is_public"])


def backward(apps, schema_editor) -> None:
    Resource = apps.get_model("catalog", "Resource")
    Table = apps.get_model("datastore", "DatastoreTable")
    names = {
        f"{PREFIX}{uuid.UUID(str(rid))}": f"{dataset_slug}/{slug}"
        for rid, dataset_slug, slug in Resource.objects.values_list("pk", "dataset__slug", "slug")
    }
    for table in Table.objects.filter(resource_key__startswith=PREFIX):
        if table.resource_key in names:
            table.resource_key = names[table.resource_key]
            table.save(update_fields=["resource_key"])


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0007_search_perf_indexes"),
        ("datastore", "0001_initial"),
    ]

    operations = [migrations.RunPython(forward, backward)]
