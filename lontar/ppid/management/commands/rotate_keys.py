"""Re-encrypt every encrypted value with the newest key of LONTAR_FIELD_ENCRYPTION_KEYS.

Rotation: put a new key in front of LONTAR_FIELD_ENCRYPTION_KEYS (keep the old ones after it),
restart, run ``manage.py rotate_keys``, then remove the old keys. Blind indexes are recomputed
with the newest key in the same pass. Each batch is one transaction; the command can be run
again safely (values already under the newest key are left alone).

Files kept in a sealed storage (identity documents) have their data keys re-wrapped with the
newest key (the file body stays as it is); a legacy plaintext file found there is sealed.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, models, transaction

from lontar.audit.services import audit_record
from lontar.core import crypto
from lontar.core.storage import is_sealed_storage, reseal_files
from lontar.ppid.models import InformationRequest
from lontar.ppid.privacy.fields import encrypted_fields
from lontar.ppid.privacy.identity import identity_index


def _column(model: type[models.Model], name: str) -> str:
    field = model._meta.get_field(name)
    if not isinstance(field, models.Field) or not field.column:
        raise CommandError(f"{model.__name__}.{name} is not a stored column")
    return field.column


def _raw_rows(model: type[models.Model], names: list[str], after: int, size: int) -> list[tuple]:
    """Primary key and the stored ciphertexts, read without decrypting."""
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(_column(model, n)) for n in names)
    pk = connection.ops.quote_name(model._meta.pk.column)
    sql = f"SELECT {pk}, {columns} FROM {table} WHERE {pk} > %s ORDER BY {pk} LIMIT %s"  # noqa: S608 (names from the model)
    with connection.cursor() as cursor:
        cursor.execute(sql, [after, size])
        return cursor.fetchall()


def _rotate_row(model: type[models.Model], names: list[str], row: tuple) -> bool:
    pk, *tokens = row
    stale = [(n, t) for n, t in zip(names, tokens, strict=True) if t and not crypto.is_current(t)]
    if not stale:
        return False
    table = connection.ops.quote_name(model._meta.db_table)
    sets = ", ".join(f"{connection.ops.quote_name(_column(model, n))} = %s" for n, _ in stale)
    params = [crypto.rotate(t) for _, t in stale]
    if model is InformationRequest:
        sets += ", identity_index = %s"
        params.append(identity_index(crypto.decrypt(tokens[names.index("identity_number")])))
    pk_column = connection.ops.quote_name(model._meta.pk.column)
    sql = f"UPDATE {table} SET {sets} WHERE {pk_column} = %s"  # noqa: S608 (names from the model)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, pk])
    return True


class Command(BaseCommand):
    help = "Re-encrypt personal data with the newest key of LONTAR_FIELD_ENCRYPTION_KEYS."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args: Any, **options: Any) -> None:
        size = max(1, min(options["batch_size"], 10_000))
        crypto.configured_keys()
        totals: dict[str, int] = {}
        for model in apps.get_models():
            names = encrypted_fields(model)
            if names:
                totals[model._meta.label] = self._rotate_model(model, names, size)
        files = self._reseal_files()
        with transaction.atomic():
            audit_record(
                action="ppid.encryption_keys.rotated",
                data={"rows": totals, "files": files, "keys": len(crypto.configured_keys())},
            )
        for label, count in totals.items():
            self.stdout.write(f"{label}: {count} rows re-encrypted")
        for label, counts in files.items():
            summary = ", ".join(f"{outcome} {n}" for outcome, n in sorted(counts.items())) or "none"
            self.stdout.write(f"{label} files: {summary}")
        self.stdout.write(self.style.SUCCESS("Every encrypted value now uses the newest key."))

    def _rotate_model(self, model: type[models.Model], names: list[str], size: int) -> int:
        done, after = 0, 0
        while True:
            rows = _raw_rows(model, names, after, size)
            if not rows:
                return done
            with transaction.atomic():
                done += sum(_rotate_row(model, names, row) for row in rows)
            after = rows[-1][0]
            self.stdout.write(f"  {model._meta.label}: {done} re-encrypted, up to id {after}")

    def _reseal_files(self) -> dict[str, dict[str, int]]:
        """Every file field on a sealed storage: re-wrap data keys, seal legacy plaintext."""
        done: dict[str, dict[str, int]] = {}
        for model in apps.get_models():
            for field in model._meta.concrete_fields:
                if isinstance(field, models.FileField) and is_sealed_storage(field.storage):
                    names = (
                        model._default_manager.exclude(**{field.name: ""})
                        .order_by("pk")
                        .values_list(field.name, flat=True)
                        .iterator(chunk_size=500)
                    )
                    done[f"{model._meta.label}.{field.name}"] = dict(reseal_files(field.storage, names))
        return done
