"""The helper thread that parses and converts the next chunks while the current one is written."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from lontar.datastore.ingest.pipeline import prefetch


def test_yields_every_item_in_order():
    assert list(prefetch(iter(range(1000)), depth=3)) == list(range(1000))
    assert list(prefetch(iter([]))) == []


def test_an_error_in_the_producer_is_raised_to_the_consumer():
    def items() -> Iterator[int]:
        yield 1
        raise ValueError("bad chunk")

    seen = []
    with pytest.raises(ValueError, match="bad chunk"):
        for item in prefetch(items()):
            seen.append(item)
    assert seen == [1]


def test_a_consumer_that_stops_early_stops_the_producer():
    produced = []

    def items() -> Iterator[int]:
        for i in range(10_000):
            produced.append(i)
            yield i

    before = threading.active_count()
    stream = prefetch(items(), depth=2)
    assert next(stream) == 0
    stream.close()
    assert threading.active_count() == before
    assert len(produced) < 10
