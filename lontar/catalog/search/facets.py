"""Facet keys stored on each catalogue entry, and counting them for a result set (pure).

Each entry carries ``facet_keys``: ``field=value`` pairs joined by U+001F, e.g.
``organization=pemprov-ntt-dinkes␟groups=kesehatan␟year=2024``. Searches count them with the
per-version bitmap index (:mod:`lontar.catalog.search.facet_index`); :func:`count` here, over
the keys of every matched row, is the straightforward way the tests compare it with.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from itertools import chain
from typing import Any

SEP = "\x1f"


def facet_keys(snapshot: Mapping[str, Any], years: Iterable[int]) -> str:
    """The facet keys of a published snapshot."""
    keys = [f"organization={snapshot['organisation']['slug']}", f"license_id={snapshot['licence']}"]
    keys += [f"groups={t['slug']}" for t in snapshot.get("topics", [])]
    keys += [f"tags={t}" for t in snapshot.get("tags", [])]
    keys += [f"res_format={f}" for f in sorted({r["format"] for r in snapshot.get("resources", [])})]
    keys += [f"year={y}" for y in years]
    return SEP.join(k.replace(SEP, " ") for k in keys)


def count(keys_per_row: Iterable[str], fields: Iterable[str]) -> dict[str, Counter[str]]:
    """field → Counter(value → number of rows carrying it).

    Every ``field=value`` key is counted at once (a C-level Counter over all keys), then the few
    hundred distinct keys are split by field.
    """
    counters: dict[str, Counter[str]] = {f: Counter() for f in fields}
    if not counters:
        return counters
    totals = Counter(chain.from_iterable(keys.split(SEP) for keys in keys_per_row if keys))
    for key, n in totals.items():
        field, _eq, value = key.partition("=")
        counter = counters.get(field)
        if counter is not None:
            counter[value] += n
    return counters
