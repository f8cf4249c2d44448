"""Page benchmark: the directory, one organisation page and the organisations API under load.

    .venv/bin/python bench/pages.py [--duration 20] [--concurrency 32] [--db sqlite|postgres|both]

For each database it prepares a throwaway database (migrate, load_regions, load_organisations),
collects static files, serves the app with gunicorn (production settings, DEBUG off, a generated
secret, no SSL redirect) on 127.0.0.1 and loads each URL with ``wrk`` for ``--duration`` seconds
at ``--concurrency`` connections. It prints requests/s, p50/p95/p99 latency and errors per URL
and writes the results to ``bench/out/pages-<time>.json`` (gitignored). See bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path

from benchlib import postgres_databases, stop_process_group

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
LUA = Path(__file__).resolve().parent / "report.lua"
OUT = Path(__file__).resolve().parent / "out"
PG_DATABASES = ("lontar_bench", "lontar_bench_ds")
URLS = ("/organisasi/", "/organisasi/pemkab-kupang/", "/api/v1/organisations")
TARGET_P95_MS = 50.0


@dataclass
class Result:
    db: str
    url: str
    requests_per_s: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    requests: int
    errors: int
    kb_per_response: float
    server_cpu_ms: float  # gunicorn CPU time (all processes) per request: independent of other load


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=20, help="seconds of load per URL (default 20)")
    parser.add_argument("--concurrency", type=int, default=32, help="open connections (default 32)")
    parser.add_argument("--db", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes (default 2 = cores)")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker (default 4)")
    parser.add_argument("--port", type=int, default=0, help="port to serve on (default: a free one)")
    parser.add_argument("--warmup", type=int, default=3, help="seconds of warm-up load per URL")
    parser.add_argument("--gzip", action="store_true", help="send Accept-Encoding: gzip like a browser")
    parser.add_argument("--url", action="append", dest="urls", help="a path to load instead of the default three")
    return parser.parse_args(argv)


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    print("wrk is not installed; installing it with apt-get (Debian package 'wrk')…", flush=True)
    subprocess.run(["apt-get", "install", "-y", "wrk"], check=True, stdout=subprocess.DEVNULL)
    found = shutil.which("wrk")
    if not found:
        sys.exit("wrk could not be installed; install it (apt-get install wrk) and run again.")
    return found


def environment(db: str, workdir: Path, port: int) -> dict[str, str]:
    """Production settings with throwaway secrets; DEBUG off, no SSL redirect (plain HTTP on 127.0.0.1)."""
    from cryptography.fernet import Fernet

    if db == "postgres":
        main_url, datastore_url = postgres_databases(PG_DATABASES)
    else:
        main_url = f"sqlite:///{workdir / 'lontar.sqlite3'}?conn_max_age=60"
        datastore_url = f"sqlite:///{workdir / 'datastore.sqlite3'}"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LONTAR_", "DATABASE_URL", "DATASTORE_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.prod",
        LONTAR_SECRET_KEY=secrets.token_urlsafe(64),
        LONTAR_FIELD_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
        LONTAR_DEBUG="false",
        LONTAR_SECURE_SSL_REDIRECT="false",
        LONTAR_ALLOWED_HOSTS="127.0.0.1,localhost",
        LONTAR_BASE_URL=f"http://127.0.0.1:{port}",
        LONTAR_DATA_DIR=str(workdir),
        LONTAR_STATIC_ROOT=str(workdir / "static"),
        LONTAR_MEDIA_ROOT=str(workdir / "media"),
        LONTAR_LOG_LEVEL="WARNING",
        DATABASE_URL=main_url,
        DATASTORE_DATABASE_URL=datastore_url,
        PYTHONPATH=str(ROOT),
    )
    return env


def prepare(env: dict[str, str]) -> None:
    steps = [
        ["migrate", "--noinput", "-v", "0"],
        ["load_regions"],
        ["load_organisations"],
        ["collectstatic", "--noinput", "-v", "0"],
        ["compilemessages", "--ignore=.venv", "--ignore=var", "--ignore=bench", "-v", "0"],
    ]
    for step in steps:
        started = time.monotonic()
        done = subprocess.run([str(PYTHON), "manage.py", *step], cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
        if done.returncode and step[0] != "compilemessages":  # a broken catalogue only costs translations
            sys.exit(f"manage.py {step[0]} failed")
        print(f"  {step[0]}: {time.monotonic() - started:.1f} s", flush=True)


def start_server(env: dict[str, str], args: argparse.Namespace) -> subprocess.Popen:
    command = [
        str(GUNICORN),
        "config.wsgi:application",
        f"--bind=127.0.0.1:{args.port}",
        f"--workers={args.workers}",
        f"--threads={args.threads}",
        "--worker-class=gthread",
        "--backlog=2048",
        "--log-level=warning",
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"gunicorn stopped (exit code {server.returncode}); is port {args.port} free?")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{args.port}{URLS[0]}", timeout=5) as response:
                if response.status == 200:
                    return server
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.5)
    stop_server(server)
    sys.exit("gunicorn did not answer within 60 s")


stop_server = stop_process_group


def run_wrk(wrk: str, url: str, seconds: int, args: argparse.Namespace) -> dict:
    threads = max(1, min(2, args.concurrency))
    command = [wrk, f"-t{threads}", f"-c{args.concurrency}", f"-d{seconds}s", "--timeout", "10s", "-s", str(LUA), url]
    env = {**os.environ, "BENCH_ACCEPT_ENCODING": "gzip, deflate" if args.gzip else ""}
    output = subprocess.run(command, check=True, capture_output=True, text=True, env=env).stdout
    line = next(ln for ln in output.splitlines() if ln.startswith("BENCH_JSON "))
    return json.loads(line.removeprefix("BENCH_JSON "))


def process_tree_cpu_seconds(root_pid: int) -> float:
    """User + system CPU seconds of ``root_pid`` and its children (Linux /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid, ppid = int(stat.parent.name), int(fields[1])
        if root_pid in (pid, ppid):
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def to_result(db: str, path: str, raw: dict, cpu_seconds: float) -> Result:
    errors = sum(raw[k] for k in raw if k.startswith("errors_"))
    requests = raw["requests"]
    return Result(
        db=db,
        url=path,
        requests_per_s=round(requests / (raw["duration_us"] / 1e6), 1),
        p50_ms=raw["p50_us"] / 1000,
        p95_ms=raw["p95_us"] / 1000,
        p99_ms=raw["p99_us"] / 1000,
        max_ms=raw["max_us"] / 1000,
        requests=requests,
        errors=errors,
        kb_per_response=round(raw["bytes"] / max(requests, 1) / 1024, 1),
        server_cpu_ms=round(cpu_seconds * 1000 / max(requests, 1), 2),
    )


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def bench_database(db: str, wrk: str, args: argparse.Namespace) -> list[Result]:
    print(f"\n== {db}: preparing a throwaway database", flush=True)
    if not args.port:
        args.port = free_port()
    with tempfile.TemporaryDirectory(prefix=f"lontar-bench-{db}-") as tmp:
        env = environment(db, Path(tmp), args.port)
        prepare(env)
        server = start_server(env, args)
        try:
            results = []
            for path in args.urls or URLS:
                url = f"http://127.0.0.1:{args.port}{path}"
                if args.warmup:
                    run_wrk(wrk, url, args.warmup, args)
                print(f"  loading {path} for {args.duration} s at {args.concurrency} connections…", flush=True)
                cpu_before = process_tree_cpu_seconds(server.pid)
                raw = run_wrk(wrk, url, args.duration, args)
                results.append(to_result(db, path, raw, process_tree_cpu_seconds(server.pid) - cpu_before))
            return results
        finally:
            stop_server(server)


def table(results: list[Result]) -> str:
    header = (
        f"{'db':<9}{'url':<30}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}{'KB/resp':>9}"
        f"{'CPU ms/req':>12}"
    )
    lines = [header, "-" * len(header)]
    for r in results:
        flag = "" if r.p95_ms <= TARGET_P95_MS and r.errors == 0 else "  ← over target"
        lines.append(
            f"{r.db:<9}{r.url:<30}{r.requests_per_s:>9.0f}{r.p50_ms:>9.1f}{r.p95_ms:>9.1f}{r.p99_ms:>9.1f}"
            f"{r.errors:>8}{r.kb_per_response:>9.1f}{r.server_cpu_ms:>12.2f}{flag}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    wrk = ensure_wrk()
    databases = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    load_before = os.getloadavg()
    results = [r for db in databases for r in bench_database(db, wrk, args)]
    setup = (
        f"gunicorn gthread, {args.workers} workers × {args.threads} threads; {os.cpu_count()} CPUs; "
        f"{args.concurrency} connections, {args.duration} s per URL; gzip {'on' if args.gzip else 'off'}; "
        f"load average before: {load_before[0]:.1f}"
    )
    print(f"\n{setup}\n\n{table(results)}\n\ntarget: p95 ≤ {TARGET_P95_MS:.0f} ms and zero errors")
    OUT.mkdir(exist_ok=True)
    report = OUT / f"pages-{time.strftime('%Y%m%d-%H%M%S')}.json"
    report.write_text(json.dumps({"setup": setup, "results": [asdict(r) for r in results]}, indent=2))
    print(f"results: {report.relative_to(ROOT)}")
    return 0 if all(r.errors == 0 for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
