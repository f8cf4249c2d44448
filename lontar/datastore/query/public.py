"""The public SQL endpoint's one way to run a query (``/data/sql.json``, ``/data/sql`` and CKAN's
``datastore_search_sql``): readiness, the guard with the database's function allow-list, then
the read-only engine with the row cap, the byte budget and the per-value limit.

On PostgreSQL without ``DATASTORE_READONLY_DATABASE_URL`` the queries would run as the datastore
owner, who can read every table; the guard is then the only barrier. Production
(``DATASTORE_REQUIRE_READONLY_ROLE``) refuses to run them at all until the read-only role is set
up, and ``check --deploy`` says so (``lontar.E006``).
"""

from __future__ import annotations

from collections.abc import Mapping

from django.conf import settings

from lontar.datastore.query import engine
from lontar.datastore.query.sqlguard import check_sql


def public_sql_available() -> bool:
    """False on PostgreSQL without the read-only role when the settings require one."""
    if not getattr(settings, "DATASTORE_REQUIRE_READONLY_ROLE", False):
        return True
    return engine.vendor() != "postgresql" or bool(getattr(settings, "DATASTORE_READONLY_URL", ""))


def run_public_sql(sql: str, aliases: Mapping[str, str], *, max_rows: int) -> engine.Result:
    """Check and run ``sql`` over the public ``aliases``; raises :class:`SqlRejected` or
    :class:`engine.QueryError` (kind ``unavailable`` when the endpoint may not run)."""
    if not public_sql_available():
        raise engine.QueryError("unavailable")
    rewritten, used = check_sql(sql, aliases, engine.vendor())
    return engine.run(rewritten, None, tables=used, max_rows=max_rows, max_bytes=engine.response_max_bytes())
