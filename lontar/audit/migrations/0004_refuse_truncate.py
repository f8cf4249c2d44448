"""PostgreSQL: refuse TRUNCATE of the audit table too (row triggers do not fire on TRUNCATE).

Only the test suite's table flush may truncate: it sets the session variable
``lontar.audit_unlocked`` to ``on`` through ``lontar.audit.db.set_unlocked``. SQLite has no
TRUNCATE (its ``DELETE FROM`` fires the row triggers of migration 0002).
"""

from django.db import migrations

PG_UP = [
    """CREATE OR REPLACE FUNCTION lontar_audit_no_truncate() RETURNS trigger AS $$
       BEGIN
         IF coalesce(current_setting('lontar.audit_unlocked', true), '') = 'on' THEN
           RETURN NULL;
         END IF;
         RAISE EXCEPTION 'audit events are append-only' USING ERRCODE = 'insufficient_privilege';
       END; $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_auditevent
       FOR EACH STATEMENT EXECUTE FUNCTION lontar_audit_no_truncate();""",
]
PG_DOWN = [
    "DROP TRIGGER IF EXISTS audit_event_no_truncate ON audit_auditevent;",
    "DROP FUNCTION IF EXISTS lontar_audit_no_truncate();",
]


def forwards(apps, schema_editor):  # noqa: ANN001
    if schema_editor.connection.vendor == "postgresql":
        for sql in PG_UP:
            schema_editor.execute(sql)


def backwards(apps, schema_editor):  # noqa: ANN001
    if schema_editor.connection.vendor == "postgresql":
        for sql in PG_DOWN:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_prev_hash_unique_no_fork")]
    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
