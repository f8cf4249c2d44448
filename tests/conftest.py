"""Shared fixtures: organisations, users with roles, signed-in clients."""

from __future__ import annotations

import os

import pytest
from django.core.management.commands import flush
from hypothesis import settings as hypothesis_settings

from lontar.audit import db as audit_db

# CI (.ci/run) runs the property tests derandomized and without per-example deadlines, so a run
# is reproducible and a busy machine cannot fail it; locally each run explores new examples.
hypothesis_settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

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
