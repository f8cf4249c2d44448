"""PostgreSQL: keep the read-only role's SELECT grants equal to the public, active tables.

When ``DATASTORE_READONLY_DATABASE_URL`` names a role (production), public queries connect as
that role, and it may read exactly the tables the public may see. ``datastore_reader_setup``
creates the role and grants; activation and visibility changes keep them in step. SQLite has no
roles: there the read-only connection's authorizer does the same job.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from urllib.parse import unquote, urlparse

from django.conf import settings

from lontar.datastore.ingest.names import is_table_name, quote
from lontar.datastore.store.writers import datastore_connection, vendor

logger = logging.getLogger(__name__)


def reader_role() -> str:
    """The role of the read-only URL ("" when there is none or the datastore is SQLite)."""
    url = getattr(settings, "DATASTORE_READONLY_URL", "")
    if not url or vendor() != "postgresql":
        return ""
    return unquote(urlparse(url).username or "")


def _quote_role(role: str) -> str:
    return '"' + role.replace('"', '""') + '"'


def sync_grants(*, grant: Iterable[str] = (), revoke: Iterable[str] = ()) -> None:
    role = reader_role()
    if not role:
        return
    with datastore_connection().cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
        if cursor.fetchone() is None:
            # Not created yet: datastore_reader_setup grants every public table when it runs.
            logger.warning("datastore reader role %s does not exist; run manage.py datastore_reader_setup", role)
            return
        for name in revoke:
            if is_table_name(name):
                cursor.execute(f"REVOKE ALL ON {quote(name)} FROM {_quote_role(role)}")
        for name in grant:
            if is_table_name(name):
                cursor.execute(f"GRANT SELECT ON {quote(name)} TO {_quote_role(role)}")
