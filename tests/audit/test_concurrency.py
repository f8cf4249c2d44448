"""Several real OS processes write audit events at the same time: the chain keeps every event
and never forks. Runs on PostgreSQL (the test database itself) and on SQLite (a file copy of
the migrated test database, since other processes cannot see an in-memory database)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

from lontar.audit.chain import GENESIS
from lontar.audit.models import AuditEvent

ROOT = Path(__file__).resolve().parent.parent.parent
WRITER = Path(__file__).with_name("concurrent_writer.py")
WRITERS = 3
EVENTS_EACH = 40


def _postgres_url() -> str:
    s = connection.settings_dict
    auth = quote(s["USER"] or "postgres") + (f":{quote(s['PASSWORD'])}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{quote(s['NAME'])}"


def _sqlite_file_copy(tmp_path: Path) -> str:
    """The migrated in-memory test database (tables and triggers) copied to a file."""
    connection.ensure_connection()
    target = tmp_path / "audit-concurrency.sqlite3"
    destination = sqlite3.connect(target)
    try:
        connection.connection.backup(destination)
    finally:
        destination.close()
    return f"sqlite:///{target}"


def _env(database_url: str) -> dict[str, str]:
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="config.settings.test", DATABASE_URL=database_url)
    env.setdefault("DATASTORE_DATABASE_URL", database_url)
    return env


def _run_writers(env: dict[str, str], barrier: Path) -> list[tuple[float, float]]:
    procs = [
        subprocess.Popen(
            [sys.executable, str(WRITER), str(EVENTS_EACH), f"w{i}", str(barrier), str(WRITERS)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(WRITERS)
    ]
    windows = []
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        start, end = out.split()
        windows.append((float(start), float(end)))
    return windows


def _rows(database_url: str) -> list[tuple[int, str, str, dict]]:
    if connection.vendor == "postgresql":
        return [(e.id, e.prev_hash, e.hash, e.data) for e in AuditEvent.objects.order_by("id")]
    import json

    with sqlite3.connect(database_url.removeprefix("sqlite:///")) as db:
        rows = db.execute("SELECT id, prev_hash, hash, data FROM audit_auditevent ORDER BY id").fetchall()
    return [(i, p, h, json.loads(d)) for i, p, h, d in rows]


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_keep_one_unbroken_chain(tmp_path: Path) -> None:
    if connection.vendor == "postgresql":
        database_url = _postgres_url()
    elif connection.vendor == "sqlite":
        database_url = _sqlite_file_copy(tmp_path)
    else:
        pytest.skip(f"no concurrency harness for {connection.vendor}")
    barrier = tmp_path / "barrier"
    barrier.mkdir()
    env = _env(database_url)

    windows = _run_writers(env, barrier)
    # the writers really ran at the same time
    assert max(start for start, _ in windows) < min(end for _, end in windows)

    rows = _rows(database_url)
    assert len(rows) == WRITERS * EVENTS_EACH
    # every event of every writer is there, exactly once
    written = sorted((r[3]["writer"], r[3]["i"]) for r in rows)
    assert written == sorted((f"w{w}", i) for w in range(WRITERS) for i in range(EVENTS_EACH))
    # one line, no fork: each event links to the one before it in id order
    assert rows[0][1] == GENESIS
    assert all(rows[k][1] == rows[k - 1][2] for k in range(1, len(rows)))
    assert len({r[1] for r in rows}) == len(rows)

    # and the verifier, run as yet another process, agrees
    verify = subprocess.run(
        [sys.executable, "manage.py", "audit_verify"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert verify.returncode == 0, verify.stderr
    assert verify.stdout.startswith(f"OK: {WRITERS * EVENTS_EACH} events, head {rows[-1][2]}")
