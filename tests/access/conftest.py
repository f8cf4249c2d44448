"""Access-matrix fixtures: uploaded and private files in a temporary directory, clean rate limits."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from lontar.datastore.query import engine


@pytest.fixture(autouse=True)
def _isolated_files(settings, tmp_path):
    """The world stores files (identity documents, notices, catalogue resources, a datastore
    source); keep them out of the data directory. Rate-limit counters start from zero."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_FILES_ROOT = tmp_path / "private"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _close_datastore_readers():
    """The read-only query engine keeps a connection per thread (data:sql_json opens one); close
    it so that the test databases can be dropped at the end of the session."""
    yield
    for reader in (engine._pg, engine._sqlite):
        conn = getattr(reader.local, "conn", None)
        if conn is not None:
            conn.close()
            reader.local.conn = None
