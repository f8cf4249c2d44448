"""Background jobs of the catalogue (django-tasks; a ``db_worker`` runs them, tests run them inline).

A resource's file is loaded by the datastore's own job (``lontar.datastore.tasks.load_table``),
reserved by ``datastore_bridge.resource_load_enqueue``. ``ingest_resource`` only remains so that
jobs queued before that change still run; it takes the same path.
"""

from __future__ import annotations

from django_tasks import task

from lontar.catalog.services.datastore_bridge import resource_ingest


@task()
def ingest_resource(resource_id: str, use_dictionary_types: bool = False) -> int | None:
    """Load a resource's file into the datastore (jobs queued by older releases); the table's id."""
    table = resource_ingest(resource_id=resource_id, use_dictionary_types=use_dictionary_types)
    return table.pk if table else None
