"""Ingest cost before/after a change: the 1 M-row CSV of bench/datastore.py loaded by two trees of
Lontar on the same machine, runs interleaved, best of N (wall and CPU of the ``datastore_load`` child).

    git worktree add /tmp/before f3628fa && ln -s "$PWD/.venv" /tmp/before/.venv
    .venv/bin/python bench/datastore.py --part a        # once, writes bench/out/datastore/desa-1000000.csv
    .venv/bin/python bench/ingest_before_after.py /tmp/before [runs]

Issue 16 (layout detection, missing-value marks, region codes and names) must cost at most 10 %.
"""

import os
import secrets
import shutil
import subprocess
import sys
import time
from pathlib import Path

from cryptography.fernet import Fernet

HERE = Path(__file__).resolve().parent.parent
CSV = HERE / "bench" / "out" / "datastore" / "desa-1000000.csv"
BEFORE = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/before")
N = int(sys.argv[2]) if len(sys.argv) > 2 else 3
TREES = {"before": BEFORE, "after (this tree)": HERE}
OUT = HERE / "bench" / "out" / "before_after"


def env(root, work):
    e = {k: v for k, v in os.environ.items() if not k.startswith(("LONTAR_", "DATABASE_URL", "DATASTORE_"))}
    e.update(
        DJANGO_SETTINGS_MODULE="config.settings.prod",
        LONTAR_SECRET_KEY=secrets.token_urlsafe(64),
        LONTAR_FIELD_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
        LONTAR_SECURE_SSL_REDIRECT="false",
        LONTAR_ALLOWED_HOSTS="127.0.0.1",
        LONTAR_BASE_URL="http://127.0.0.1:8000",
        LONTAR_DATA_DIR=str(work),
        LONTAR_STATIC_ROOT=str(work / "static"),
        LONTAR_LOG_LEVEL="WARNING",
        DATABASE_URL=f"sqlite:///{work / 'lontar.sqlite3'}",
        DATASTORE_DATABASE_URL=f"sqlite:///{work / 'datastore.sqlite3'}",
        PYTHONPATH=str(root),
    )
    return e


def child(cmd, root, e):
    t = time.monotonic()
    p = subprocess.Popen(cmd, cwd=root, env=e, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = p.communicate()
    if p.returncode:
        raise SystemExit(f"{cmd} failed: {err.decode()[-2000:]}")
    return time.monotonic() - t, out.decode()


results = {k: [] for k in TREES}
bases = {}
for name, root in TREES.items():
    work = OUT / ("before" if root == BEFORE else "after")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    e = env(root, work)
    py = str(root / ".venv/bin/python")
    child([py, "manage.py", "migrate", "--noinput", "-v", "0"], root, e)
    child([py, "manage.py", "load_regions"], root, e)
    shutil.copy(work / "lontar.sqlite3", work / "base.sqlite3")
    bases[name] = (root, work, py)
for i in range(N):
    for name, (root, work, py) in bases.items():
        for f in ("lontar.sqlite3", "datastore.sqlite3"):
            for s in ("", "-wal", "-shm"):
                (work / f"{f}{s}").unlink(missing_ok=True)
        shutil.copy(work / "base.sqlite3", work / "lontar.sqlite3")
        e = env(root, work)
        before = os.times()
        wall, out = child(
            [
                py,
                "manage.py",
                "datastore_load",
                str(CSV),
                "--resource",
                "bench/desa",
                "--activate",
                "--public",
                "--no-progress",
                "-v",
                "2",
            ],
            root,
            e,
        )
        after = os.times()
        cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
        timing = next((ln for ln in out.splitlines() if ln.startswith("timings: ")), "")
        results[name].append((wall, cpu))
        print(f"run {i + 1} {name:18} wall {wall:6.1f} s  cpu {cpu:6.1f} s  {timing[:160]}", flush=True)
print()
best = {k: (min(w for w, _ in v), min(c for _, c in v)) for k, v in results.items()}
for k, (w, c) in best.items():
    print(f"best {k:18} wall {w:6.1f} s  cpu {c:6.1f} s")
(bw, bc), (aw, ac) = best["before"], best["after (this tree)"]
print(f"after/before: wall {aw / bw:.3f}  cpu {ac / bc:.3f}")
