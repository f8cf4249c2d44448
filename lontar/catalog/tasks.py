"""Background jobs of the catalogue (django-tasks; a ``db_worker`` runs them, tests run them inline)."""

from __future__ import annotations

from django_tasks import task

from lontar.catalog.services.datastore_bridge import resource_ingest


@task()
def ingest_resource(resource_id: str, use_dictionary_types: bool = False) -> int | None:
    """Load a resource's file into the datastore; returns the new table's id."""
    table = resource_ingest(resource_id=resource_id, use_dictionary_types=use_dictionary_types)
    return table.pk if table else None


def enqueue_ingest(resource_id: str, *, use_dictionary_types: bool = False) -> None:
    ingest_resource.enqueue(str(resource_id), use_dictionary_types)
