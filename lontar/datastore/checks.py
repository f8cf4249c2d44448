"""System checks of the datastore (run by ``manage.py check --deploy``)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks


def _datastore_engine() -> str:
    return str(settings.DATABASES.get("datastore", {}).get("ENGINE", ""))


def readonly_role_check(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """A PostgreSQL datastore needs the read-only role of public queries (ADR 0006)."""
    if "postgresql" not in _datastore_engine() or settings.DATASTORE_READONLY_URL:
        return []
    return [
        checks.Error(
            "DATASTORE_READONLY_DATABASE_URL is empty while the datastore is PostgreSQL: public SQL queries "
            "would run as the datastore owner, who can read every table, so production keeps the public SQL "
            "endpoint off.",
            hint="Set DATASTORE_READONLY_DATABASE_URL to a role of its own (e.g. postgres://lontar_reader:…@host/"
            "lontar_datastore) and run `manage.py datastore_reader_setup` (docs/deploy.md).",
            id="lontar.E006",
        )
    ]
