"""Katalog TIK & Konektivitas benchmark (issue 13): import, weekly recompute, map pages, ingest.

    .venv/bin/python bench/katalog.py [--db sqlite|postgres|both] [--sites 100000]
                                      [--measurements N] [--part import|recompute|pages|ingest ...]
                                      [--repeat 30] [--smoke]

For each database the script prepares a throwaway database (a SQLite file in a temporary
directory, or the PostgreSQL databases ``lontar_kat_bench`` and ``lontar_kat_bench_ds``, dropped
and re-created on ``BENCH_POSTGRES_URL``, default ``postgres://postgres@127.0.0.1:5432``) and runs
itself as a child process there (test settings: DEBUG off), which

1. migrates and loads the NTT regions and agencies;
2. generates "data contoh" (not timed against a target; the time is printed): ``--sites`` sites
   (default 100,000) on real desa codes with points drawn inside their kecamatan, written as a
   site file (CSV) in the import layout; two connections per site (main and backup: 200,000);
   ``--measurements`` measurements (default 100 per site: 10,000,000) spread over the last 52
   weeks, written with COPY on PostgreSQL and ``executemany`` on SQLite; Podes-style coverage for
   every desa;
3. times, in-process (server time, no network), the parts chosen with ``--part`` (default all):

   * ``import``: the site file through the import service (``services/imports.py``): upload and
     check (every quality check: mandatory fields, kinds, ranges, desa codes, point in NTT and in
     the desa's kabupaten, swapped coordinates, unique codes and NPSN, duplicates within 110 m),
     then apply (re-checked against the registry, written in one transaction) — target ≤ 30 s.
     Without this part the sites are written directly (bulk);
   * ``recompute``: the weekly status of every site for the last complete week
     (``services/status.py``) — target ≤ 10 s;
   * ``pages``: the province map ``/konektivitas/`` and a kab/kota page
     ``/konektivitas/kabupaten/53.01/`` with the Django test client, warm (after one call) —
     target p95 ≤ 100 ms, both warm (page cache) and uncached (the data version moved before every
     call, as after any write: the page cache and cached aggregates are stale, so the page is built
     from the map summaries); wall and CPU time and the SQL queries per page are printed. With this
     part a year of weekly statuses (51 weeks before the recomputed one) is generated for the
     trend charts;
   * ``ingest``: ``POST /api/v1/katalog/pengukuran`` with a bearer token of a province admin, in
     batches of 100 measurements (target ≥ 500 measurements/s) and, for information, one
     measurement per request.

It prints the figures and writes them to ``bench/out/katalog-<time>.json`` (gitignored). The exit
code is 1 when a target is missed. ``--smoke`` runs every part on a few hundred sites without
targets (``tests/konektivitas/test_sample_bench.py`` runs the same functions in-process so the
script cannot rot).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime as dt
import gc
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchlib import get_ok, postgres_databases, timed  # noqa: E402

PYTHON = ROOT / ".venv" / "bin" / "python"
OUT = Path(__file__).resolve().parent / "out"
PG_DATABASES = ("lontar_kat_bench", "lontar_kat_bench_ds")
PARTS = ("import", "recompute", "pages", "ingest")
TARGETS = {"import_s": 30.0, "recompute_s": 10.0, "page_p95_ms": 100.0, "ingest_per_s": 500.0}
WEEKS = 52
KAB_PAGE = "53.01"
SEED = 13
KINDS = (
    ("kantor_desa", 30),
    ("sekolah", 40),
    ("madrasah", 5),
    ("puskesmas", 5),
    ("pustu_polindes", 10),
    ("kantor_opd", 5),
    ("kantor_kecamatan", 3),
    ("lainnya", 2),
)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--db", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--sites", type=int, default=100_000, help="sites (default 100,000)")
    parser.add_argument("--measurements", type=int, default=None, help="measurements (default 100 per site)")
    parser.add_argument("--part", choices=PARTS, action="append", help="a part to time (repeatable; default all)")
    parser.add_argument("--repeat", type=int, default=30, help="requests per timed page (default 30)")
    parser.add_argument("--smoke", action="store_true", help="every part on 300 sites, no targets")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.smoke:
        args.sites, args.measurements, args.repeat = 300, 3000, 3
    if args.measurements is None:
        args.measurements = args.sites * 100
    args.part = args.part or list(PARTS)
    return args


# ---------------------------------------------------------------- child process (inside Django)


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the in-process client's host "testserver" is allowed


def reference_data() -> None:
    from django.core.management import call_command

    from lontar.organisations.services import organisations_load, regions_load

    call_command("migrate", verbosity=0)
    regions_load()
    organisations_load()


def admin_user() -> Any:
    """The actor of the import and the API token: a province admin (here a superuser)."""
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    found = user_model.objects.filter(email="bench.admin@uji.go.id").first()
    return found or user_model.objects.create_superuser(email="bench.admin@uji.go.id", password="bench-" + "x" * 20)


# --- generation ---------------------------------------------------------------------------------


def site_rows(n: int) -> list[dict[str, Any]]:
    """``n`` sample sites ("data contoh") spread over every desa, points inside their kecamatan."""
    from lontar.konektivitas import sample

    w = sample.world()
    rng = random.Random(SEED)
    kinds = [k for k, _ in KINDS]
    weights = [wt for _, wt in KINDS]
    rows = []
    for i in range(n):
        desa = w.desa[i % len(w.desa)]
        kab = w.kabs[desa.code[:5]]
        lat, lng, radius_m = w.point_in(desa, rng)
        kind = rng.choices(kinds, weights)[0]
        rows.append(
            {
                "kode": f"B{i:07d}",
                "nama": f"{kind.replace('_', ' ').title()} {desa.name} {i} (data contoh)",
                "jenis": kind,
                "kode_desa": desa.code,
                "lintang": lat,
                "bujur": lng,
                "npsn": f"9{i:07d}" if kind in ("sekolah", "madrasah") else "",
                "organisasi": kab.instansi_slug,
                "sumber_lokasi": "lainnya",
                "akurasi_m": int(radius_m),
                "terpencil": "ya" if rng.random() < 0.3 else "tidak",
            }
        )
    return rows


def write_site_file(rows: Sequence[dict[str, Any]], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _insert(model: Any, columns: Sequence[str], rows: Iterable[Sequence[Any]], chunk: int = 50_000) -> int:
    """Write ``rows`` into ``model``'s table: COPY on PostgreSQL, executemany on SQLite."""
    from django.db import connection, transaction

    table = connection.ops.quote_name(model._meta.db_table)
    cols = ", ".join(connection.ops.quote_name(c) for c in columns)
    count = 0
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
            return count
        sql = f"INSERT INTO {table} ({cols}) VALUES ({', '.join(['%s'] * len(columns))})"
        batch: list[Sequence[Any]] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= chunk:
                cursor.executemany(sql, batch)
                count += len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            count += len(batch)
    return count


def _stamp(value: dt.datetime) -> Any:
    """A datetime as the database takes it in a raw insert (SQLite: naive UTC text)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        return value
    return value.astimezone(dt.UTC).replace(tzinfo=None).isoformat(" ")


def insert_sites(rows: Sequence[dict[str, Any]]) -> int:
    """The sites written directly (when the import part is not run)."""
    from django.utils import timezone

    from lontar.konektivitas.models import Site
    from lontar.organisations.selectors import organisations_by_slugs

    orgs = dict(organisations_by_slugs({r["organisasi"] for r in rows}).values_list("slug", "pk"))
    now = _stamp(timezone.now())
    columns = [
        "code",
        "name",
        "kind",
        "desa_id",
        "kabupaten_id",
        "lat",
        "lng",
        "location_source",
        "location_accuracy_m",
        "location_verified",
        "organisation_id",
        "npsn",
        "puskesmas_code",
        "bakti_site_id",
        "power",
        "remote",
        "border",
        "disaster_prone",
        "is_active",
        "is_sample",
        "status",
        "status_rule",
        "created_at",
        "updated_at",
    ]
    values = (
        (
            r["kode"],
            r["nama"],
            r["jenis"],
            r["kode_desa"],
            r["kode_desa"][:5],
            r["lintang"],
            r["bujur"],
            "lainnya",
            r["akurasi_m"],
            False,
            orgs[r["organisasi"]],
            r["npsn"],
            "",
            "",
            "tidak_diketahui",
            r["terpencil"] == "ya",
            False,
            False,
            True,
            True,
            "tidak_diketahui",
            "tanpa_data",
            now,
            now,
        )
        for r in rows
    )
    return _insert(Site, columns, values)


TECH = (
    ("fiber", "kabel", "Telkom Indonesia", "apbd", 50.0),
    ("seluler", "nirkabel", "Telkomsel", "dana_desa", None),
    ("vsat", "nirkabel", "BAKTI (penyedia jasa AKSI)", "bakti_aksi", 2.0),
    ("tidak_ada", "tidak_ada", "", "", None),
)


def insert_connections(site_ids: Sequence[int]) -> int:
    """Two connections per site: a main one and a backup."""
    from django.utils import timezone

    from lontar.konektivitas.models import Connection

    rng = random.Random(SEED + 1)
    now = _stamp(timezone.now())
    start = dt.date(2024, 1, 1)
    columns = [
        "site_id",
        "role",
        "technology",
        "technology_raw",
        "technology_root",
        "cellular_generation",
        "provider",
        "programme",
        "status",
        "download_contracted_mbps",
        "ownership",
        "valid_from",
        "is_sample",
        "created_at",
        "updated_at",
    ]

    def rows() -> Iterator[tuple]:
        for pk in site_ids:
            main = TECH[rng.choices(range(4), [10, 50, 30, 10])[0]]
            backup = TECH[1]
            for role, (tech, root, provider, programme, speed) in (("utama", main), ("cadangan", backup)):
                status = "aktif" if rng.random() < 0.9 else "gangguan"
                generation = "4g" if tech == "seluler" else ""
                yield (
                    pk,
                    role,
                    tech,
                    tech,
                    root,
                    generation,
                    provider,
                    programme,
                    status,
                    speed,
                    "",
                    start,
                    True,
                    now,
                    now,
                )

    return _insert(Connection, columns, rows())


def insert_measurements(site_ids: Sequence[int], total: int, today: dt.date) -> int:
    """``total`` measurements spread evenly over the sites and the last 52 weeks (UTC office hours)."""
    from django.utils import timezone

    from lontar.konektivitas.models import Measurement

    rng = random.Random(SEED + 2)
    monday = today - dt.timedelta(days=today.weekday())
    first = dt.datetime.combine(monday - dt.timedelta(weeks=WEEKS), dt.time(0), tzinfo=dt.UTC)
    span = WEEKS * 7 * 86400
    now = _stamp(timezone.now())
    columns = [
        "site_id",
        "measured_at",
        "download_mbps",
        "upload_mbps",
        "latency_ms",
        "source",
        "server",
        "device_id",
        "ip_hash",
        "flagged",
        "flag_reason",
        "created_at",
        "is_sample",
    ]
    per_site, extra = divmod(total, max(1, len(site_ids)))

    def rows() -> Iterator[tuple]:
        for index, pk in enumerate(site_ids):
            count = per_site + (1 if index < extra else 0)
            device = f"bench-{pk}"
            for k in range(count):
                offset = (k * span) // max(1, count) + rng.randrange(0, 3600 * 8)
                when = _stamp(first + dt.timedelta(seconds=min(offset, span - 1)))
                down = round(rng.lognormvariate(1.8, 0.9), 2)
                yield (
                    pk,
                    when,
                    down,
                    round(down * 0.5, 2),
                    round(rng.uniform(15, 800), 1),
                    "qos_isp",
                    "",
                    device,
                    "",
                    False,
                    "",
                    now,
                    True,
                )

    with indexes_dropped(Measurement):
        return _insert(Measurement, columns, rows())


@contextlib.contextmanager
def indexes_dropped(model: Any) -> Iterator[None]:
    """Drop the table's secondary indexes while rows are written and build them again after
    (one sort each instead of millions of scattered index updates); generation only."""
    from django.db import connection

    table = model._meta.db_table
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, table)
    indexes = {
        name: info
        for name, info in found.items()
        if info.get("index") and not info.get("primary_key") and not info.get("unique") and info.get("columns")
    }
    with connection.cursor() as cursor:
        for name in indexes:
            cursor.execute(f"DROP INDEX {quote(name)}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # inside a transaction (the smoke test) deferred foreign-key checks of the new rows
                # are still pending, and PostgreSQL refuses CREATE INDEX until they have run
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for name, info in indexes.items():
                orders = info.get("orders") or ["ASC"] * len(info["columns"])
                cols = ", ".join(f"{quote(c)} {o}" for c, o in zip(info["columns"], orders, strict=False))
                cursor.execute(f"CREATE INDEX {quote(name)} ON {quote(table)} ({cols})")


def insert_weekly_history(site_ids: Sequence[int], today: dt.date) -> int:
    """A year of weekly statuses before the last complete week (the public trend charts read
    them): 51 weeks × every site, statuses drawn at random."""
    from django.utils import timezone

    from lontar.konektivitas.models import SiteWeeklyStatus

    rng = random.Random(SEED + 4)
    statuses = ("baik", "sedang", "buruk", "tidak_ada", "tidak_diketahui")
    last = last_week(today)
    now = _stamp(timezone.now())

    def rows() -> Iterator[tuple]:
        for back in range(WEEKS - 1, 0, -1):
            week = last - dt.timedelta(weeks=back)
            for pk in site_ids:
                yield (pk, week, rng.choices(statuses, (20, 30, 20, 10, 20))[0], "kontrak", now)

    with indexes_dropped(SiteWeeklyStatus):
        return _insert(SiteWeeklyStatus, ["site_id", "week", "status", "rule", "computed_at"], rows())


def insert_coverage(year: int) -> int:
    from django.utils import timezone

    from lontar.konektivitas import sample
    from lontar.konektivitas.models import CoverageObservation

    w = sample.world()
    now = _stamp(timezone.now())
    classes = ("4g", "3g", "2_5g", "tidak_ada")
    rows = (
        (d.code, d.code[:5], year, "podes", "kuat", classes[i % 4], False, True, "data contoh", True, now, now)
        for i, d in enumerate(w.desa)
    )
    columns = [
        "desa_id",
        "kabupaten_id",
        "year",
        "source",
        "phone_signal",
        "internet_signal",
        "has_bts",
        "trusted",
        "note",
        "is_sample",
        "created_at",
        "updated_at",
    ]
    return _insert(CoverageObservation, columns, rows)


# --- the timed parts ----------------------------------------------------------------------------


def part_import(path: Path, actor: Any) -> dict[str, Any]:
    """The site file through the import service: upload + check, then apply."""
    from django.core.files.uploadedfile import UploadedFile

    from lontar.konektivitas.services.imports import import_apply, import_upload
    from lontar.organisations.selectors import organisation_by_slug

    organisation = organisation_by_slug("pemprov-ntt")
    cpu = time.process_time()
    started = time.perf_counter()
    with path.open("rb") as fh:
        upload = UploadedFile(fh, name=path.name, content_type="text/csv", size=path.stat().st_size)
        batch = import_upload(actor=actor, organisation=organisation, upload=upload)
    checked = time.perf_counter()
    batch = import_apply(actor=actor, batch=batch)
    done = time.perf_counter()
    return {
        "import_s": round(done - started, 2),
        "import_cpu_s": round(time.process_time() - cpu, 2),
        "check_s": round(checked - started, 2),
        "apply_s": round(done - checked, 2),
        "rows": batch.total_rows,
        "error_rows": batch.error_rows,
        "created": batch.created_count,
        "warnings": (batch.report or {}).get("warning_rows", (batch.report or {}).get("warnings", 0)),
    }


def last_week(today: dt.date) -> dt.date:
    return today - dt.timedelta(days=today.weekday(), weeks=1)


def part_recompute(today: dt.date) -> dict[str, Any]:
    from lontar.konektivitas.services.status import status_recompute

    week = last_week(today)
    runs = []
    result = None
    cpu = []
    for _ in range(2):
        started, cpu_started = time.perf_counter(), time.process_time()
        result = status_recompute(week=week)
        runs.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
    assert result is not None
    return {
        "recompute_s": round(min(runs), 2),
        "recompute_runs_s": [round(r, 2) for r in runs],
        "recompute_cpu_s": round(min(cpu), 2),
        "week": week.isoformat(),
        "sites": result.sites,
        "by_status": result.by_status,
        "by_rule": result.by_rule,
    }


def cpu_timed(fn: Any, repeat: int) -> dict[str, float]:
    """p50 / p95 in ms of this process's CPU time over ``repeat`` calls (after one warm-up call):
    what a request costs when the machine is shared."""
    fn()
    times = []
    for _ in range(repeat):
        started = time.process_time()
        fn()
        times.append((time.process_time() - started) * 1000)
    times.sort()
    return {
        "p50_ms": round(times[len(times) // 2], 1),
        "p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)], 1),
    }


def part_pages(repeat: int) -> dict[str, Any]:
    """Each page warm (answered from the page cache) and uncached (the data version moved before
    every call: page cache and cached aggregates stale, as after any write) — both against the
    target; wall and CPU time, and the SQL queries of an uncached answer."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from lontar.konektivitas import page_version

    client = Client()
    pages = {"province": "/konektivitas/", "kabupaten": f"/konektivitas/kabupaten/{KAB_PAGE}/"}
    out: dict[str, Any] = {}
    for key, path in pages.items():
        fetch = get_ok(client, path)
        out[key] = timed(fetch, repeat)
        out[f"{key}_cpu"] = cpu_timed(fetch, repeat)

        def cold(fetch: Any = fetch) -> None:
            page_version.bump()
            fetch()

        out[f"{key}_cold"] = timed(cold, repeat)
        out[f"{key}_cold_cpu"] = cpu_timed(cold, repeat)
        with CaptureQueriesContext(connection) as queries:
            cold()
        out[f"{key}_cold_queries"] = len(queries.captured_queries)
    return out


def part_ingest(actor: Any, site_codes: Sequence[str], *, batches: int, batch_size: int = 100) -> dict[str, Any]:
    from django.test import Client, override_settings

    from lontar.accounts.tokens import api_token_create

    _token, raw = api_token_create(actor=actor, name="bench probe")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    url = "/api/v1/katalog/pengukuran"
    rng = random.Random(SEED + 3)

    def body(n: int) -> str:
        items = [
            {
                "site": site_codes[rng.randrange(len(site_codes))],
                "download_mbps": round(rng.uniform(0.5, 50), 2),
                "upload_mbps": round(rng.uniform(0.2, 20), 2),
                "latency_ms": round(rng.uniform(15, 800), 1),
                "device_id": f"probe-{rng.randrange(500)}",
                "source": "qos_isp",
            }
            for _ in range(n)
        ]
        return json.dumps({"items": items})

    def run(n_requests: int, size: int) -> tuple[float, float]:
        """(measurements per second of wall time, per second of this process's CPU time)."""
        payloads = [body(size) for _ in range(n_requests)]
        started, cpu = time.perf_counter(), time.process_time()
        for payload in payloads:
            answer = client.post(url, payload, content_type="application/json")
            if answer.status_code != 201:
                raise RuntimeError(f"ingest: {answer.status_code} {answer.content[:300]!r}")
        total = n_requests * size
        return total / (time.perf_counter() - started), total / max(1e-9, time.process_time() - cpu)

    with override_settings(KONEKTIVITAS_DEVICE_HOURLY_LIMIT=10**9):  # a probe fleet, not one device flooding
        run(1, batch_size)  # warm-up
        wall, cpu = run(batches, batch_size)
        big_wall, _big_cpu = run(max(1, batches // 10), batch_size * 10)
        single_wall, single_cpu = run(max(20, batches * 2), 1)
        return {
            "ingest_per_s": round(wall),
            "ingest_cpu_per_s": round(cpu),
            "ingest_batch": batch_size,
            "ingest_big_batch_per_s": round(big_wall),
            "ingest_single_per_s": round(single_wall),
            "ingest_single_cpu_per_s": round(single_cpu),
        }


def run_parts(args: argparse.Namespace, workdir: Path, today: dt.date | None = None) -> dict[str, Any]:
    """Generate the data and time the chosen parts (the database is set up and empty of sites)."""
    from django.db import connection

    from lontar.konektivitas.models import Site
    from lontar.konektivitas.services.summaries import summaries_refresh

    today = today or dt.date.today()
    result: dict[str, Any] = {"db": connection.vendor, "sites": args.sites, "parts": list(args.part)}
    actor = admin_user()
    started = time.perf_counter()
    rows = site_rows(args.sites)
    result["generate_sites_s"] = round(time.perf_counter() - started, 2)
    if "import" in args.part:
        path = workdir / "titik.csv"
        write_site_file(rows, path)
        result.update(part_import(path, actor))
    else:
        started = time.perf_counter()
        insert_sites(rows)
        result["insert_sites_s"] = round(time.perf_counter() - started, 2)
    ids = list(Site.objects.order_by("pk").values_list("pk", flat=True))
    started = time.perf_counter()
    result["connections"] = insert_connections(ids)
    result["coverage"] = insert_coverage(today.year)
    result["measurements"] = insert_measurements(ids, args.measurements, today)
    result["generate_rest_s"] = round(time.perf_counter() - started, 2)
    if "pages" in args.part:
        started = time.perf_counter()
        result["weekly_history"] = insert_weekly_history(ids, today)
        result["generate_weekly_s"] = round(time.perf_counter() - started, 2)
    started = time.perf_counter()
    summaries_refresh()  # the rows above were written directly: the map summaries from them
    result["summaries_s"] = round(time.perf_counter() - started, 2)
    # The generated rows are not what a server holds: let them go, and freeze what is left as the
    # app servers do once loaded (gc.freeze() in deploy/gunicorn.conf.py), so a full collection in
    # a timed request walks what a worker would walk, not 100,000 generated rows.
    del rows, ids
    if args.worker:  # not in the test process that runs this in-process (tests/konektivitas)
        gc.collect()
        gc.freeze()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    if "recompute" in args.part:
        _part(result, "recompute", lambda: part_recompute(today))
    if "pages" in args.part:
        _part(result, "pages", lambda: {"pages": part_pages(args.repeat)})
    if "ingest" in args.part:
        codes = list(Site.objects.values_list("code", flat=True)[:5000])
        _part(result, "ingest", lambda: part_ingest(actor, codes, batches=max(3, min(50, args.sites // 1000))))
    return result


def _part(result: dict[str, Any], name: str, run: Any) -> None:
    """Run one timed part; a failure is recorded (and reported as missed) instead of losing the
    figures of the parts before it — a long run is not thrown away by one broken part."""
    try:
        result.update(run())
    except Exception as exc:
        result.setdefault("errors", {})[name] = f"{type(exc).__name__}: {exc}"[:500]
    print(json.dumps({"part": name, **{k: v for k, v in result.items() if k != "pages"}}), file=sys.stderr)


def worker(args: argparse.Namespace) -> dict[str, Any]:
    started = time.perf_counter()
    reference_data()
    setup_s = time.perf_counter() - started
    with tempfile.TemporaryDirectory(prefix="lontar-bench-kat-files-") as tmp:
        result = run_parts(args, Path(tmp))
    result["setup_s"] = round(setup_s, 1)
    return result


# ---------------------------------------------------------------- parent process


def run_child(db: str, args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    if db == "postgres":
        main_url, datastore_url = postgres_databases(PG_DATABASES)
    else:
        main_url = f"sqlite:///{workdir / 'lontar.sqlite3'}"
        datastore_url = f"sqlite:///{workdir / 'datastore.sqlite3'}"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LONTAR_", "DATABASE_URL", "DATASTORE_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.test",
        DATABASE_URL=main_url,
        DATASTORE_DATABASE_URL=datastore_url,
        LONTAR_DATA_DIR=str(workdir),
        LONTAR_LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT),
    )
    command = [
        str(PYTHON),
        __file__,
        "--worker",
        f"--sites={args.sites}",
        f"--measurements={args.measurements}",
        f"--repeat={args.repeat}",
        *[f"--part={p}" for p in args.part],
    ]
    completed = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        sys.stderr.write(completed.stdout[-5000:] + completed.stderr[-5000:])
        raise SystemExit(f"the {db} run failed")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def verdict(result: dict[str, Any]) -> list[str]:
    missed = []
    if "import_s" in result and result["import_s"] > TARGETS["import_s"]:
        missed.append(f"import {result['import_s']} s > {TARGETS['import_s']} s")
    if "recompute_s" in result and result["recompute_s"] > TARGETS["recompute_s"]:
        missed.append(f"recompute {result['recompute_s']} s > {TARGETS['recompute_s']} s")
    for key in ("province", "kabupaten", "province_cold", "kabupaten_cold"):
        p95 = result.get("pages", {}).get(key, {}).get("p95_ms")
        if p95 is not None and p95 > TARGETS["page_p95_ms"]:
            missed.append(f"{key} page p95 {p95} ms > {TARGETS['page_p95_ms']} ms")
    if "ingest_per_s" in result and result["ingest_per_s"] < TARGETS["ingest_per_s"]:
        missed.append(f"ingest {result['ingest_per_s']}/s < {TARGETS['ingest_per_s']}/s")
    missed += [f"{part} failed: {error}" for part, error in result.get("errors", {}).items()]
    return missed


def report(result: dict[str, Any]) -> None:
    print(
        f"\n{result['db']}: {result['sites']:,} sites, {result['connections']:,} connections, "
        f"{result['measurements']:,} measurements ({WEEKS} weeks), {result['coverage']:,} coverage rows; "
        f"setup {result['setup_s']} s, sites generated in {result['generate_sites_s']} s, the rest in "
        f"{result['generate_rest_s']} s"
    )
    if "import_s" in result:
        print(
            f"  import {result['rows']:,} sites    {result['import_s']:7.2f} s  (CPU {result['import_cpu_s']} s; "
            f"check {result['check_s']} s, apply "
            f"{result['apply_s']} s; {result['created']:,} created, {result['error_rows']} rows with errors)"
            f"   target ≤ {TARGETS['import_s']:.0f} s"
        )
    if "recompute_s" in result:
        print(
            f"  weekly recompute        {result['recompute_s']:7.2f} s  (CPU {result['recompute_cpu_s']} s; "
            f"{result['sites']:,} sites, week "
            f"{result['week']}; runs {result['recompute_runs_s']})   target ≤ {TARGETS['recompute_s']:.0f} s"
        )
    for key, label in (("province", "/konektivitas/"), ("kabupaten", f"/konektivitas/kabupaten/{KAB_PAGE}/")):
        pages = result.get("pages", {})
        if key in pages:
            warm, cold = pages[key], pages[f"{key}_cold"]
            warm_cpu, cold_cpu = pages.get(f"{key}_cpu", {}), pages.get(f"{key}_cold_cpu", {})
            print(
                f"  {label:<30} uncached p50 {cold['p50_ms']:6.1f} ms  p95 {cold['p95_ms']:6.1f} ms "
                f"(CPU p95 {cold_cpu.get('p95_ms', '?')} ms, {pages.get(f'{key}_cold_queries', '?')} queries); "
                f"page cache p50 {warm['p50_ms']:.1f} ms  p95 {warm['p95_ms']:.1f} ms (CPU p95 "
                f"{warm_cpu.get('p95_ms', '?')} ms)   target p95 ≤ {TARGETS['page_p95_ms']:.0f} ms"
            )
    for part, error in result.get("errors", {}).items():
        print(f"  {part}: FAILED ({error})")
    if "ingest_per_s" in result:
        print(
            f"  ingest by API           {result['ingest_per_s']:7,} /s  (batches of {result['ingest_batch']}, "
            f"{result['ingest_cpu_per_s']:,} per CPU second; batches of {result['ingest_batch'] * 10}: "
            f"{result['ingest_big_batch_per_s']:,} /s; one per request: {result['ingest_single_per_s']:,} /s, "
            f"{result['ingest_single_cpu_per_s']:,} per CPU second)   target ≥ {TARGETS['ingest_per_s']:.0f}/s"
        )


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.worker:
        _setup_django()
        print(json.dumps(worker(args)))
        return 0
    print(f"load average before: {os.getloadavg()[0]:.2f} (the figures depend on what else the machine runs)")
    results, missed = [], []
    for db in ("sqlite", "postgres") if args.db == "both" else (args.db,):
        with tempfile.TemporaryDirectory(prefix="lontar-bench-kat-") as workdir:
            result = run_child(db, args, Path(workdir))
        report(result)
        results.append(result)
        if not args.smoke:
            missed += [f"{db}: {m}" for m in verdict(result)]
    OUT.mkdir(exist_ok=True)
    target = OUT / f"katalog-{time.strftime('%Y%m%d-%H%M%S')}.json"
    target.write_text(json.dumps({"targets": TARGETS, "results": results}, indent=2), encoding="utf-8")
    print(f"\nwritten to {target.relative_to(ROOT)}")
    for line in missed:
        print(f"MISSED: {line}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
