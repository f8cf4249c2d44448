"""lontar_backup / lontar_restore: a backup restored into fresh PostgreSQL databases and a fresh
file directory verifies its audit chain and gives back the (encrypted) identity document."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connections

from lontar.audit.models import AuditEvent
from lontar.ppid.choices import BodyKind
from lontar.ppid.models import IdentityDocument, PublicBody
from lontar.ppid.services import information_request_submit
from tests.ppid.conftest import PDF_BYTES, checked_pdf, request_data

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True, databases="__all__")]


def _url(alias: str, name: str) -> str:
    db = settings.DATABASES[alias]
    user = quote(str(db.get("USER") or ""))
    password = f":{quote(str(db['PASSWORD']))}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "localhost"
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgres://{user}{password}@{host}{port}/{name}"


def _admin(sql: str) -> None:
    """CREATE/DROP DATABASE on the server of the default database (outside any transaction)."""
    db = settings.DATABASES["default"]
    with psycopg.connect(
        dbname="postgres",
        host=db.get("HOST") or None,
        port=db.get("PORT") or None,
        user=db.get("USER") or None,
        password=db.get("PASSWORD") or None,
        autocommit=True,
    ) as conn:
        conn.execute(sql)


@pytest.fixture
def fresh_databases():
    """Two new, empty databases (names never used before), dropped after the test."""
    stem = f"lontar_restore_{uuid.uuid4().hex[:10]}"
    names = {"default": stem, "datastore": f"{stem}_ds"}
    for name in names.values():
        _admin(f'CREATE DATABASE "{name}"')
    try:
        yield names
    finally:
        for name in names.values():
            _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )


def test_backup_then_restore_into_fresh_databases(province, tmp_path, fresh_databases) -> None:
    body = PublicBody.objects.create(organisation=province["province"], kind=BodyKind.UTAMA, code="ntt")
    request, _ = information_request_submit(body=body, data=request_data(), identity_document=checked_pdf())
    document = IdentityDocument.objects.get(request=request)
    events = AuditEvent.objects.count()
    assert events >= 1
    with connections["datastore"].cursor() as cursor:
        datastore_tables = sorted(connections["datastore"].introspection.table_names(cursor))

    call_command("lontar_backup", str(tmp_path / "backups"))
    [backup] = list((tmp_path / "backups").iterdir())
    assert backup.name.startswith("lontar-backup-") and not backup.name.endswith(".partial")
    manifest = json.loads((backup / "manifest.json").read_text())
    assert set(manifest["databases"]) == {"default", "datastore"}
    assert manifest["files"]["counts"]["private"] >= 1
    stored = backup / "files" / "private" / document.file.name
    assert stored.is_file() and PDF_BYTES not in stored.read_bytes()  # still ciphertext in the backup
    assert oct(backup.stat().st_mode & 0o777) == oct(0o700)

    restored_dir = tmp_path / "restored"
    env = {key: value for key, value in os.environ.items() if not key.startswith(("LONTAR_S3_", "PYTEST"))}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": _url("default", fresh_databases["default"]),
            "DATASTORE_DATABASE_URL": _url("datastore", fresh_databases["datastore"]),
            "LONTAR_DATA_DIR": str(restored_dir),
            "LONTAR_MEDIA_ROOT": str(restored_dir / "media"),
            "LONTAR_FIELD_ENCRYPTION_KEYS": ",".join(settings.FIELD_ENCRYPTION_KEYS),
            "LONTAR_SIGNING_KEY": settings.SIGNING_KEY,
        }
    )
    done = _manage(env, "lontar_restore", str(backup))
    assert done.returncode == 0, done.stderr
    assert "files private: " in done.stdout

    verified = _manage(env, "audit_verify")
    assert verified.returncode == 0, verified.stderr
    assert verified.stdout.startswith(f"OK: {events} events")

    read_back = _manage(
        env,
        "shell",
        "-c",
        "import hashlib; from lontar.ppid.models import IdentityDocument as D; "
        "from django.db import connections as c; "
        "d = D.objects.get(); print(hashlib.sha256(d.file.open().read()).hexdigest()); "
        "cur = c['datastore'].cursor(); print(','.join(sorted(c['datastore'].introspection.table_names(cur))))",
    )
    assert read_back.returncode == 0, read_back.stderr
    digest, tables = read_back.stdout.strip().splitlines()[-2:]
    assert digest == hashlib.sha256(PDF_BYTES).hexdigest()
    assert tables.split(",") == datastore_tables

    # A second restore finds the databases in use: refused, nothing written.
    again = _manage(env, "lontar_restore", str(backup))
    assert again.returncode == 1
    assert "is not empty: restore into a new database" in again.stderr


def test_a_damaged_or_incomplete_backup_is_refused(province, tmp_path, fresh_databases) -> None:
    call_command("lontar_backup", str(tmp_path / "backups"))
    [backup] = list((tmp_path / "backups").iterdir())
    with pytest.raises(CommandError, match=r"no manifest\.json"):
        call_command("lontar_restore", str(tmp_path / "backups"))
    dump = backup / "db" / "datastore.dump"
    dump.write_bytes(dump.read_bytes()[:-10] + b"0123456789")
    env = {key: value for key, value in os.environ.items() if not key.startswith(("LONTAR_S3_", "PYTEST"))}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": _url("default", fresh_databases["default"]),
            "DATASTORE_DATABASE_URL": _url("datastore", fresh_databases["datastore"]),
            "LONTAR_DATA_DIR": str(tmp_path / "restored"),
        }
    )
    done = _manage(env, "lontar_restore", str(backup))
    assert done.returncode == 1
    assert "SHA-256 differs from the manifest" in done.stderr
    db = settings.DATABASES["default"]
    with psycopg.connect(
        dbname=fresh_databases["default"], host=db.get("HOST") or None, user=db.get("USER") or None
    ) as conn:
        tables = conn.execute("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")
        assert tables.fetchone() == (0,)  # checked before anything was written
