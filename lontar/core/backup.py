"""Backups of everything Lontar stores, and their restore (``manage.py lontar_backup`` / ``lontar_restore``).

One backup is one directory ``lontar-backup-<UTC time>/`` holding:

* ``db/<alias>.dump`` per database alias (``default``, ``datastore``): ``pg_dump -Fc`` on
  PostgreSQL, or ``db/<alias>.sqlite3`` (SQLite's online backup) on SQLite;
* ``files/media/…`` and ``files/private/…``: every file of the default storage and of the private
  storages, from local disk (``MEDIA_ROOT``, ``PRIVATE_FILES_ROOT``) or from the bucket's two
  prefixes (``LONTAR_S3_*``) — the same layout either way, so a backup of one can be restored
  into the other;
* ``manifest.json``: when, which databases (engine, SHA-256 of each dump) and how many files.

The databases are dumped first and the files copied after: every file a restored row names is
then in the copy. The directory is written as ``….partial`` and renamed when complete, so a
backup cut short never looks whole. Identity documents stay ciphertext in the copy; the keys
(``LONTAR_FIELD_ENCRYPTION_KEYS``, ``LONTAR_SIGNING_KEY``) are backed up separately.

A restore goes into *empty* databases (fresh ones, or the configured ones after ``dropdb`` /
``createdb``): it refuses a database that already has tables. ``pg_restore`` runs with
``--no-owner --no-privileges``; run ``datastore_reader_setup`` afterwards for the read-only role's
grants, then ``audit_verify``.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any

from django.conf import settings
from django.db import connections

from lontar.core.storage import DIRECTORY_MODE, FILE_MODE, s3_enabled

MANIFEST = "manifest.json"
FORMAT = 1
#: file trees of a backup: the default storage (public-data files) and the private storages
TREES = ("media", "private")


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why."""


@dataclass
class Summary:
    path: Path
    databases: dict[str, dict[str, Any]] = field(default_factory=dict)
    files: dict[str, int] = field(default_factory=dict)


# ---------------------------------------------------------------------------------------------
# Databases


def _engine(alias: str) -> str:
    engine = settings.DATABASES[alias]["ENGINE"]
    if "postgresql" in engine:
        return "postgresql"
    if "sqlite" in engine:
        return "sqlite"
    raise BackupError(f"database {alias}: engine {engine} is not supported")


def _pg_env(alias: str) -> dict[str, str]:
    """libpq environment for pg_dump / pg_restore: the password never appears on a command line."""
    db = settings.DATABASES[alias]
    env = {**os.environ}
    for key, name in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if db.get(key):
            env[name] = str(db[key])
    options = db.get("OPTIONS") or {}
    if options.get("sslmode"):
        env["PGSSLMODE"] = str(options["sslmode"])
    return env


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} not found: install the PostgreSQL client (Debian: postgresql-client)")
    return found


def _run(command: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603  # fixed argument list, no shell
    if done.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed (exit {done.returncode}): {done.stderr.strip()[-2000:]}")


def _identity(alias: str) -> tuple[str, str, str, str]:
    db = settings.DATABASES[alias]
    return (db["ENGINE"], str(db.get("HOST") or ""), str(db.get("PORT") or ""), str(db["NAME"]))


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _dump(alias: str, folder: Path) -> dict[str, Any]:
    engine = _engine(alias)
    if engine == "postgresql":
        target = folder / f"{alias}.dump"
        name = str(settings.DATABASES[alias]["NAME"])
        _run([_tool("pg_dump"), "--format=custom", f"--file={target}", f"--dbname={name}"], _pg_env(alias))
    else:
        target = folder / f"{alias}.sqlite3"
        source = sqlite3.connect(str(settings.DATABASES[alias]["NAME"]))
        copy = sqlite3.connect(str(target))
        try:
            source.backup(copy)  # a consistent copy while the application keeps writing
        finally:
            copy.close()
            source.close()
    os.chmod(target, FILE_MODE)
    return {"engine": engine, "file": f"db/{target.name}", "sha256": _sha256(target), "bytes": target.stat().st_size}


def _not_empty(alias: str) -> bool:
    if _engine(alias) == "sqlite":
        path = Path(str(settings.DATABASES[alias]["NAME"]))
        if not path.exists() or path.stat().st_size == 0:
            return False  # connecting would create the file: nothing there yet
    return bool(_tables(alias))


def _tables(alias: str) -> list[str]:
    connection = connections[alias]
    with connection.cursor() as cursor:
        return connection.introspection.table_names(cursor)


def _restore_database(alias: str, entry: dict[str, Any], root: Path) -> None:
    engine = _engine(alias)
    if engine != entry["engine"]:
        raise BackupError(f"database {alias}: the backup is {entry['engine']}, the configured database is {engine}")
    source = root / entry["file"]
    if _not_empty(alias):
        raise BackupError(f"database {alias} is not empty: restore into a new database")
    if engine == "sqlite":
        target = Path(str(settings.DATABASES[alias]["NAME"]))
        connections[alias].close()
        target.parent.mkdir(parents=True, exist_ok=True)
        copy = sqlite3.connect(str(source))
        into = sqlite3.connect(str(target))
        try:
            copy.backup(into)
        finally:
            into.close()
            copy.close()
        return
    connections[alias].close()
    name = str(settings.DATABASES[alias]["NAME"])
    _run(
        [
            _tool("pg_restore"),
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            f"--dbname={name}",
            str(source),
        ],
        _pg_env(alias),
    )


# ---------------------------------------------------------------------------------------------
# Files


def _local_roots() -> dict[str, Path]:
    return {"media": Path(settings.MEDIA_ROOT), "private": Path(settings.PRIVATE_FILES_ROOT)}


def _s3_prefixes() -> dict[str, str]:
    return {
        "media": str(settings.S3_MEDIA_LOCATION).strip("/"),
        "private": str(settings.S3_PRIVATE_LOCATION).strip("/"),
    }


def _bucket() -> Any:
    from django.core.files.storage import storages

    return storages["default"].bucket  # type: ignore[attr-defined]  # boto3 Bucket of MediaS3Storage


def _safe_relative(name: str) -> PurePosixPath | None:
    relative = PurePosixPath(name)
    if not name or name.endswith("/") or relative.is_absolute() or ".." in relative.parts:
        return None
    return relative


def _files_in(folder: Path) -> Iterator[tuple[Path, PurePosixPath]]:
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            yield path, PurePosixPath(path.relative_to(folder).as_posix())


def _target(base: Path, relative: PurePosixPath) -> Path:
    target = base.joinpath(*relative.parts)
    target.parent.mkdir(parents=True, exist_ok=True, mode=DIRECTORY_MODE)
    return target


def _copy_files_out(files: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    if s3_enabled():
        bucket = _bucket()
        for tree, prefix in _s3_prefixes().items():
            counts[tree] = 0
            for item in bucket.objects.filter(Prefix=f"{prefix}/" if prefix else ""):
                relative = _safe_relative(item.key[len(prefix) + 1 :] if prefix else item.key)
                if relative is None:
                    continue
                target = _target(files / tree, relative)
                bucket.download_file(item.key, str(target))
                os.chmod(target, FILE_MODE)
                counts[tree] += 1
        return counts
    for tree, root in _local_roots().items():
        counts[tree] = 0
        for path, relative in _files_in(root):
            target = _target(files / tree, relative)
            shutil.copyfile(path, target)
            os.chmod(target, FILE_MODE)
            counts[tree] += 1
    return counts


def _copy_files_in(files: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    if s3_enabled():
        bucket = _bucket()
        for tree, prefix in _s3_prefixes().items():
            counts[tree] = 0
            for path, relative in _files_in(files / tree):
                key = f"{prefix}/{relative}" if prefix else str(relative)
                bucket.upload_file(str(path), key, ExtraArgs={"ACL": "private"})
                counts[tree] += 1
        return counts
    for tree, root in _local_roots().items():
        counts[tree] = 0
        private = tree == "private"
        for path, relative in _files_in(files / tree):
            target = root.joinpath(*relative.parts)
            target.parent.mkdir(parents=True, exist_ok=True, mode=DIRECTORY_MODE if private else 0o755)
            shutil.copyfile(path, target)
            os.chmod(target, FILE_MODE if private else 0o644)
            counts[tree] += 1
    return counts


# ---------------------------------------------------------------------------------------------
# Backup and restore


def backup(destination: Path, *, now: datetime | None = None) -> Summary:
    """Dump every database, then copy every file, into a new dated directory below ``destination``."""
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    destination.mkdir(parents=True, exist_ok=True)
    final = destination / f"lontar-backup-{stamp}"
    partial = destination / f"lontar-backup-{stamp}.partial"
    if final.exists() or partial.exists():
        raise BackupError(f"{final} already exists")
    partial.mkdir(mode=DIRECTORY_MODE)
    try:
        (partial / "db").mkdir(mode=DIRECTORY_MODE)
        summary = Summary(path=final)
        seen: dict[tuple[str, str, str, str], str] = {}
        for alias in settings.DATABASES:
            same = seen.get(_identity(alias))
            if same is not None:  # both aliases name one database: dumped once
                summary.databases[alias] = {"same_as": same}
                continue
            seen[_identity(alias)] = alias
            summary.databases[alias] = _dump(alias, partial / "db")
        (partial / "files").mkdir(mode=DIRECTORY_MODE)
        summary.files = _copy_files_out(partial / "files")
        manifest = {
            "format": FORMAT,
            "created": stamp,
            "databases": summary.databases,
            "files": {"source": "s3" if s3_enabled() else "local", "counts": summary.files},
        }
        (partial / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        partial.rename(final)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return summary


def read_manifest(path: Path) -> dict[str, Any]:
    manifest_path = path / MANIFEST
    if not manifest_path.is_file():
        raise BackupError(f"{path} is not a complete backup (no {MANIFEST})")
    manifest: dict[str, Any] = json.loads(manifest_path.read_text(encoding="utf-8"))
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{path}: backup format {manifest.get('format')} is not {FORMAT}")
    return manifest


def _check_before_restore(path: Path, entries: dict[str, dict[str, Any]]) -> None:
    """Every dump intact and every target database empty, before anything is written."""
    for alias, entry in entries.items():
        if "same_as" in entry:
            continue
        if _engine(alias) != entry["engine"]:
            raise BackupError(f"database {alias}: the backup is {entry['engine']}, the configured one is not")
        if _sha256(path / entry["file"]) != entry["sha256"]:
            raise BackupError(f"{entry['file']}: SHA-256 differs from the manifest (damaged or altered backup)")
        if _not_empty(alias):
            raise BackupError(f"database {alias} is not empty: restore into a new database (createdb)")


def restore(path: Path, *, databases: bool = True, files: bool = True) -> Summary:
    """Restore a backup into the configured (empty) databases and file storage."""
    manifest = read_manifest(path)
    summary = Summary(path=path)
    if databases:
        entries: dict[str, dict[str, Any]] = manifest["databases"]
        unknown = set(entries) - set(settings.DATABASES)
        if unknown:
            raise BackupError(f"the backup has databases this configuration lacks: {sorted(unknown)}")
        _check_before_restore(path, entries)
        for alias, entry in entries.items():
            if "same_as" in entry:
                continue
            _restore_database(alias, entry, path)
            summary.databases[alias] = entry
    if files:
        summary.files = _copy_files_in(path / "files")
    return summary
