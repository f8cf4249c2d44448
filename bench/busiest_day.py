"""The busiest day (issue 15 §2): many Locust users through the load balancer, a 100 MB CSV ingest meanwhile.

    .venv/bin/python bench/busiest_day.py                       # 200 users, 300 s, page cache as configured
    .venv/bin/python bench/busiest_day.py --page-cache off      # restart both app servers without it first
    .venv/bin/python bench/busiest_day.py --page-cache on       # ... and with it again

Runs against ``make cluster`` (``deploy/cluster.py``; the same ``--run-dir``, ``--port``,
``--redis-db``, ``--database`` name another cluster). ``--page-cache on|off`` restarts web-1 and
web-2 with ``LONTAR_PAGE_CACHE`` set (the whole-page cache of ADR 0010); without it the app servers
are left as they run. It writes a CSV of about ``--csv-mb`` MB once (``<run dir>/busiest/``), starts
``bench/load/locustfile.py`` with ``--users`` users for ``--duration`` seconds, starts
``manage.py datastore_load`` of the CSV once the users have signed in, samples the load average every
10 s, and prints Locust's table (p95 per request type, non-2xx/3xx answers), the ingest's time and
rows, and the load average (min / mean / max of the 1-minute figure during the run).
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchlib import cluster_module

ROOT = Path(__file__).resolve().parents[1]
PYTHON = Path(sys.executable)
BIN = PYTHON.parent


cluster = cluster_module()


def say(message: str) -> None:
    print(f"busiest_day: {time.strftime('%H:%M:%S', time.gmtime())} UTC {message}", flush=True)


def write_csv(path: Path, megabytes: int) -> Path:
    """A CSV of about ``megabytes`` MB: village codes, years, counts, areas, a text column (kept once made)."""
    target = megabytes * 1_000_000
    if path.exists() and path.stat().st_size >= target * 0.95:
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    rng = random.Random(15)
    words = ["uji", "desa pesisir", "desa adat", "kelurahan", "dusun di lereng bukit", "pulau kecil"]
    with path.open("w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["kode_desa", "tahun", "penduduk", "luas_km2", "tanggal", "keterangan"])
        i = 0
        while fh.tell() < target:
            for _ in range(10_000):
                writer.writerow(
                    [
                        f"53{i:08d}",
                        2000 + i % 25,
                        rng.randint(100, 9000),
                        f"{rng.random() * 90:.3f}",
                        f"20{i % 25:02d}-{1 + i % 12:02d}-{1 + i % 28:02d}",
                        rng.choice(words),
                    ]
                )
                i += 1
    return path


class LoadAverage(threading.Thread):
    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.samples: list[float] = []
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(10):
            self.samples.append(os.getloadavg()[0])

    def summary(self) -> str:
        if not self.samples:
            return "no sample"
        mean = sum(self.samples) / len(self.samples)
        return f"min {min(self.samples):.2f} / mean {mean:.2f} / max {max(self.samples):.2f}"


def set_page_cache(layout: Any, on: bool) -> None:
    os.environ["LONTAR_PAGE_CACHE"] = "true" if on else "false"  # passed to the app servers (process_env)
    for index, name in enumerate(("web-1", "web-2")):
        cluster.restart(layout, name)
        cluster.wait_ready(f"http://127.0.0.1:{layout.app_ports[index]}/readyz", timeout=120)
    say(f"web-1 and web-2 restarted with LONTAR_PAGE_CACHE={os.environ['LONTAR_PAGE_CACHE']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--run-dir", default=os.environ.get("LONTAR_CLUSTER_DIR", str(ROOT / "var" / "cluster")))
    parser.add_argument("--port", type=int, default=int(os.environ.get("LONTAR_CLUSTER_PORT", "8740")))
    parser.add_argument("--redis-db", type=int, default=int(os.environ.get("LONTAR_CLUSTER_REDIS_DB", "12")))
    parser.add_argument("--database", default=os.environ.get("LONTAR_CLUSTER_DATABASE", "lontar_cluster"))
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--duration", type=int, default=300, help="seconds of load")
    parser.add_argument("--csv-mb", type=int, default=100, help="size of the CSV ingested meanwhile; 0: none")
    parser.add_argument("--ingest-wait", type=int, default=240, help="seconds to wait for the ingest after the load")
    parser.add_argument("--page-cache", choices=["on", "off"], help="restart the app servers with it on or off")
    args = parser.parse_args(argv)
    run_dir = Path(args.run_dir).resolve()
    layout = cluster.Layout(
        run=run_dir,
        port=args.port,
        redis_db=args.redis_db,
        database=args.database,
        private_redis=cluster.private_redis_port(run_dir),
    )
    if cluster.http_status(f"{layout.base_url}/readyz") != 200:
        raise SystemExit(f"busiest_day: no ready cluster at {layout.base_url} (make cluster)")
    out = layout.run / "busiest"
    source = write_csv(out / f"ingest-{args.csv_mb}mb.csv", args.csv_mb) if args.csv_mb else None
    if args.page_cache:
        set_page_cache(layout, args.page_cache == "on")
    env = cluster.process_env(cluster._read_env(layout.env_file))

    stamp = time.strftime("%Y%m%d-%H%M%S")
    load_env = {
        **os.environ,
        "LOAD_ACK_FILE": str(out / f"acks-{stamp}.jsonl"),
        "LOAD_EVENTS_FILE": str(out / f"events-{stamp}.jsonl"),
    }
    load_argv = [
        str(BIN / "locust"), "-f", str(ROOT / "bench" / "load" / "locustfile.py"), "--headless",
        "-u", str(args.users), "-r", str(max(1, args.users // 10)), "-t", f"{args.duration}s",
        "--host", layout.base_url, "--only-summary", "--loglevel", "ERROR", "--stop-timeout", "10",
    ]  # fmt: skip
    before = os.getloadavg()
    say(f"load: {args.users} users for {args.duration} s through {layout.base_url}; load average {before[0]:.2f}")
    sampler = LoadAverage()
    sampler.start()
    load = subprocess.Popen(
        load_argv, cwd=ROOT, env=load_env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    output: list[str] = []
    reader = threading.Thread(target=lambda: output.extend(load.stdout or []), daemon=True)
    reader.start()

    ingest_note = "no ingest"
    loader: subprocess.Popen[str] | None = None
    if source is not None:
        time.sleep(20)  # the users have started and signed in
        key = f"uji-beban/muat-{stamp}"
        size = source.stat().st_size / 1_000_000
        say(f"ingest: manage.py datastore_load {source.name} ({size:.0f} MB) as {key}")
        argv = [str(PYTHON), "manage.py", "datastore_load", str(source), "--resource", key, "--activate", "--public"]
        argv.append("--no-progress")
        ingest_started = time.monotonic()
        loader = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    load.wait(timeout=args.duration + 600)
    reader.join(timeout=10)
    if loader is not None:
        try:
            text, _ = loader.communicate(timeout=args.ingest_wait)
            seconds = time.monotonic() - ingest_started
            last = text.strip().splitlines()[-1:] or [""]
            ingest_note = f"{size:.0f} MB in {seconds:.0f} s, exit {loader.returncode}: {last[0][:200]}"
        except subprocess.TimeoutExpired:
            loader.kill()
            loader.wait()
            cleanup = subprocess.run(
                [str(PYTHON), "manage.py", "datastore_cleanup", "--stale-minutes", "30"],
                cwd=ROOT, env=env, capture_output=True, text=True, check=False,
            )  # fmt: skip
            ingest_note = (
                f"{size:.0f} MB NOT finished {args.ingest_wait} s after the load ended "
                f"({time.monotonic() - ingest_started:.0f} s): killed; {cleanup.stdout.strip()[:200]}"
            )
        say(f"ingest: {ingest_note}")
    sampler.stopped.set()
    print("".join(output), flush=True)
    print(f"ingest meanwhile: {ingest_note}")
    print(
        f"load average (1 min) during the run: {sampler.summary()}; before {before[0]:.2f}, "
        f"after {os.getloadavg()[0]:.2f}; {os.cpu_count()} CPUs"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
