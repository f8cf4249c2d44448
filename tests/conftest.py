"""Shared fixtures: organisations, users with roles, signed-in clients."""

from __future__ import annotations

import pytest
from django.core.management.commands import flush

from lontar.audit import db as audit_db

# pytest-django flushes tables after transactional tests; on SQLite the audit triggers would
# refuse that DELETE, so the flush (and only the flush) unlocks them.
_original_flush = flush.Command.handle


def _flush_unlocked(self, *args, **kwargs):
    audit_db.set_unlocked(True)
    try:
        return _original_flush(self, *args, **kwargs)
    finally:
        audit_db.set_unlocked(False)


flush.Command.handle = _flush_unlocked


@pytest.fixture(autouse=True)
def _fresh_page_cache():
    """Whole pages are kept in the process (lontar.core.page_cache): each test starts without any."""
    from lontar.core.page_cache import store

    store.clear()
    yield
    store.clear()


from tests.factories import *  # noqa: E402, F403
from tests.fixtures import *  # noqa: E402, F403
