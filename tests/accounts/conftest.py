import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The reset-mail throttle lives in the cache; each test starts without it."""
    cache.clear()
    yield
    cache.clear()
