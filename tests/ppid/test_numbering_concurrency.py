"""Sequence numbers stay unique and gap-free when several processes file requests at once
(the counter row is locked with SELECT … FOR UPDATE; on SQLite the IMMEDIATE transaction holds
the write lock). Runs on PostgreSQL (the test database) and on SQLite (a file copy of it)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from lontar.ppid.models import RequestCounter

ROOT = Path(__file__).resolve().parent.parent.parent
SUBMITTER = Path(__file__).with_name("concurrent_submitter.py")
WRITERS = 3
EACH = 5


def _database_url(tmp_path: Path) -> str:
    s = connection.settings_dict
    if connection.vendor == "postgresql":
        auth = quote(s["USER"] or "postgres") + (f":{quote(s['PASSWORD'])}" if s["PASSWORD"] else "")
        return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{quote(s['NAME'])}"
    connection.ensure_connection()
    target = tmp_path / "ppid-concurrency.sqlite3"
    destination = sqlite3.connect(target)
    try:
        connection.connection.backup(destination)
    finally:
        destination.close()
    return f"sqlite:///{target}"


def _counter(database_url: str, body_id: int) -> int:
    if connection.vendor == "postgresql":
        return RequestCounter.objects.get(body_id=body_id).last_value
    with sqlite3.connect(database_url.removeprefix("sqlite:///")) as db:
        return db.execute("SELECT last_value FROM ppid_requestcounter WHERE body_id = ?", [body_id]).fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_concurrent_submissions_get_distinct_consecutive_numbers(bodies, tmp_path):
    database_url = _database_url(tmp_path)
    barrier = tmp_path / "barrier"
    barrier.mkdir()
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="config.settings.test",
        DATABASE_URL=database_url,
        LONTAR_DATA_DIR=str(tmp_path),
        LONTAR_FIELD_ENCRYPTION_KEYS=",".join(settings.FIELD_ENCRYPTION_KEYS),
    )
    env.setdefault("DATASTORE_DATABASE_URL", database_url)
    body_id = bodies["province"].pk
    procs = [
        subprocess.Popen(
            [sys.executable, str(SUBMITTER), str(EACH), f"w{i}", str(barrier), str(WRITERS), str(body_id)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(WRITERS)
    ]
    numbers = []
    results = [(proc, *proc.communicate(timeout=300)) for proc in procs]
    # every writer's error, not only the first one's (a writer that dies before the barrier makes
    # the others report "barrier timeout"; its own traceback is the one that explains it)
    errors = [f"w{i}: {err.strip()[-3000:]}" for i, (proc, _out, err) in enumerate(results) if proc.returncode != 0]
    assert not errors, "\n".join(errors)
    for _proc, out, _err in results:
        numbers += out.split()
    assert len(numbers) == len(set(numbers)) == WRITERS * EACH
    assert sorted(int(n.rsplit("-", 1)[1]) for n in numbers) == list(range(1, WRITERS * EACH + 1))
    assert _counter(database_url, body_id) == WRITERS * EACH
