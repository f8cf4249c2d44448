"""Work-queue providers: each domain app registers a function that lists a user's open work.

The registry sits below the domain apps (they import it in ``AppConfig.ready``), so the
cross-module queue page needs no import of any domain app (docs/adr/0012-work-queues.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise


@dataclass(frozen=True)
class QueueItem:
    """One line of a person's queue: what is waiting, until when, and where it is done."""

    title: str
    url: str
    due: dt.date | None = None
    state: str | Promise = ""
    note: str = ""
    overdue: bool = False
    due_soon: bool = False


@dataclass(frozen=True)
class Queue:
    key: str
    label: str | Promise
    items: list[QueueItem] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.items)


Provider = Callable[[Any], list[Queue]]
_PROVIDERS: dict[str, Provider] = {}


def register(name: str, provider: Provider) -> None:
    """Add (or replace, on a reload) the provider ``name``."""
    _PROVIDERS[name] = provider


def _sort_key(item: QueueItem) -> tuple[int, dt.date, str]:
    return (item.due is None, item.due or dt.date.max, item.title)


def queues_for(user: Any) -> list[Queue]:
    """Every non-empty queue of ``user``, each sorted by nearest deadline (undated last)."""
    out: list[Queue] = []
    for name in sorted(_PROVIDERS):
        for queue in _PROVIDERS[name](user):
            if queue.items:
                out.append(Queue(queue.key, queue.label, sorted(queue.items, key=_sort_key)))
    return out
