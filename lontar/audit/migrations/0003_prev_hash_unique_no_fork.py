"""A unique ``prev_hash``: two events can never link to the same predecessor (no fork).

On SQLite, Django rebuilds the table to add the constraint, and dropping the old table drops
its triggers; they are created again right after (same SQL as migration 0002).
"""

from django.db import migrations, models

SQLITE_TRIGGERS = [
    """CREATE TRIGGER IF NOT EXISTS audit_event_no_update BEFORE UPDATE ON audit_auditevent
       WHEN NOT lontar_audit_unlocked()
       BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;""",
    """CREATE TRIGGER IF NOT EXISTS audit_event_no_delete BEFORE DELETE ON audit_auditevent
       WHEN NOT lontar_audit_unlocked()
       BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;""",
]


def recreate_sqlite_triggers(apps, schema_editor):  # noqa: ANN001
    if schema_editor.connection.vendor == "sqlite":
        for sql in SQLITE_TRIGGERS:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_triggers")]

    operations = [
        migrations.AlterField(
            model_name="auditevent",
            name="prev_hash",
            field=models.CharField(max_length=64, unique=True),
        ),
        migrations.RunPython(recreate_sqlite_triggers, migrations.RunPython.noop, elidable=False),
    ]
