"""The database itself refuses UPDATE and DELETE on audit events.

SQLite: triggers that abort unless the connection-level function ``lontar_audit_unlocked()``
returns 1. Lontar registers that function on every connection (lontar.audit.db) returning 0;
only the test suite's table flush turns it on. A client that never registered it (the sqlite3
shell) gets "no such function" and is refused as well.

PostgreSQL: a trigger function raising an exception before any UPDATE or DELETE.
"""

from django.db import migrations

SQLITE_UP = [
    """CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_auditevent
       WHEN NOT lontar_audit_unlocked()
       BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;""",
    """CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_auditevent
       WHEN NOT lontar_audit_unlocked()
       BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;""",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS audit_event_no_update;",
    "DROP TRIGGER IF EXISTS audit_event_no_delete;",
]
PG_UP = [
    """CREATE OR REPLACE FUNCTION lontar_audit_append_only() RETURNS trigger AS $$
       BEGIN
         RAISE EXCEPTION 'audit events are append-only' USING ERRCODE = 'insufficient_privilege';
       END; $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_auditevent
       FOR EACH ROW EXECUTE FUNCTION lontar_audit_append_only();""",
]
PG_DOWN = [
    "DROP TRIGGER IF EXISTS audit_event_append_only ON audit_auditevent;",
    "DROP FUNCTION IF EXISTS lontar_audit_append_only();",
]


def forwards(apps, schema_editor):  # noqa: ANN001
    statements = PG_UP if schema_editor.connection.vendor == "postgresql" else SQLITE_UP
    for sql in statements:
        schema_editor.execute(sql)


def backwards(apps, schema_editor):  # noqa: ANN001
    statements = PG_DOWN if schema_editor.connection.vendor == "postgresql" else SQLITE_DOWN
    for sql in statements:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
