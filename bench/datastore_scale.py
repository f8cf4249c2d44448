"""Datastore at scale on PostgreSQL: ingest 20,000,000 rows, three row-API shapes, a full CSV stream.

    .venv/bin/python bench/datastore_scale.py [--rows 20000000] [--requests 40] [--reuse]
                                              [--workdir /tmp/lontar-ds20m] [--keep-csv]

Generates a CSV of ``--rows`` village rows ("data contoh", the generator of bench/datastore.py,
written row by row; its first ``--unique`` 1,000,000 rows repeated up to ``--rows``) under
``--workdir`` (about 95 bytes a row: 1.8 GB for 20 M), deleted after the load; re-creates the
PostgreSQL databases ``--main-db`` and ``--store-db`` on ``BENCH_POSTGRES_URL`` (default
``postgres://postgres@127.0.0.1:5432``), migrates, and loads the file with ``manage.py
datastore_load --activate --public`` as a child process: wall and CPU time (wait4), rows/s, and
the child's own peak memory (``VmHWM`` through tests/datastore/peak_rss.py; ``ru_maxrss`` of a
vfork'ed child reports its parent's peak). Public queries go through the read-only role
(``DATASTORE_READONLY_DATABASE_URL``, made by ``datastore_reader_setup``), as in production.

Then it serves the table with gunicorn (production settings, one worker × ``--threads``) and
times ``--requests`` sequential requests of each shape from a plain HTTP client:

1. indexed equality: ``?kode_desa=<code>&_size=100`` (a different desa each request);
2. deep keyset: ``?_sort=jumlah_penduduk&_size=100`` from a ``_next`` token deep in the table,
   then following each answer's ``next_url`` (chains of 10);
3. compound range: ``?tahun=<year>&jumlah_penduduk__gt=<n>&_size=100``.

Every answer is the default JSON (rows, capped count). Target p95 ≤ 100 ms each. Last, it
streams ``.csv?_stream=on`` of the first 1,000,000 rows and then of the whole table, counting
rows, and reads the gunicorn worker's ``VmHWM`` before and after each (memory must stay flat:
the peak after 20 M rows may not exceed the peak after 1 M by more than ``STREAM_GROWTH_MB``).
With PostgreSQL it prints ``EXPLAIN (ANALYZE, BUFFERS)`` of the statements of each shape's last
request. One table (target / figure / met, with /proc/loadavg), and JSON in bench/out/.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import datetime as dt
import json
import os
import random
import secrets
import shutil
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchlib import PG_SERVER, postgres_databases, stop_process_group

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
OUT = Path(__file__).resolve().parent / "out"
PEAK_RSS = ROOT / "tests" / "datastore" / "peak_rss.py"
RESOURCE = "bench/desa"
TARGET_P95_MS = 100.0
STREAM_GROWTH_MB = 64.0
READER = "lontar_ds20m_reader"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=20_000_000)
    parser.add_argument("--requests", type=int, default=40, help="requests per query shape")
    parser.add_argument("--threads", type=int, default=4, help="threads of the single gunicorn worker")
    parser.add_argument("--port", type=int, default=8770)
    parser.add_argument("--workdir", type=Path, default=Path(os.environ.get("LONTAR_DATA_DIR", "/tmp/lontar-ds20m")))
    parser.add_argument("--main-db", default="lontar_ds20m_main")
    parser.add_argument("--store-db", default="lontar_ds20m_ds")
    parser.add_argument(
        "--unique", type=int, default=1_000_000, help="rows generated; the file repeats them up to --rows"
    )
    parser.add_argument("--first-stream", type=int, default=1_000_000, help="rows of the first, shorter stream")
    parser.add_argument("--reuse", action="store_true", help="serve the table already loaded (no generate/load)")
    parser.add_argument("--no-stream", action="store_true", help="leave out the CSV streams")
    parser.add_argument("--keep-csv", action="store_true", help="keep the generated CSV (default: deleted)")
    parser.add_argument("--explain", nargs="*", help=argparse.SUPPRESS)  # child mode: plans of these URLs
    return parser.parse_args(argv)


def loadavg() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def stamp(message: str) -> None:
    print(f"{dt.datetime.now(dt.UTC):%H:%M:%S} [load {loadavg()}] {message}", flush=True)


# -- data ----------------------------------------------------------------------------------------
def generator() -> Callable[[Path, int], None]:
    """bench/datastore.py's ``generate`` (deterministic, written row by row)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_datastore", Path(__file__).with_name("datastore.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.generate


def write_rows(path: Path, rows: int, unique: int) -> None:
    """``rows`` generated rows: the first ``unique`` of the generator, then copies of them (the
    generator writes about 50,000 rows/s on a free core: 20 M would take 7 minutes of it)."""
    unique = min(unique, rows)
    part = path.with_suffix(".part")
    generator()(part, unique)
    if unique == rows:
        part.rename(path)
        return
    with part.open("rb") as fh:
        header = fh.readline()
        body = fh.read()
    with path.open("wb") as out:
        out.write(header)
        left = rows
        while left >= unique:
            out.write(body)
            left -= unique
        if left:
            out.write(b"".join(body.splitlines(keepends=True)[:left]))
    part.unlink()


def first_codes(path: Path, limit: int = 2000) -> list[str]:
    """Desa codes of the first rows (all of them occur in the table)."""
    codes: list[str] = []
    with path.open(encoding="utf-8") as fh:
        fh.readline()
        for line in fh:
            codes.append(line.split(",", 1)[0])
            if len(codes) >= limit:
                break
    return sorted(set(codes))


# -- shapes --------------------------------------------------------------------------------------
def keyset_token(sort: str, value: Any, row_id: int) -> str:
    """A ``_next`` token as the API writes them (params.encode_keyset), for a start deep in the table."""
    payload = {"s": sort, "d": False, "v": value, "i": row_id, "n": False}
    raw = json.dumps(payload, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def percentiles(times: list[float]) -> dict[str, float]:
    times = sorted(times)
    return {
        "n": len(times),
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[max(0, -(-len(times) * 95 // 100) - 1)], 1),
        "max_ms": round(times[-1], 1),
    }


class Http:
    """GETs against a running server (urllib), and the server worker's memory from /proc."""

    def __init__(self, origin: str, worker_pid: int | None) -> None:
        self.origin = origin
        self.worker_pid = worker_pid

    def get(self, path: str) -> tuple[int, bytes]:
        url = path if path.startswith("http") else self.origin + path
        try:
            with urllib.request.urlopen(url, timeout=60) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read()

    def stream(self, path: str) -> Iterator[bytes]:
        with urllib.request.urlopen(self.origin + path, timeout=300) as response:
            while chunk := response.read(1 << 20):
                yield chunk

    def memory_kib(self) -> dict[str, int]:
        return proc_memory(self.worker_pid or os.getpid())


def proc_memory(pid: int) -> dict[str, int]:
    found = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(("VmHWM:", "VmRSS:")):
            found[line.split(":")[0]] = int(line.split()[1])
    return found


def timed_get(http: Any, path: str) -> tuple[float, dict[str, Any]]:
    started = time.perf_counter()
    status, body = http.get(path)
    elapsed = (time.perf_counter() - started) * 1000
    if status != 200:
        raise RuntimeError(f"{path}: {status} {body[:500]!r}")
    return elapsed, json.loads(body)


def run_shapes(http: Any, base: str, codes: list[str], rows: int, requests: int) -> dict[str, Any]:
    """Each shape ``requests`` times (after one warm-up request each); p50/p95/max in ms."""
    rng = random.Random(20261207)
    results: dict[str, Any] = {}

    samples: list[float] = []
    url = ""
    timed_get(http, f"{base}?kode_desa={codes[0]}&_size=100")
    for _ in range(requests):
        url = f"{base}?kode_desa={rng.choice(codes)}&_size=100"
        elapsed, answer = timed_get(http, url)
        samples.append(elapsed)
        assert answer["rows"], url
    results["indexed equality"] = {**percentiles(samples), "url": url, "load": loadavg()}

    samples = []
    chains = max(1, requests // 10)
    url = ""
    for chain in range(chains + 1):  # the first chain is the warm-up
        value = rng.randint(6000, 11000)
        row_id = rng.randint(rows // 2, max(rows // 2, rows - 1))
        url = f"{base}?_sort=jumlah_penduduk&_size=100&_next={keyset_token('jumlah_penduduk', value, row_id)}"
        for _ in range(10 if chain else 2):
            elapsed, answer = timed_get(http, url)
            if chain:
                samples.append(elapsed)
            url = answer["next_url"]
            if not url:
                break
    results["deep keyset"] = {**percentiles(samples[:requests]), "url": url, "load": loadavg()}

    samples = []
    uncounted = 0
    timed_get(http, f"{base}?tahun=2020&jumlah_penduduk__gt=10000&_size=100")
    for _ in range(requests):
        url = f"{base}?tahun={rng.randint(2015, 2024)}&jumlah_penduduk__gt={rng.randint(2000, 11500)}&_size=100"
        elapsed, answer = timed_get(http, url)
        samples.append(elapsed)
        uncounted += answer["count"] is None  # the capped count ran out of its time budget
    results["compound range"] = {**percentiles(samples), "url": url, "load": loadavg(), "count_null": uncounted}
    return results


def run_stream(http: Any, csv_base: str, first: int, rows: int) -> dict[str, Any]:
    """Stream the first ``first`` rows, then the whole table; rows counted, worker memory read
    before and after each and sampled during the whole-table stream."""

    def one(path: str) -> dict[str, Any]:
        peak_rss = [0]
        done = threading.Event()

        def sample() -> None:
            while not done.wait(0.5):
                with contextlib.suppress(OSError):
                    peak_rss[0] = max(peak_rss[0], http.memory_kib().get("VmRSS", 0))

        watcher = threading.Thread(target=sample, daemon=True)
        watcher.start()
        started = time.perf_counter()
        lines = 0
        size = 0
        try:
            for chunk in http.stream(path):
                lines += chunk.count(b"\n")
                size += len(chunk)
        finally:
            done.set()
            watcher.join()
        seconds = time.perf_counter() - started
        memory = http.memory_kib()
        return {
            "rows": lines - 1,  # the header; the generated values hold no line breaks
            "mb": round(size / 2**20, 1),
            "seconds": round(seconds, 1),
            "rows_per_s": round((lines - 1) / seconds) if seconds else 0,
            "worker_hwm_mb": round(memory.get("VmHWM", 0) / 1024, 1),
            "worker_rss_max_sampled_mb": round(max(peak_rss[0], memory.get("VmRSS", 0)) / 1024, 1),
            "load": loadavg(),
        }

    before = http.memory_kib()
    result = {"worker_hwm_before_mb": round(before.get("VmHWM", 0) / 1024, 1)}
    result["first"] = one(f"{csv_base}?_stream=on&_id__lte={first}")
    result["whole"] = one(f"{csv_base}?_stream=on")
    result["growth_mb"] = round(result["whole"]["worker_hwm_mb"] - result["first"]["worker_hwm_mb"], 1)
    result["expected_rows"] = rows
    return result


# -- processes -----------------------------------------------------------------------------------
def environment(args: argparse.Namespace, main_url: str, store_url: str) -> dict[str, str]:
    from cryptography.fernet import Fernet

    reader = urllib.parse.urlparse(store_url)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LONTAR_", "DATABASE_URL", "DATASTORE_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.prod",
        LONTAR_SECRET_KEY=secrets.token_urlsafe(64),
        LONTAR_FIELD_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
        LONTAR_SECURE_SSL_REDIRECT="false",
        LONTAR_ALLOWED_HOSTS="127.0.0.1,localhost",
        LONTAR_BASE_URL=f"http://127.0.0.1:{args.port}",
        LONTAR_DATA_DIR=str(args.workdir),
        LONTAR_STATIC_ROOT=str(args.workdir / "static"),
        LONTAR_LOG_LEVEL="WARNING",
        DATABASE_URL=main_url,
        DATASTORE_DATABASE_URL=store_url,
        DATASTORE_READONLY_DATABASE_URL=f"postgres://{READER}:bench-only@{reader.hostname}:{reader.port or 5432}"
        f"{reader.path}",
        PYTHONPATH=str(ROOT),
    )
    return env


def manage(env: dict[str, str], *command: str) -> str:
    done = subprocess.run(
        [str(BIN / "python"), "manage.py", *command], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        sys.exit(f"manage.py {command[0]} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def ingest(env: dict[str, str], path: Path, rows: int, workdir: Path) -> dict[str, Any]:
    """datastore_load as a child: wall, CPU (wait4), rows/s, the child's own VmHWM."""
    out, err = workdir / "load.out", workdir / "load.err"
    command = [str(BIN / "python"), str(PEAK_RSS), "datastore_load", str(path), "--resource", RESOURCE]
    command += ["--activate", "--public", "--no-progress", "-v", "2"]
    load_before = loadavg()
    started = time.monotonic()
    with out.open("w") as stdout, err.open("w") as stderr:
        child = subprocess.Popen(command, cwd=ROOT, env=env, stdout=stdout, stderr=stderr)
        _pid, status, usage = os.wait4(child.pid, 0)
    wall = time.monotonic() - started
    text, errors = out.read_text(), err.read_text()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"datastore_load failed:\n{errors[-3000:]}")
    peak = next(int(ln.split()[1]) for ln in reversed(errors.splitlines()) if ln.startswith("PEAK_RSS_KIB "))
    timings = next((ln for ln in text.splitlines() if ln.startswith("timings: ")), "")
    return {
        "wall_s": round(wall, 1),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 1),
        "rows_per_s": round(rows / wall),
        "peak_rss_mb": round(peak / 1024, 1),
        "timings": timings.removeprefix("timings: "),
        "load_before": load_before,
        "load_after": loadavg(),
    }


def table_facts(store_url: str) -> dict[str, Any]:
    import psycopg

    with psycopg.connect(store_url) as conn:
        name = conn.execute(
            "SELECT relname FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace "
            "ORDER BY pg_total_relation_size(oid) DESC LIMIT 1"
        ).fetchone()[0]
        table, total = conn.execute(
            "SELECT pg_relation_size(%s::regclass), pg_total_relation_size(%s::regclass)", [name, name]
        ).fetchone()
        indexes = [r[0] for r in conn.execute("SELECT indexdef FROM pg_indexes WHERE tablename = %s", [name])]
    return {"table": name, "heap_mb": round(table / 2**20), "total_mb": round(total / 2**20), "indexes": indexes}


def start_server(env: dict[str, str], args: argparse.Namespace) -> subprocess.Popen:
    command = [
        str(BIN / "gunicorn"),
        "config.wsgi:application",
        f"--bind=127.0.0.1:{args.port}",
        "--workers=1",
        f"--threads={args.threads}",
        "--worker-class=gthread",
        "--timeout=600",
        "--log-level=warning",
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)
    url = f"http://127.0.0.1:{args.port}/data/{RESOURCE}.json?_size=1"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"gunicorn stopped (exit code {server.returncode})")
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.5)
    stop_server(server)
    sys.exit(f"no answer from {url} within 90 s")


stop_server = stop_process_group


def worker_of(master: int) -> int:
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == master:
                return int(stat.parent.name)
    sys.exit("no gunicorn worker found")


# -- plans (child mode, with the server's environment) -------------------------------------------
def explain(urls: list[str]) -> dict[str, list[dict[str, Any]]]:
    """EXPLAIN (ANALYZE, BUFFERS) of every statement the JSON view runs for each URL."""
    import django

    django.setup()
    import psycopg
    from django.http import QueryDict

    from lontar.datastore.query import engine
    from lontar.datastore.query import params as qp
    from lontar.datastore.query.table import TableReader
    from lontar.datastore.selectors import public_table
    from lontar.datastore.views import data

    captured: list[tuple[str, list[Any]]] = []
    real = engine.run

    def recording(sql: str, params: Any = (), **kwargs: Any) -> Any:
        captured.append((sql, list(params or ())))
        return real(sql, params, **kwargs)

    engine.run = recording  # type: ignore[assignment]
    conninfo = os.environ["DATASTORE_DATABASE_URL"]
    plans: dict[str, list[dict[str, Any]]] = {}
    for url in urls:
        captured.clear()
        reader = TableReader(public_table(RESOURCE))
        query = qp.parse(QueryDict(urllib.parse.urlparse(url).query), reader.columns)
        data._read(reader, query, facets=False)
        plans[url] = []
        with psycopg.connect(conninfo) as conn:
            for sql, params in captured:
                rows = conn.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params).fetchall()
                plans[url].append({"sql": sql, "params": params, "plan": "\n".join(r[0] for r in rows)})
    return plans


def plans_of(env: dict[str, str], urls: list[str]) -> dict[str, Any]:
    done = subprocess.run(
        [str(BIN / "python"), __file__, "--explain", *urls], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        return {"error": done.stderr[-2000:]}
    return json.loads(done.stdout.strip().splitlines()[-1])


# -- report --------------------------------------------------------------------------------------
def verdict_rows(result: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """(what, target, figure, met) for the table."""
    rows: list[tuple[str, str, str, str]] = []
    if load := result.get("ingest"):
        rows.append(
            (
                f"ingest {result['rows']:,} rows (datastore_load)",
                "reported",
                f"{load['wall_s']} s wall, {load['cpu_s']} s CPU, {load['rows_per_s']:,} rows/s "
                f"[load {load['load_before']} → {load['load_after']}]",
                "-",
            )
        )
        rows.append(("  ingest peak RSS (VmHWM of the child)", "flat", f"{load['peak_rss_mb']} MB", "-"))
    for shape, r in result.get("shapes", {}).items():
        met = "met" if r["p95_ms"] <= TARGET_P95_MS else "NOT met"
        figure = f"p95 {r['p95_ms']} ms (p50 {r['p50_ms']}, max {r['max_ms']}, n={r['n']}) [load {r['load']}]"
        if r.get("count_null"):
            figure += f"; count null in {r['count_null']}"
        rows.append((shape, f"p95 ≤ {TARGET_P95_MS:.0f} ms", figure, met))
    if stream := result.get("stream"):
        whole = stream["whole"]
        rows.append(
            (
                "CSV stream, whole table",
                f"{stream['expected_rows']:,} rows",
                f"{whole['rows']:,} rows, {whole['mb']} MB in {whole['seconds']} s "
                f"({whole['rows_per_s']:,} rows/s) [load {whole['load']}]",
                "met" if whole["rows"] == stream["expected_rows"] else "NOT met",
            )
        )
        rows.append(
            (
                "  worker VmHWM after first / whole stream",
                f"growth ≤ {STREAM_GROWTH_MB:.0f} MB",
                f"{stream['first']['worker_hwm_mb']} → {whole['worker_hwm_mb']} MB "
                f"(+{stream['growth_mb']}; before streams {stream['worker_hwm_before_mb']})",
                "met" if stream["growth_mb"] <= STREAM_GROWTH_MB else "NOT met",
            )
        )
    return rows


def report(result: dict[str, Any]) -> list[str]:
    rows = verdict_rows(result)
    width = max(len(r[0]) for r in rows) if rows else 10
    lines = [f"{'':{width}}  {'target':<22}{'met':<9}figure"]
    lines += [f"{what:{width}}  {target:<22}{met:<9}{figure}" for what, target, figure, met in rows]
    return lines


def print_plans(plans: Any) -> None:
    if not isinstance(plans, dict) or "error" in plans:
        print(f"no plans: {plans}")
        return
    for url, statements in plans.items():
        print(f"\n{url}")
        for statement in statements:
            print(f"  {statement['sql']}  {statement['params']}\n    " + statement["plan"].replace("\n", "\n    "))


def save(target: Path, result: dict[str, Any]) -> None:
    target.write_text(json.dumps(result, indent=2, default=str))


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.explain is not None:
        print(json.dumps(explain(args.explain), default=str))
        return 0
    args.workdir.mkdir(parents=True, exist_ok=True)
    result: dict[str, Any] = {"rows": args.rows, "started": f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC"}
    main_url, store_url = postgres_databases([args.main_db, args.store_db], fresh=not args.reuse)
    env = environment(args, main_url, store_url)
    path = args.workdir / f"desa-{args.rows}.csv"
    if not args.reuse:
        free = shutil.disk_usage(args.workdir).free
        need = args.rows * 95 + args.rows * 400  # the CSV, the table and its indexes (generous)
        if free < need:
            sys.exit(f"{free / 2**30:.1f} GB free under {args.workdir}; about {need / 2**30:.1f} GB needed")
        stamp(f"generating {args.rows:,} rows into {path}")
        started = time.monotonic()
        if not path.exists():
            write_rows(path, args.rows, args.unique)
        result["generate_s"] = round(time.monotonic() - started, 1)
        result["unique_rows"] = min(args.unique, args.rows)
        result["csv_mb"] = round(path.stat().st_size / 2**20)
        stamp("migrating, regions, read-only role")
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "load_regions")
        manage(env, "datastore_reader_setup")
        stamp(f"loading {result['csv_mb']:,} MB with datastore_load")
        result["ingest"] = ingest(env, path, args.rows, args.workdir)
        stamp(f"loaded: {result['ingest']}")
        codes = first_codes(path)
        (args.workdir / "codes.json").write_text(json.dumps(codes))
        if not args.keep_csv:
            path.unlink()
    else:
        codes = json.loads((args.workdir / "codes.json").read_text())
    result["table"] = table_facts(store_url)
    OUT.mkdir(exist_ok=True)
    target = OUT / f"datastore-scale-{time.strftime('%Y%m%d-%H%M%S')}.json"
    server = start_server(env, args)
    try:
        http = Http(f"http://127.0.0.1:{args.port}", worker_of(server.pid))
        base = f"/data/{RESOURCE}.json"
        stamp(f"query shapes, {args.requests} requests each")
        result["shapes"] = run_shapes(http, base, codes, args.rows, args.requests)
        stamp("plans of the last request of each shape")
        result["plans"] = plans_of(env, [r["url"] for r in result["shapes"].values()])
        print_plans(result["plans"])
        save(target, result)
        if not args.no_stream:
            stamp("CSV streams")
            first = min(args.first_stream, args.rows)
            result["stream"] = run_stream(http, f"/data/{RESOURCE}.csv", first, args.rows)
    finally:
        stop_server(server)
    lines = report(result)
    print("\n" + "\n".join(lines))
    print(f"PostgreSQL {PG_SERVER}; table {result['table']['total_mb']:,} MB with indexes")
    save(target, {**result, "table_lines": lines})
    print(f"results: {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
