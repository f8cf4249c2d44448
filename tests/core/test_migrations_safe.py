"""Migrations after the baseline must be safe while two versions run (docs/deploy.md § Upgrading
without downtime): during a rolling upgrade the old code keeps running against the new schema.

Flagged, unless listed in ALLOWED_UNSAFE with the reason it is safe:

* removing or renaming a column, model or table (RemoveField, DeleteModel, RenameField,
  RenameModel, AlterModelTable): the old code still reads and writes it — stop using it in one
  release, drop it in the next;
* adding a NOT NULL column without a database default (AddField with ``null=False`` and no
  ``db_default``): the old code's INSERTs do not name it and fail (a Python ``default=`` is not
  kept in the database) — add it nullable or with ``db_default``, backfill, constrain later;
* making a column NOT NULL (AlterField from ``null=True`` to ``null=False``) in the release that
  starts filling it: old code may still write NULL.

Migrations up to BASELINE (the numbers present when this check was introduced) are not checked.
"""

from __future__ import annotations

import re

from django.db import migrations
from django.db.migrations.loader import MigrationLoader
from django.db.models.fields import NOT_PROVIDED

#: highest migration number per app when the check was introduced; later ones are checked
BASELINE: dict[str, int] = {
    "accounts": 3,
    "assessments": 3,
    "audit": 4,
    "calendar": 1,
    "catalog": 9,
    "core": 0,
    "datastore": 1,
    "evaluations": 6,
    "katalog": 1,
    "konektivitas": 4,
    "notifications": 1,
    "organisations": 3,
    "ppid": 6,
}

#: (app, migration name) -> why it is safe although flagged (e.g. "the model is new in this
#: release: no running code uses it", "the table is empty in every deployment")
ALLOWED_UNSAFE: dict[tuple[str, str], str] = {}

_CONTRACT = (
    migrations.RemoveField,
    migrations.DeleteModel,
    migrations.RenameField,
    migrations.RenameModel,
    migrations.AlterModelTable,
)
_NUMBER = re.compile(r"^(\d{4})_")


def _checked(loader: MigrationLoader) -> list[tuple[str, str]]:
    keys = []
    for app, name in loader.disk_migrations:
        if not (loader.migrations_module(app)[0] or "").startswith("lontar."):
            continue
        match = _NUMBER.match(name)
        if match and int(match.group(1)) > BASELINE.get(app, 0):
            keys.append((app, name))
    return sorted(keys)


def _problems(loader: MigrationLoader, app: str, name: str) -> list[str]:
    migration = loader.disk_migrations[(app, name)]
    found: list[str] = []
    state = None
    for operation in migration.operations:
        target = ".".join(
            str(part) for part in (getattr(operation, "model_name", None), getattr(operation, "name", None)) if part
        )
        label = f"{type(operation).__name__} {target}"
        if isinstance(operation, _CONTRACT):
            found.append(f"{label}: removes or renames what the running version uses")
        elif isinstance(operation, migrations.AddField):
            field = operation.field
            if not field.null and not field.many_to_many and field.db_default is NOT_PROVIDED:
                found.append(f"{label}: NOT NULL without db_default (old code's INSERTs fail)")
        elif isinstance(operation, migrations.AlterField) and not operation.field.null:
            if state is None:
                state = loader.project_state((app, name), at_end=False)
            model = state.models.get((app, operation.model_name_lower))
            before = model.fields.get(operation.name) if model is not None else None
            if before is not None and before.null:
                found.append(f"{label}: NULL -> NOT NULL while old code may write NULL")
    return found


def test_new_migrations_are_safe_with_two_versions_running() -> None:
    loader = MigrationLoader(None, ignore_no_migrations=True)
    report = []
    for app, name in _checked(loader):
        if (app, name) in ALLOWED_UNSAFE:
            continue
        report += [f"{app}.{name}: {problem}" for problem in _problems(loader, app, name)]
    assert not report, (
        "migrations unsafe during a rolling upgrade (docs/deploy.md § Upgrading without downtime); "
        "split them over two releases, or add them to ALLOWED_UNSAFE with the reason:\n" + "\n".join(report)
    )


def test_the_check_recognises_unsafe_operations() -> None:
    from django.db import models

    loader = MigrationLoader(None, ignore_no_migrations=True)

    class Unsafe(migrations.Migration):
        dependencies = [("ppid", "0001_initial")]
        operations = [
            migrations.AddField("publicbody", "fax", models.CharField(max_length=20, default="")),
            migrations.AddField("publicbody", "fax2", models.CharField(max_length=20, null=True)),
            migrations.AddField("publicbody", "fax3", models.CharField(max_length=20, db_default="")),
            migrations.RemoveField("publicbody", "code"),
        ]

    loader.disk_migrations[("ppid", "9999_unsafe")] = Unsafe("9999_unsafe", "ppid")
    problems = _problems(loader, "ppid", "9999_unsafe")
    assert len(problems) == 2
    assert "fax: NOT NULL without db_default" in problems[0]
    assert "RemoveField" in problems[1]
