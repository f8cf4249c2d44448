"""The data version of the public konektivitas pages (whole-page cache, ADR 0010, and aggregates).

``data_version()`` changes whenever a site, connection, coverage observation or weekly status is
saved or deleted (signals bump a counter in the shared cache, so every process sees it), and
whenever rows are added in bulk (the largest site id is part of it). Writers that change rows
with ``bulk_update``/``update()`` (the weekly recompute, imports) call :func:`bump` after their
transaction commits. The measurement version (the site page's table) adds the largest
measurement id, so the province map is not rebuilt on every measurement.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.cache import cache
from django.db import connections, router, transaction
from django.db.models.signals import post_delete, post_save

from lontar.konektivitas.models import Connection, CoverageObservation, Measurement, Site, SiteWeeklyStatus

PAGE_VERSION = "konektivitas"
MEASUREMENT_VERSION = "konektivitas-measurements"
_KEY = "konektivitas:data-version"
_pinned: ContextVar[str | None] = ContextVar("konektivitas_data_version", default=None)


def bump() -> None:
    """Mark every public konektivitas page stale (call after bulk writes; runs after commit)."""

    def _do() -> None:
        if not cache.add(_KEY, 1, timeout=None):
            try:
                cache.incr(_KEY)
            except ValueError:
                cache.set(_KEY, 1, timeout=None)

    transaction.on_commit(_do)


def _max_id(model) -> int:
    connection = connections[router.db_for_read(model)]
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT MAX(id) FROM {table}")  # noqa: S608 (a model's own table)
        return cursor.fetchone()[0] or 0


def data_version() -> str:
    found = _pinned.get()
    if found is not None:
        return found
    return f"{cache.get(_KEY, 0)}-{_max_id(Site)}"


@contextmanager
def pinned() -> Iterator[str]:
    """Read the data version once for a whole page: every cached aggregate of the page and the page
    cache use it (one query instead of one per aggregate; an aggregate built from newer data than
    the version says is only discarded sooner)."""
    token = _pinned.set(None)
    version = data_version()
    _pinned.set(version)
    try:
        yield version
    finally:
        _pinned.reset(token)


def measurement_version() -> str:
    return f"{data_version()}-{_max_id(Measurement)}"


def _on_change(sender, **kwargs) -> None:
    bump()


def connect() -> None:
    for model in (Site, Connection, CoverageObservation, SiteWeeklyStatus):
        post_save.connect(_on_change, sender=model, dispatch_uid=f"konektivitas-version-save-{model.__name__}")
        post_delete.connect(_on_change, sender=model, dispatch_uid=f"konektivitas-version-delete-{model.__name__}")
