"""Every change of state of the datastore goes through one of these functions."""

from lontar.datastore.services.cleanup import CleanupResult, datastore_cleanup
from lontar.datastore.services.ingest import datastore_ingest, datastore_ingest_enqueue, datastore_table_prepare
from lontar.datastore.services.lifecycle import (
    DatastoreError,
    datastore_activate,
    datastore_deactivate,
    datastore_set_public,
)

__all__ = [
    "CleanupResult",
    "DatastoreError",
    "datastore_activate",
    "datastore_cleanup",
    "datastore_deactivate",
    "datastore_ingest",
    "datastore_ingest_enqueue",
    "datastore_set_public",
    "datastore_table_prepare",
]
