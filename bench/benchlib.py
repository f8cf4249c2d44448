"""Helpers the benchmark scripts share: throwaway PostgreSQL databases and in-process page timing.

Imported as ``benchlib`` (the scripts run from ``bench/``, which Python puts first on the path).
"""

from __future__ import annotations

import importlib.util
import os
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

PG_SERVER = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")


def postgres_databases(names: Sequence[str], *, fresh: bool = True) -> tuple[str, ...]:
    """URLs of the databases ``names`` on ``BENCH_POSTGRES_URL``: created, or dropped and re-created if fresh."""
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        for name in names:
            if fresh:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                conn.execute(f'CREATE DATABASE "{name}"')
    return tuple(f"{PG_SERVER}/{name}" for name in names)


def timed(fn: Callable[[], object], repeat: int) -> dict[str, float]:
    """p50 / p95 / max in ms of ``repeat`` calls after one warm-up call (template loading, caches)."""
    fn()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)], 1),
        "max_ms": round(times[-1], 1),
    }


def get_ok(client: Any, path: str) -> Callable[[], None]:
    """A call that GETs ``path`` with a Django test client and fails unless it answers 200."""

    def fetch() -> None:
        response = client.get(path)
        if response.status_code != 200:
            raise RuntimeError(f"{path}: {response.status_code}")

    return fetch


def stop_process_group(server: subprocess.Popen) -> None:
    """End a server started in its own process group (SIGTERM, then SIGKILL after 30 s)."""
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def cluster_module() -> Any:
    """deploy/cluster.py (not a package) loaded as the module ``lontar_cluster``."""
    if "lontar_cluster" in sys.modules:
        return sys.modules["lontar_cluster"]
    path = Path(__file__).resolve().parent.parent / "deploy" / "cluster.py"
    spec = importlib.util.spec_from_file_location("lontar_cluster", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["lontar_cluster"] = module
    spec.loader.exec_module(module)
    return module
