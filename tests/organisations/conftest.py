"""NTT reference data loaded once per test module (rolled back at the end of the module)."""

from __future__ import annotations

import pytest
from django.db import transaction

from lontar.organisations.services import organisations_load, regions_load


@pytest.fixture(scope="module")
def ntt(django_db_setup, django_db_blocker):
    """All NTT regions and the instansi + sample OPD, for every test of the module that asks.

    Loaded inside an outer transaction that each test's own transaction nests in (as a
    savepoint), and rolled back after the module, so other test modules never see it.
    Not for transactional (live_server) tests.
    """
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            regions_load()
            organisations_load()
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Selectors cache reference lookups; each test starts with an empty cache."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
