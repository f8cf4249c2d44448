"""Faults under load, with nothing lost (issue 15 §3): runs against `make cluster` with the demo data.

    .venv/bin/python bench/faults.py                 # ~6 minutes, 30 users, every fault
    .venv/bin/python bench/faults.py --short         # 1 minute: kill an app server, database outage
    .venv/bin/python bench/faults.py --pg-restart    # restart the machine's PostgreSQL (pg_ctlcluster)

The cluster must have a Redis of its own for the Redis fault (``deploy/cluster.py start
--private-redis 6390``; the fault is skipped with a note otherwise). Another cluster's names:
``--run-dir``, ``--port``, ``--redis-db``, ``--database`` as for ``deploy/cluster.py``.

It starts the Locust scenario of ``bench/load/locustfile.py`` through the load balancer, then applies
the faults one after the other, each in its own window, with a quiet gap between:

* ``app server``: ``kill -9`` of app server web-1 (gunicorn master and workers), started again
  (``deploy/cluster.py`` ``restart``); nginx sends the requests to web-2 meanwhile;
* ``database``: the cluster's two databases refuse connections for 10 s and every connection to
  them is ended (``ALTER DATABASE … ALLOW_CONNECTIONS false`` + ``pg_terminate_backend``): what
  the app sees of a PostgreSQL restart, without touching the other databases of the machine's
  server. ``--pg-restart`` restarts the whole server instead (``pg_ctlcluster VERSION main
  restart``: every other user of the machine's PostgreSQL loses its connections too);
* ``S3``: the S3 server (moto) is frozen for 30 s (``SIGSTOP``, then ``SIGCONT``): connections
  hang until the client's timeouts. moto keeps the bucket in memory, so killing it would lose the
  objects, which a real store (MinIO) would not;
* ``ingest``: ``manage.py datastore_load`` of a large CSV is killed (``kill -9``) while it writes
  rows, then ``manage.py datastore_cleanup`` runs;
* ``Redis``: the cluster's own redis-server is stopped for 30 s and started again, empty (it keeps
  nothing on disk): the site must keep serving uncached, with rate limits per process
  (``lontar/core/redis_cache.py``). Not applied to the machine's Redis (other users share it).

Then it checks: every PPID request the load generator was told was accepted exists with its
identity document in the bucket; no registration number twice; every acknowledged evaluation
answer is stored (or a later one of the same run); the killed load left no table visible (its
version failed, no active version, no orphan table); ``manage.py audit_verify`` passes. It prints
a table (fault, seconds, requests during it, errors seen by clients, data lost) and exits 1 when
anything was lost or a check failed.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchlib import cluster_module

ROOT = Path(__file__).resolve().parents[1]
PYTHON = Path(sys.executable)
BIN = PYTHON.parent
PG = "postgres://postgres@127.0.0.1:5432"


cluster = cluster_module()


def say(message: str) -> None:
    print(f"faults: {time.strftime('%H:%M:%S', time.gmtime())} UTC {message}", flush=True)


@dataclass
class Window:
    fault: str
    started: float
    ended: float = 0.0
    note: str = ""
    lost: int = 0


@dataclass
class Run:
    layout: Any
    env: dict[str, str]
    out: Path
    windows: list[Window] = field(default_factory=list)

    def manage(self, *args: str, check: bool = True, **kwargs: Any) -> subprocess.CompletedProcess[str]:
        env = cluster.process_env(self.env)
        done = subprocess.run(
            [str(PYTHON), "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, **kwargs
        )
        if check and done.returncode != 0:
            raise SystemExit(f"faults: manage.py {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
        return done


# --- faults -------------------------------------------------------------------------------------


def _pids_of(name: str, layout: Any) -> list[int]:
    """The service's process and its children (gunicorn's workers)."""
    pid = cluster.running_pid(layout, name)
    if pid is None:
        return []
    children = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    return [pid, *map(int, children)]


def kill_app_server(run: Run) -> str:
    pids = _pids_of("web-1", run.layout)
    for pid in pids:
        os.kill(pid, signal.SIGKILL)
    time.sleep(5)  # down for a moment, as when a machine dies
    cluster.restart(run.layout, "web-1")
    cluster.wait_ready(f"http://127.0.0.1:{run.layout.app_ports[0]}/readyz")
    return f"kill -9 of {len(pids)} processes, restarted"


def _pg(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def database_outage(run: Run, seconds: float = 10.0) -> str:
    names = [run.layout.database, f"{run.layout.database}_ds"]
    quoted = ", ".join(f"'{name}'" for name in names)
    for name in names:
        _pg(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
    try:
        _pg(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname IN ({quoted})")
        time.sleep(seconds)
    finally:
        for name in names:
            _pg(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
    return f"{seconds:.0f} s refused, connections ended"


def postgres_restart(run: Run) -> str:
    clusters = subprocess.run(["pg_lsclusters", "-h"], capture_output=True, text=True, check=True).stdout.split()
    version, name = clusters[0], clusters[1]
    subprocess.run(["pg_ctlcluster", version, name, "restart"], check=True)
    return f"pg_ctlcluster {version} {name} restart"


def s3_freeze(run: Run, seconds: float = 30.0) -> str:
    pid = cluster.running_pid(run.layout, "s3")
    if pid is None:
        raise SystemExit("faults: the S3 server does not run")
    os.kill(pid, signal.SIGSTOP)
    try:
        time.sleep(seconds)
    finally:
        os.kill(pid, signal.SIGCONT)
    return f"moto frozen {seconds:.0f} s (SIGSTOP/SIGCONT)"


def _big_csv(path: Path, rows: int) -> Path:
    if not path.exists() or path.stat().st_size < rows * 20:
        rng = random.Random(15)
        with path.open("w", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(["kode_desa", "tahun", "penduduk", "luas_km2", "keterangan"])
            for i in range(rows):
                writer.writerow(
                    [f"53{i:08d}", 2000 + i % 25, rng.randint(100, 9000), f"{rng.random() * 90:.3f}", "uji"]
                )
    return path


def kill_ingest(run: Run, rows: int) -> str:
    from django.db import connections

    from lontar.datastore.models import DatastoreTable, Phase

    connections.close_all()  # ended by the database fault
    source = _big_csv(run.out / "ingest.csv", rows)
    key = f"uji-gangguan/muat-{int(time.time())}"
    run.ingest_key = key  # type: ignore[attr-defined]
    env = cluster.process_env(run.env)
    argv = [str(PYTHON), "manage.py", "datastore_load", str(source), "--resource", key, "--activate", "--public"]
    loader = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    phase = ""
    while time.monotonic() < deadline and loader.poll() is None:
        table = DatastoreTable.objects.filter(resource_key=key).first()
        if table and table.phase in (Phase.LOADING, Phase.INDEXING) and table.rows_done > 0:
            phase = f"{table.phase}, {table.rows_done:,} rows written"
            break
        time.sleep(0.2)
    if loader.poll() is not None:
        raise SystemExit(f"faults: the load ended (exit {loader.returncode}) before it could be killed")
    loader.send_signal(signal.SIGKILL)
    loader.wait()
    cleanup = run.manage("datastore_cleanup", "--stale-minutes", "30").stdout.strip().replace("\n", "; ")
    return f"killed in {phase}; cleanup: {cleanup}"


def redis_stop(run: Run, seconds: float = 30.0) -> str:
    if not run.layout.private_redis:
        return "not applied: the cluster uses the machine's Redis (start it with --private-redis PORT)"
    cluster.stop_process(run.layout, "redis")
    try:
        time.sleep(seconds)
    finally:
        cluster.restart(run.layout, "redis")
    return f"redis-server stopped {seconds:.0f} s, started again empty"


FAULTS: dict[str, Callable[..., str]] = {
    "app server": kill_app_server,
    "database": database_outage,
    "Redis": redis_stop,
    "S3": s3_freeze,
    "ingest": kill_ingest,
}


# --- checks -------------------------------------------------------------------------------------


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def _window_of(run: Run, t: float) -> Window | None:
    for window in run.windows:
        if window.started <= t <= window.ended:
            return window
    return None


def check_ppid(run: Run, acks: list[dict[str, Any]], problems: list[str]) -> int:
    from django.db.models import Count

    from lontar.ppid.models import InformationRequest

    lost = 0
    for ack in acks:
        found = list(InformationRequest.objects.filter(information_requested__contains=f"({ack['marker']})."))
        ok = len(found) == 1
        if ok and ack.get("number"):
            ok = found[0].number == ack["number"]
        if ok:
            documents = list(found[0].documents.all())
            ok = bool(documents) and all(doc.file.storage.exists(doc.file.name) for doc in documents)
        if not ok:
            lost += 1
            problems.append(f"PPID request {ack['marker']} ({ack.get('number')}): missing, doubled or without its file")
            window = _window_of(run, ack["t"])
            if window:
                window.lost += 1
    doubled = InformationRequest.objects.values("number").annotate(n=Count("pk")).filter(n__gt=1).count()
    if doubled:
        problems.append(f"{doubled} registration numbers used twice")
    return lost


def check_answers(run: Run, acks: list[dict[str, Any]], problems: list[str]) -> int:
    from lontar.evaluations.models import Answer

    latest: dict[str, dict[str, Any]] = {}
    for ack in acks:
        if ack["url"] not in latest or ack["seq"] > latest[ack["url"]]["seq"]:
            latest[ack["url"]] = ack
    lost = 0
    for url, ack in latest.items():
        pk, number = re.match(r"/evaluasi/penilaian/(\d+)/indikator/([^/]+)/", url).groups()  # type: ignore[union-attr]
        answer = Answer.objects.filter(submission_id=int(pk), number=number).first()
        stored = re.search(rf"uji-beban {ack['run']} (\d+)", answer.explanation if answer else "")
        if not stored or int(stored.group(1)) < ack["seq"]:
            lost += 1
            problems.append(
                f"answer {url}: acknowledged {ack['marker']}, stored {answer.explanation if answer else None!r}"
            )
            window = _window_of(run, ack["t"])
            if window:
                window.lost += 1
    return lost


def check_ingest(run: Run, problems: list[str]) -> None:
    from lontar.datastore.models import DatastoreTable, TableStatus
    from lontar.datastore.store.writers import existing_tables

    key = getattr(run, "ingest_key", None)
    if key:
        versions = list(DatastoreTable.objects.filter(resource_key=key))
        if any(v.status in (TableStatus.LOADING, TableStatus.ACTIVE, TableStatus.READY) for v in versions):
            problems.append(f"the killed load of {key} is still loading or visible: {[v.status for v in versions]}")
    owned = set(DatastoreTable.objects.exclude(status=TableStatus.FAILED).values_list("table_name", flat=True))
    orphans = sorted(existing_tables() - owned)
    if orphans:
        problems.append(f"datastore tables no version owns: {orphans}")


def setup_django(env: dict[str, str]) -> None:
    os.environ.update({k: v for k, v in env.items() if k != "READER_PASSWORD"})
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


# --- the run ------------------------------------------------------------------------------------


def count_events(run: Run, events: list[dict[str, Any]]) -> dict[str, tuple[int, int]]:
    figures: dict[str, tuple[int, int]] = {}
    for window in run.windows:
        inside = [e for e in events if window.started <= e["t"] <= window.ended]
        figures[window.fault] = (len(inside), sum(1 for e in inside if not 200 <= e["status"] < 400))
    return figures


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--run-dir", default=os.environ.get("LONTAR_CLUSTER_DIR", str(ROOT / "var" / "cluster")))
    parser.add_argument("--port", type=int, default=int(os.environ.get("LONTAR_CLUSTER_PORT", "8740")))
    parser.add_argument("--redis-db", type=int, default=int(os.environ.get("LONTAR_CLUSTER_REDIS_DB", "12")))
    parser.add_argument("--database", default=os.environ.get("LONTAR_CLUSTER_DATABASE", "lontar_cluster"))
    parser.add_argument("--users", type=int, default=30)
    parser.add_argument("--short", action="store_true", help="one minute, two faults (app server, database)")
    parser.add_argument("--pg-restart", action="store_true", help="restart the machine's PostgreSQL server")
    parser.add_argument("--ingest-rows", type=int, default=500_000)
    parser.add_argument("--faults", help="comma-separated subset, e.g. 'S3,ingest' (default: all, or two with --short)")
    parser.add_argument("--duration", type=int, help="seconds of load (default 60 with --short, else 380)")
    parser.add_argument("--gap", type=float, default=10.0, help="quiet seconds between faults")
    args = parser.parse_args(argv)
    args.names = ["app server", "database"] if args.short else ["app server", "database", "Redis", "S3", "ingest"]
    if args.faults:
        args.names = [name.strip() for name in args.faults.split(",")]
        unknown = set(args.names) - set(FAULTS)
        if unknown:
            raise SystemExit(f"faults: unknown {sorted(unknown)}; known: {', '.join(FAULTS)}")
    args.duration = args.duration or (60 if args.short else 380)
    return args


def start_load(run: Run, users: int, duration: int) -> tuple[subprocess.Popen[str], list[str], Path, Path]:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    acks_file, events_file = run.out / f"acks-{stamp}.jsonl", run.out / f"events-{stamp}.jsonl"
    load_env = {**os.environ, "LOAD_ACK_FILE": str(acks_file), "LOAD_EVENTS_FILE": str(events_file)}
    base_url = run.layout.base_url
    load_argv = [
        str(BIN / "locust"), "-f", str(ROOT / "bench" / "load" / "locustfile.py"), "--headless",
        "-u", str(users), "-r", str(max(1, users // 5)), "-t", f"{duration}s",
        "--host", base_url, "--only-summary", "--loglevel", "ERROR", "--stop-timeout", "10",
    ]  # fmt: skip
    say(f"load: {users} users for {duration} s through {base_url} (bench/load/locustfile.py)")
    load = subprocess.Popen(
        load_argv, cwd=ROOT, env=load_env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    output: list[str] = []
    threading.Thread(target=lambda: output.extend(load.stdout or []), daemon=True).start()
    return load, output, acks_file, events_file


def apply_faults(run: Run, args: argparse.Namespace) -> None:
    for name in args.names:
        window = Window(fault=name, started=time.time())
        run.windows.append(window)
        say(f"fault: {name} …")
        kwargs = {"rows": args.ingest_rows} if name == "ingest" else {}
        try:
            window.note = FAULTS[name](run, **kwargs)
        finally:
            window.ended = time.time() + 5  # answers in flight when it ended
        say(f"fault: {name}: {window.note}")
        time.sleep(args.gap if not args.short else 5)


def report(run: Run, acks_file: Path, events_file: Path, started: float) -> int:
    from django.db import connections

    connections.close_all()  # the database fault ended them
    problems: list[str] = []
    acks = _read_jsonl(acks_file)
    events = _read_jsonl(events_file)
    ppid_acks = [a for a in acks if a["kind"] == "ppid"]
    answer_acks = [a for a in acks if a["kind"] == "answer"]
    lost = check_ppid(run, ppid_acks, problems) + check_answers(run, answer_acks, problems)
    check_ingest(run, problems)
    audit = run.manage("audit_verify", check=False)
    if audit.returncode != 0:
        problems.append(f"audit_verify failed: {(audit.stdout + audit.stderr).strip()[-500:]}")

    figures = count_events(run, events)
    print(f"\n{'fault':<12} {'seconds':>8} {'requests':>9} {'errors':>7} {'data lost':>10}  what happened")
    for window in run.windows:
        requests, errors = figures[window.fault]
        seconds = window.ended - window.started
        print(f"{window.fault:<12} {seconds:>8.0f} {requests:>9} {errors:>7} {window.lost:>10}  {window.note}")
    bad = sum(1 for e in events if not 200 <= e["status"] < 400)
    print(f"{'whole run':<12} {time.time() - started:>8.0f} {len(events):>9} {bad:>7} {lost:>10}")
    print(f"acknowledged: {len(ppid_acks)} PPID requests, {len(answer_acks)} answer saves; "
          f"audit_verify: {'passed' if audit.returncode == 0 else 'FAILED'}")  # fmt: skip
    load_avg = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"load average at the end: {load_avg}; {os.cpu_count()} CPUs")
    for problem in problems:
        print(f"PROBLEM: {problem}")
    return 1 if problems or lost else 0


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    run_dir = Path(args.run_dir).resolve()
    layout = cluster.Layout(
        run=run_dir,
        port=args.port,
        redis_db=args.redis_db,
        database=args.database,
        private_redis=cluster.private_redis_port(run_dir),
    )
    if cluster.http_status(f"{layout.base_url}/readyz") != 200:
        raise SystemExit(f"faults: no ready cluster at {layout.base_url} (make cluster, or deploy/cluster.py start)")
    env = cluster._read_env(layout.env_file)
    run = Run(layout=layout, env=env, out=layout.run / "faults")
    run.out.mkdir(parents=True, exist_ok=True)
    setup_django(env)
    if args.pg_restart:
        FAULTS["database"] = postgres_restart

    load, output, acks_file, events_file = start_load(run, args.users, args.duration)
    started = time.time()
    time.sleep(8 if args.short else 15)  # users start and sign in
    apply_faults(run, args)
    left = args.duration - (time.time() - started)
    if left > 0:
        say(f"load goes on for {left:.0f} s")
    load.wait(timeout=args.duration + 120)
    time.sleep(1)
    print("".join(output), flush=True)
    return report(run, acks_file, events_file, started)


if __name__ == "__main__":
    sys.exit(main())
