"""manage.py datastore_reader_setup: the PostgreSQL read-only role of public data queries.

Creates the role named in DATASTORE_READONLY_DATABASE_URL (LOGIN, with that URL's password,
NOSUPERUSER NOCREATEDB NOCREATEROLE), takes every default privilege from it, and grants it
SELECT on exactly the public, active datastore tables. Run it once after deployment (as the
datastore database owner); activation and visibility changes keep the grants in step.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from lontar.datastore.selectors import public_tables
from lontar.datastore.store.grants import _quote_role, reader_role, sync_grants
from lontar.datastore.store.writers import datastore_connection, existing_tables, vendor


class Command(BaseCommand):
    help = "Create or refresh the PostgreSQL read-only role for public datastore queries."

    def handle(self, *args: Any, **options: Any) -> None:
        if vendor() != "postgresql":
            raise CommandError(_("The datastore is SQLite: public queries use a read-only connection, no role needed."))
        role = reader_role()
        if not role:
            raise CommandError(_("Set DATASTORE_READONLY_DATABASE_URL to the URL of the read-only role first."))
        password = unquote(urlparse(settings.DATASTORE_READONLY_URL).password or "")
        quoted = _quote_role(role)
        connection = datastore_connection()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
            verb = "ALTER" if cursor.fetchone() else "CREATE"
            cursor.execute(f"{verb} ROLE {quoted} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD %s", [password])
            cursor.execute(f"ALTER ROLE {quoted} SET default_transaction_read_only = on")
            cursor.execute(f"REVOKE CREATE ON SCHEMA public FROM {quoted}")
            cursor.execute(f"GRANT USAGE ON SCHEMA public TO {quoted}")
        public = set(public_tables().values_list("table_name", flat=True))
        present = existing_tables()
        sync_grants(grant=sorted(public & present), revoke=sorted(present - public))
        self.stdout.write(
            _("Role %(role)s may read %(count)s public tables.") % {"role": role, "count": len(public & present)}
        )
