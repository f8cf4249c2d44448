"""Datastore benchmark: (a) load 1,000,000 rows against sqlite-utils, (b) serve them against Datasette.

    .venv/bin/python bench/datastore.py [--rows 1000000] [--part a|b|both] [--repeat 1]
                                        [--duration 15] [--concurrency 8] [--threads 4]

(a) Generates a CSV of ``--rows`` village rows ("data contoh": desa codes from the real
Kemendagri list, year, integers, decimals, a date, text) into bench/out/datastore/, then loads it
in the same run with ``manage.py datastore_load`` (types inferred from every value, validation
report, indexes on the filterable columns) and with ``sqlite-utils insert --csv`` (type
detection on; then the same indexes with ``sqlite-utils create-index``). Each tool is a child
process: wall time, CPU time and peak memory (max RSS from wait4) are measured per process.

(b) Serves the loaded table with Lontar (gunicorn, one worker process, ``--threads`` threads)
and with ``datasette serve`` (one process; its default three SQL threads) on the same SQLite
file, and loads three query shapes with wrk at the same concurrency: an indexed equality
filter sorted by another column (100 rows), a range filter (100 rows), and the page after 50
keyset pages. It prints requests/s, p50/p95 latency and the server CPU per request, and
writes everything to bench/out/datastore-<time>.json (gitignored).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import random
import secrets
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchlib import stop_process_group

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
OUT = Path(__file__).resolve().parent / "out"
WORK = OUT / "datastore"
LUA = Path(__file__).resolve().parent / "datastore_wrk.lua"
RESOURCE = "bench/desa"
STATUSES = ("Mandiri", "Maju", "Berkembang", "Tertinggal", "Sangat Tertinggal")
TARGET_RATIO, TARGET_SECONDS, TARGET_P95_MS = 3.0, 15.0, 50.0


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument(
        "--part",
        choices=("a", "b", "both", "layout"),
        default="both",
        help="layout: Lontar's ingest with table layout detection on and off, runs interleaved",
    )
    parser.add_argument("--repeat", type=int, default=1, help="ingest runs per tool; the best is reported")
    parser.add_argument("--duration", type=int, default=15, help="seconds of load per query shape and server")
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=8, help="open connections (both servers)")
    parser.add_argument("--threads", type=int, default=4, help="threads of Lontar's single gunicorn worker")
    parser.add_argument("--regenerate", action="store_true", help="write the CSV again")
    return parser.parse_args(argv)


# -- data ----------------------------------------------------------------------------------------
def generate(path: Path, rows: int) -> None:
    """Deterministic synthetic village rows, labelled "data contoh" in every row."""
    regions = ROOT / "data" / "reference" / "ntt_wilayah_kemendagri_2025.csv"
    with regions.open(encoding="utf-8") as fh:
        villages = [(r["kode"], r["nama"]) for r in csv.DictReader(fh) if r["tingkat"] in ("desa", "kelurahan")]
    rng = random.Random(20240817)
    start = dt.date(2015, 1, 1)
    header = "kode_desa,nama_desa,tahun,jumlah_penduduk,jumlah_kk,luas_km2,dana_desa,persen_miskin,"
    header += "status_desa,tanggal_pendataan,keterangan\n"
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write(header)
        writer = csv.writer(fh, lineterminator="\n")
        for _ in range(rows):
            code, name = villages[rng.randrange(len(villages))]
            people = rng.randint(200, 12000)
            writer.writerow(
                (
                    code,
                    name,
                    rng.randint(2015, 2024),
                    people,
                    people // 4,
                    f"{rng.uniform(0.5, 250):.2f}",
                    rng.randint(500_000_000, 2_000_000_000),
                    f"{rng.uniform(0, 60):.2f}",
                    STATUSES[rng.randrange(5)],
                    (start + dt.timedelta(days=rng.randrange(3650))).isoformat(),
                    "data contoh",
                )
            )


# -- processes -----------------------------------------------------------------------------------
def environment(port: int = 8000) -> dict[str, str]:
    """Production settings with throwaway secrets, on SQLite files under bench/out/datastore."""
    from cryptography.fernet import Fernet

    env = {k: v for k, v in os.environ.items() if not k.startswith(("LONTAR_", "DATABASE_URL", "DATASTORE_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.prod",
        LONTAR_SECRET_KEY=secrets.token_urlsafe(64),
        LONTAR_FIELD_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
        LONTAR_SECURE_SSL_REDIRECT="false",
        LONTAR_ALLOWED_HOSTS="127.0.0.1,localhost",
        LONTAR_BASE_URL=f"http://127.0.0.1:{port}",
        LONTAR_DATA_DIR=str(WORK),
        LONTAR_STATIC_ROOT=str(WORK / "static"),
        LONTAR_LOG_LEVEL="WARNING",
        DATABASE_URL=f"sqlite:///{WORK / 'lontar.sqlite3'}",
        DATASTORE_DATABASE_URL=f"sqlite:///{WORK / 'datastore.sqlite3'}",
        PYTHONPATH=str(ROOT),
    )
    return env


def run_child(command: list[str], env: dict[str, str] | None = None) -> dict[str, Any]:
    started = time.monotonic()
    child = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    )
    out = child.stdout.read().decode()  # the child writes little: no deadlock on the pipes
    err = child.stderr.read().decode()
    _pid, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        sys.exit(f"{' '.join(command[:3])} failed:\n{err[-3000:]}")
    return {
        "wall_s": round(time.monotonic() - started, 2),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
        "max_rss_mb": round(usage.ru_maxrss / 1024, 1),
        "stdout": out,
    }


def prepare_base() -> Path:
    """A migrated main database with the NTT regions, made once and copied for every run."""
    base = WORK / "base.sqlite3"
    if not base.exists():
        print("preparing a main database (migrate, load_regions)…", flush=True)
        for name in ("lontar.sqlite3", "lontar.sqlite3-wal", "lontar.sqlite3-shm"):
            (WORK / name).unlink(missing_ok=True)
        env = environment()
        run_child([str(BIN / "python"), "manage.py", "migrate", "--noinput", "-v", "0"], env)
        run_child([str(BIN / "python"), "manage.py", "load_regions"], env)
        with sqlite3.connect(WORK / "lontar.sqlite3") as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        shutil.copy(WORK / "lontar.sqlite3", base)
    return base


def fresh_databases(base: Path) -> None:
    for name in ("lontar.sqlite3", "datastore.sqlite3"):
        for suffix in ("", "-wal", "-shm"):
            (WORK / f"{name}{suffix}").unlink(missing_ok=True)
    shutil.copy(base, WORK / "lontar.sqlite3")


# -- (a) ingest ----------------------------------------------------------------------------------
def ingest_lontar(path: Path, base: Path, extra: tuple[str, ...] = ()) -> dict[str, Any]:
    fresh_databases(base)
    command = [str(BIN / "python"), "manage.py", "datastore_load", str(path), "--resource", RESOURCE, *extra]
    result = run_child([*command, "--activate", "--public", "--no-progress", "-v", "2"], environment())
    line = next(ln for ln in result.pop("stdout").splitlines() if ln.startswith("timings: "))
    phases = dict(part.rsplit(" ", 2)[:2] for part in line.removeprefix("timings: ").split("; ")[0].split(", "))
    result["phases_s"] = {k: float(v) for k, v in phases.items()}
    result["without_indexes_s"] = round(result["wall_s"] - result["phases_s"].get("indexing", 0.0), 2)
    with sqlite3.connect(WORK / "lontar.sqlite3") as conn:
        table, columns = conn.execute(
            "SELECT table_name, columns FROM datastore_datastoretable WHERE resource_key = ? AND status = 'active'",
            [RESOURCE],
        ).fetchone()
    result["table"] = table
    result["indexed"] = [c["name"] for c in json.loads(columns) if c["indexed"]]
    result["types"] = {c["name"]: c["type"] for c in json.loads(columns)}
    return result


def ingest_sqlite_utils(path: Path, indexed: list[str]) -> dict[str, Any]:
    target = WORK / "sqlite_utils.sqlite3"
    target.unlink(missing_ok=True)
    tool = str(BIN / "sqlite-utils")
    help_text = subprocess.run([tool, "insert", "--help"], capture_output=True, text=True).stdout
    detect = ["--detect-types"] if "--detect-types" in help_text else []  # 4.x detects by default
    insert = run_child([tool, "insert", str(target), "t", str(path), "--csv", *detect])
    insert.pop("stdout")
    index_runs = [run_child([tool, "create-index", str(target), "t", column]) for column in indexed]
    with sqlite3.connect(target) as conn:
        types = {row[1]: row[2] for row in conn.execute("PRAGMA table_info(t)")}
    return {
        "command": f"sqlite-utils insert --csv {' '.join(detect)}".strip(),
        "insert": insert,
        "indexes_wall_s": round(sum(r["wall_s"] for r in index_runs), 2),
        "indexes_max_rss_mb": max((r["max_rss_mb"] for r in index_runs), default=0),
        "with_indexes_s": round(insert["wall_s"] + sum(r["wall_s"] for r in index_runs), 2),
        "types": types,
    }


def part_a(path: Path, args: argparse.Namespace) -> dict[str, Any]:
    base = prepare_base()
    lontar = min((ingest_lontar(path, base) for _ in range(args.repeat)), key=lambda r: r["wall_s"])
    print(f"  Lontar: {lontar['wall_s']} s", flush=True)
    peer = min(
        (ingest_sqlite_utils(path, lontar["indexed"]) for _ in range(args.repeat)), key=lambda r: r["with_indexes_s"]
    )
    print(f"  sqlite-utils: {peer['with_indexes_s']} s", flush=True)
    return {"lontar": lontar, "sqlite_utils": peer}


def part_layout(path: Path, args: argparse.Namespace) -> dict[str, Any]:
    """The same ingest with table layout detection on and off (``--no-layout``), interleaved so
    that the machine's load falls on both alike; the best run of each is compared."""
    base = prepare_base()
    runs: dict[str, list[dict[str, Any]]] = {"on": [], "off": []}
    for _ in range(args.repeat):
        for mode, extra in (("on", ()), ("off", ("--no-layout",))):
            runs[mode].append(ingest_lontar(path, base, extra))
            print(f"  layout {mode}: {runs[mode][-1]['wall_s']} s", flush=True)
    return {mode: min(results, key=lambda r: r["wall_s"]) for mode, results in runs.items()}


def report_layout(result: dict[str, Any], rows: int) -> list[str]:
    on, off = result["on"], result["off"]
    lines = [f"layout detection, ingest of {rows:,} rows, best of the runs (wall s / CPU s / reading phase s)"]
    for mode, r in (("on", on), ("off", off)):
        lines.append(
            f"  detection {mode:<4}{r['wall_s']:>8.2f}{r['cpu_s']:>8.2f}{r['phases_s'].get('reading', 0.0):>8.2f}"
        )
    wall = (on["wall_s"] / off["wall_s"] - 1) * 100 if off["wall_s"] else 0.0
    cpu = (on["cpu_s"] / off["cpu_s"] - 1) * 100 if off["cpu_s"] else 0.0
    lines.append(f"  on vs off: {wall:+.1f} % wall, {cpu:+.1f} % CPU (target: at most +10 %)")
    return lines


# -- (b) serving ---------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(server: subprocess.Popen, url: str) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"server stopped (exit code {server.returncode}) before answering {url}")
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    stop(server)
    sys.exit(f"no answer from {url} within 90 s")


stop = stop_process_group


def start_lontar(args: argparse.Namespace) -> tuple[subprocess.Popen, str]:
    port = free_port()
    command = [
        str(BIN / "gunicorn"),
        "config.wsgi:application",
        f"--bind=127.0.0.1:{port}",
        "--workers=1",
        f"--threads={args.threads}",
        "--worker-class=gthread",
        "--backlog=2048",
        "--log-level=warning",
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=environment(port), start_new_session=True)
    base = f"http://127.0.0.1:{port}/data/{RESOURCE}.json"
    wait_until_up(server, f"{base}?_size=1")
    return server, base


def start_datasette(table: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    command = [str(BIN / "datasette"), "serve", str(WORK / "datastore.sqlite3"), "--port", str(port)]
    command += ["--setting", "sql_time_limit_ms", "1000"]
    server = subprocess.Popen(
        command, cwd=ROOT, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}/datastore/{table}.json"
    wait_until_up(server, f"{base}?_size=1")
    return server, base


def fetch(url: str) -> dict[str, Any]:
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.loads(response.read())


def deep_page(base: str, pages: int = 50) -> str:
    """The URL of the page after ``pages`` keyset pages of 100 rows, found by walking them."""
    token = None
    for _ in range(pages):
        url = f"{base}?_size=100" + (f"&_next={urllib.parse.quote(str(token))}" if token else "")
        token = fetch(url)["next"]
    return f"{base}?_size=100&_next={urllib.parse.quote(str(token))}"


def shapes(base: str, code: str) -> dict[str, str]:
    return {
        "equality + sort": f"{base}?kode_desa__exact={code}&_sort=tahun&_size=100",
        "range": f"{base}?jumlah_penduduk__gte=5000&jumlah_penduduk__lt=5120&_size=100",
        "keyset page 51": deep_page(base),
    }


def process_cpu_seconds(root_pid: int) -> float:
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if root_pid in (int(stat.parent.name), int(fields[1])):
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def wrk(url: str, seconds: int, args: argparse.Namespace) -> dict[str, Any]:
    command = [shutil.which("wrk") or "wrk", "-t2", f"-c{args.concurrency}", f"-d{seconds}s", "--timeout", "10s"]
    output = subprocess.run([*command, "-s", str(LUA), url], check=True, capture_output=True, text=True).stdout
    return json.loads(next(ln for ln in output.splitlines() if ln.startswith("DS_BENCH ")).removeprefix("DS_BENCH "))


def load_shape(server: subprocess.Popen, url: str, args: argparse.Namespace) -> dict[str, Any]:
    if args.warmup:
        wrk(url, args.warmup, args)
    before = process_cpu_seconds(server.pid)
    raw = wrk(url, args.duration, args)
    cpu = process_cpu_seconds(server.pid) - before
    requests = max(raw["requests"], 1)
    return {
        "requests_per_s": round(raw["requests"] / (raw["duration_us"] / 1e6), 1),
        "p50_ms": raw["p50_us"] / 1000,
        "p95_ms": raw["p95_us"] / 1000,
        "p99_ms": raw["p99_us"] / 1000,
        "errors": raw["non200"] + raw["socket_errors"],
        "kb_per_response": round(raw["bytes"] / requests / 1024, 1),
        "server_cpu_ms": round(cpu * 1000 / requests, 2),
        "url": url,
    }


def ensure_loaded(path: Path) -> str:
    db = WORK / "lontar.sqlite3"
    if db.exists():
        with sqlite3.connect(db) as conn:
            row = conn.execute(
                "SELECT table_name FROM datastore_datastoretable WHERE resource_key = ? AND status = 'active'",
                [RESOURCE],
            ).fetchone()
        if row:
            return row[0]
    return ingest_lontar(path, prepare_base())["table"]


def part_b(path: Path, args: argparse.Namespace) -> dict[str, Any]:
    table = ensure_loaded(path)
    with path.open(encoding="utf-8") as fh:
        fh.readline()
        code = fh.readline().split(",", 1)[0]
    results: dict[str, Any] = {}
    for name, start in (("Lontar", lambda: start_lontar(args)), ("Datasette", lambda: start_datasette(table))):
        server, base = start()
        try:
            for shape, url in shapes(base, code).items():
                print(f"  {name}: {shape} for {args.duration} s at {args.concurrency} connections…", flush=True)
                results.setdefault(shape, {})[name] = load_shape(server, url, args)
        finally:
            stop(server)
    return results


# -- report --------------------------------------------------------------------------------------
def ratio(a: float, b: float) -> str:
    return f"{a / b:.1f}×" if b else "-"


def report_a(a: dict[str, Any], rows: int, size_mb: float) -> list[str]:
    lt, su = a["lontar"], a["sqlite_utils"]
    phases = ", ".join(f"{k} {v:.1f} s" for k, v in lt["phases_s"].items())
    lines = [
        f"(a) ingest {rows:,} rows ({size_mb:.1f} MB CSV), best of the runs; each tool a separate process",
        f"{'':52}{'wall s':>9}{'CPU s':>9}{'max RSS MB':>12}",
        f"{'Lontar datastore_load (types, report, indexes)':52}{lt['wall_s']:>9.1f}{lt['cpu_s']:>9.1f}"
        f"{lt['max_rss_mb']:>12.0f}",
        f"{'  phases: ' + phases:52}",
        f"{'Lontar without the index phase':52}{lt['without_indexes_s']:>9.1f}",
        f"{su['command']:52}{su['insert']['wall_s']:>9.1f}{su['insert']['cpu_s']:>9.1f}"
        f"{su['insert']['max_rss_mb']:>12.0f}",
        f"{'sqlite-utils + create-index × ' + str(len(lt['indexed'])):52}{su['with_indexes_s']:>9.1f}"
        f"{'':>9}{su['indexes_max_rss_mb']:>12.0f}",
        f"ratio sqlite-utils / Lontar: {ratio(su['with_indexes_s'], lt['wall_s'])} with indexes, "
        f"{ratio(su['insert']['wall_s'], lt['without_indexes_s'])} without",
        f"target ≥ {TARGET_RATIO:.0f}× and ≤ {TARGET_SECONDS:.0f} s: "
        + (
            "met"
            if su["with_indexes_s"] / lt["wall_s"] >= TARGET_RATIO and lt["wall_s"] <= TARGET_SECONDS
            else "NOT met"
        ),
        f"types — Lontar: {lt['types']}",
        f"types — sqlite-utils: {su['types']}",
    ]
    return lines


def report_b(b: dict[str, Any], args: argparse.Namespace) -> list[str]:
    lines = [
        f"(b) serving, {args.concurrency} connections, {args.duration} s per shape; Lontar: gunicorn 1 worker × "
        f"{args.threads} threads; Datasette: 1 process (3 SQL threads)",
        f"{'shape':<18}{'server':<11}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'errors':>8}{'KB/resp':>9}"
        f"{'CPU ms/req':>12}",
    ]
    for shape, servers in b.items():
        for name, r in servers.items():
            lines.append(
                f"{shape:<18}{name:<11}{r['requests_per_s']:>8.0f}{r['p50_ms']:>9.1f}{r['p95_ms']:>9.1f}"
                f"{r['errors']:>8}{r['kb_per_response']:>9.1f}{r['server_cpu_ms']:>12.2f}"
            )
        lt, ds = servers["Lontar"], servers["Datasette"]
        met = lt["requests_per_s"] >= ds["requests_per_s"] and lt["p95_ms"] <= TARGET_P95_MS and not lt["errors"]
        lines.append(
            f"{'':<18}{'ratio':<11}{ratio(lt['requests_per_s'], ds['requests_per_s']):>8}"
            f"{'':>18}{'':>17}{ratio(ds['server_cpu_ms'], lt['server_cpu_ms']):>12}"
            f"  target {'met' if met else 'NOT met'}"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    WORK.mkdir(parents=True, exist_ok=True)
    path = WORK / f"desa-{args.rows}.csv"
    if args.regenerate or not path.exists():
        print(f"generating {args.rows:,} rows into {path.relative_to(ROOT)}…", flush=True)
        generate(path, args.rows)
    load_before = os.getloadavg()[0]
    results: dict[str, Any] = {"rows": args.rows, "csv_mb": round(path.stat().st_size / 2**20, 1)}
    lines: list[str] = []
    if args.part in ("a", "both"):
        print("(a) ingest", flush=True)
        results["ingest"] = part_a(path, args)
        lines += report_a(results["ingest"], args.rows, results["csv_mb"])
    if args.part == "layout":
        print("layout detection on/off", flush=True)
        results["layout"] = part_layout(path, args)
        lines += report_layout(results["layout"], args.rows)
    if args.part in ("b", "both"):
        print("(b) serving", flush=True)
        results["serve"] = part_b(path, args)
        lines += ["", *report_b(results["serve"], args)]
    setup = f"{os.cpu_count()} CPUs shared with other work; load average {load_before:.1f} before, "
    setup += f"{os.getloadavg()[0]:.1f} after (CPU times are the steadier figures on a busy machine)"
    print("\n" + "\n".join([*lines, "", setup]))
    report = OUT / f"datastore-{time.strftime('%Y%m%d-%H%M%S')}.json"
    report.write_text(json.dumps({**results, "setup": setup}, indent=2, default=str))
    print(f"results: {report.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
