"""PPID benchmark: 50,000 requests over five years, the registers, statistics, annual report and deadlines.

    .venv/bin/python bench/ppid.py [--db sqlite|postgres|both] [--requests 50000] [--years 5] [--repeat 30]
                                   [--gc-default]

For each database the script prepares a throwaway database (a SQLite file in a temporary
directory, or the PostgreSQL databases ``lontar_ppid_bench`` and ``lontar_ppid_bench_ds``, dropped
and re-created on ``BENCH_POSTGRES_URL``, default ``postgres://postgres@127.0.0.1:5432``) and runs
itself as a child process there (test settings: DEBUG off, two-factor sign-in off), which

1. migrates, loads the NTT regions, organisations and holidays and the sample PPID bodies of
   ``ppid_demo`` (a PPID Utama for Pemprov NTT and each kab/kota, a PPID Pelaksana per
   provincial OPD) without its sample requests;
2. writes ``--requests`` requests ("data contoh") received on working days over ``--years`` years
   up to today — 30 % to the province, the rest spread over the kab/kota — with the mix of
   ``ppid_demo`` (channels, incomplete, assigned, extended, withdrawn, answered late or never,
   notices of every decision, blacked-out parts, deliveries, closings), their history rows,
   deadlines from the working-day calendar and encrypted personal fields (through the model
   field), with ``bulk_create``; then keberatan (and disputes) on a share of the requests that
   have a ground;
3. times, in-process with Django's test client (server time, no network), after a warm-up:
   * the **staff register** ``/ppid/kelola/register/`` as the province's PPID (first page, and
     with a one-year period filter) — target p95 ≤ 100 ms;
   * the **public register** ``/ppid/register/`` (first page, and with the period filter) — p95 ≤ 100 ms;
   * the **public statistics** ``/ppid/statistik/`` and the report page ``/ppid/laporan/`` — p95 ≤ 100 ms;
   * the **annual report PDF** of the last full year (``lontar.ppid.report.data.annual_report`` +
     ``report.render.report_pdf``, uncached) — target ≤ 10 s;
   * **deadline computation throughput**: ``selectors.requests.deadlines_for`` over every open request
     (one holiday query), and the pure ``add_working_days`` (10 working days, real holidays).

The pages are timed with the garbage collector tuned as the WSGI entry point tunes every serving
process (``lontar.core.gc_tuning.load_and_tune``: ``gc.freeze()`` after start-up and
``gc.set_threshold(50000, 20, 20)``). ``--gc-default`` times them with CPython's defaults instead,
where a full (generation 2) collection runs every few requests and costs 100–200 ms, most of the
p95. It prints the figures and writes them to ``bench/out/ppid-<time>.json`` (gitignored). The exit
code is 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchlib import get_ok, postgres_databases, timed

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
OUT = Path(__file__).resolve().parent / "out"
PG_DATABASES = ("lontar_ppid_bench", "lontar_ppid_bench_ds")
PAGE_TARGET_MS = 100.0
TARGETS = {"page_p95_ms": PAGE_TARGET_MS, "report_pdf_s": 10.0}
PAGES = (
    "staff_register",
    "staff_register_period",
    "public_register",
    "public_register_period",
    "staff_register_body",
    "staff_register_middle",
    "staff_register_last",
    "public_register_middle",
    "public_register_last",
    "statistics",
    "report",
)
PROVINCE_SHARE = 0.3
OBJECTION_SHARE = 0.1


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--db", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--requests", type=int, default=50_000, help="requests in all (default 50000)")
    parser.add_argument("--years", type=int, default=5, help="years of requests up to today (default 5)")
    parser.add_argument("--repeat", type=int, default=30, help="requests per timed page (default 30)")
    parser.add_argument(
        "--gc-default",
        action="store_true",
        help="time the pages with CPython's default gc (config/wsgi.py tunes it in every serving process)",
    )
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


# ---------------------------------------------------------------- child process (inside Django)


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the in-process client's host "testserver" is allowed


def _reference_data(first_year: int, last_year: int) -> list[Any]:
    from django.core.management import call_command
    from django.db import transaction

    from lontar.calendar.seeding import holidays_seed
    from lontar.organisations.services import organisations_load, regions_load
    from lontar.ppid import demo

    call_command("migrate", verbosity=0)
    regions_load()
    organisations_load()
    holidays_seed(years=list(range(first_year - 1, last_year + 2)))
    with transaction.atomic():
        return demo.load_bodies()


class Numbers:
    """Registration numbers counted in memory (the bench writes in bulk; the counters are saved after)."""

    def __init__(self) -> None:
        self.last: dict[tuple[int, int], int] = {}

    def __call__(self, body: Any, received: Any) -> str:
        from lontar.ppid.rules import numbering

        key = (body.pk, received.year)
        self.last[key] = self.last.get(key, 0) + 1
        return numbering.format_number(
            body.number_format,
            region_code=body.region_code,
            code=body.code.upper(),
            year=received.year,
            month=received.month,
            seq=self.last[key],
        )

    def save(self) -> None:
        from lontar.ppid.models import RequestCounter

        RequestCounter.objects.bulk_create(
            [RequestCounter(body_id=b, year=y, last_value=n) for (b, y), n in self.last.items()], batch_size=1000
        )


def _working_days(generator: Any, start: Any, end: Any) -> list[Any]:
    import datetime as dt

    from lontar.calendar.workdays import is_working_day

    day, out = start, []
    while day <= end:
        if is_working_day(day, generator.holidays):
            out.append(day)
        day += dt.timedelta(days=1)
    return out


def _requests(total: int, years: int, chunk: int = 50_000) -> dict[str, Any]:
    """Write ``total`` requests with their history and notices in bulk, ``chunk`` at a time (one
    transaction each, so a million requests never sit in memory at once); returns counts."""
    from django.db import transaction
    from django.utils import timezone

    from lontar.ppid.choices import BodyKind, Decision
    from lontar.ppid.demo import requests as sample_requests
    from lontar.ppid.models import InformationRequest, Notice, PublicBody, RedactedPart, RequestEvent

    today = timezone.localdate()
    generator = sample_requests.Generator(seed=2026, today=today, days=years * 365)
    numbers = Numbers()
    sample_requests.allocate_number = numbers  # the generator numbers through this name
    utama = list(PublicBody.objects.filter(kind=BodyKind.UTAMA, is_active=True).select_related("organisation__region"))
    pelaksana = {b.pk: list(b.pelaksana.filter(is_active=True)) for b in utama}
    province = next(b for b in utama if b.code == "ntt")
    others = [b for b in utama if b.pk != province.pk]
    days = _working_days(generator, generator.start, today)
    rng = generator.rng
    dates = sorted(rng.choice(days) for _ in range(total))
    counts = {"requests": 0, "events": 0, "notices": 0, "extended": 0}
    by_status: dict[str, int] = {}
    started = time.perf_counter()
    for first in range(0, total, chunk):
        stories = []
        for received in dates[first : first + chunk]:
            body = province if rng.random() < PROVINCE_SHARE else rng.choice(others)
            story, _token = generator.request(body, pelaksana[body.pk], received)
            stories.append(story)
        with transaction.atomic():
            InformationRequest.objects.bulk_create([s.req for s in stories], batch_size=1000)
            RequestEvent.objects.bulk_create([e for s in stories for e in s.events], batch_size=5000)
            notices = []
            for s in stories:
                if s.notice is not None:
                    s.notice.request = s.req
                    notices.append(s.notice)
            Notice.objects.bulk_create(notices, batch_size=2000)
            reason = "Data pribadi pihak ketiga (data contoh)."
            RedactedPart.objects.bulk_create(
                [
                    RedactedPart(notice=n, part="Nomor rekening pihak ketiga", reason=reason, ground="h")
                    for n in notices
                    if n.decision == Decision.PARTIAL
                ],
                batch_size=2000,
            )
        counts["requests"] += len(stories)
        counts["events"] += sum(len(s.events) for s in stories)
        counts["notices"] += len(notices)
        counts["extended"] += sum(1 for s in stories if s.req.extended_due_on)
        for s in stories:
            by_status[s.req.status] = by_status.get(s.req.status, 0) + 1
        if total > chunk:
            done = first + len(stories)
            print(f"  {done:,} requests written ({time.perf_counter() - started:.0f} s)", file=sys.stderr, flush=True)
    numbers.save()
    return {
        **counts,
        "by_status": by_status,
        "first_received": dates[0].isoformat() if dates else None,
        "_generator": generator,
    }


def _objections(generator: Any) -> int:
    """Keberatan (some answered, some disputed) on a share of the requests that have a ground."""
    from django.db import transaction

    from lontar.ppid.choices import Status
    from lontar.ppid.demo.objections import ObjectionGenerator, _objectable
    from lontar.ppid.models import InformationRequest

    objections = ObjectionGenerator(generator)
    written = 0
    with transaction.atomic():
        for req in (
            InformationRequest.objects.exclude(status__in=[Status.WITHDRAWN, Status.INCOMPLETE])
            .select_related("notice", "public_body")
            .defer("identity_number", "address", "phone", "email")
            .order_by("id")
            .iterator(chunk_size=2000)
        ):
            if _objectable(req) and generator.rng.random() < OBJECTION_SHARE and objections.maybe_object(req):
                written += 1
    return written


def _report(year: int) -> dict[str, Any]:
    try:
        from lontar.ppid.report.data import annual_report
        from lontar.ppid.report.render import report_pdf
    except ImportError as exc:
        return {"available": False, "why": f"lontar.ppid.report not importable: {exc}"}
    runs = []
    size = 0
    for _ in range(2):
        started = time.perf_counter()
        report = annual_report(year=year)
        computed = time.perf_counter() - started
        pdf = report_pdf(report)
        runs.append((computed, time.perf_counter() - started))
        size = len(pdf)
    best = min(runs, key=lambda r: r[1])
    return {
        "available": True,
        "year": year,
        "compute_s": round(best[0], 3),
        "total_s": round(best[1], 3),
        "runs_s": [round(r[1], 3) for r in runs],
        "pdf_bytes": size,
    }


def _deadlines(generator: Any) -> dict[str, Any]:
    import datetime as dt

    from django.utils import timezone

    from lontar.calendar.workdays import add_working_days
    from lontar.ppid.choices import OPEN
    from lontar.ppid.models import InformationRequest
    from lontar.ppid.selectors import requests as request_selectors

    open_requests = list(
        InformationRequest.objects.filter(status__in=OPEN).defer("identity_number", "address", "phone", "email")
    )
    runs = []
    for _ in range(3):
        started = time.perf_counter()
        request_selectors.deadlines_for(open_requests, timezone.localdate())
        runs.append(time.perf_counter() - started)
    starts = [generator.start + dt.timedelta(days=i % 1800) for i in range(100_000)]
    holidays = generator.holidays
    started = time.perf_counter()
    for day in starts:
        add_working_days(day, 10, holidays)
    pure_s = time.perf_counter() - started
    best = min(runs)
    return {
        "open_requests": len(open_requests),
        "deadlines_for_s": round(best, 4),
        "deadlines_for_per_s": round(len(open_requests) / best) if best and open_requests else None,
        "add_working_days_per_s": round(len(starts) / pure_s),
    }


def _staff_client() -> Any:
    from django.test import Client

    from lontar.accounts.models import Membership, Role, User
    from lontar.organisations.models import Organisation
    from lontar.ppid.demo.bodies import PROVINCE_SLUG

    user = User.objects.create_user("ppid.bench@contoh.lontar.id", "kata-sandi-bench-123", full_name="PPID bench")
    Membership.objects.create(user=user, organisation=Organisation.objects.get(slug=PROVINCE_SLUG), role=Role.PPID)
    client = Client()
    client.force_login(user)
    return client


def _deep_pages(staff: Any, public: Any, repeat: int) -> dict[str, Any]:
    """The staff register filtered on one PPID Pelaksana, and both registers' middle and last pages."""
    from lontar.ppid.demo.bodies import PROVINCE_SLUG
    from lontar.ppid.models import PublicBody

    pelaksana = PublicBody.objects.filter(parent__organisation__slug=PROVINCE_SLUG).order_by("pk").first()
    pages: dict[str, Any] = {}
    if pelaksana is not None:
        pages["staff_register_body"] = timed(get_ok(staff, f"/ppid/kelola/register/?body={pelaksana.pk}"), repeat)
    for name, client, path in (("staff", staff, "/ppid/kelola/register/"), ("public", public, "/ppid/register/")):
        last = client.get(path).context["page_obj"].paginator.num_pages
        pages[f"{name}_register_middle"] = timed(get_ok(client, f"{path}?page={max(1, last // 2)}"), repeat)
        pages[f"{name}_register_last"] = timed(get_ok(client, f"{path}?page={last}"), repeat)
    return pages


def worker(args: argparse.Namespace) -> dict[str, Any]:
    from django.db import connection
    from django.test import Client
    from django.urls import NoReverseMatch, reverse
    from django.utils import timezone

    from lontar.core.gc_tuning import load_and_tune

    started = time.perf_counter()
    today = timezone.localdate()
    _reference_data(today.year - args.years, today.year)
    written = _requests(args.requests, args.years)
    generator = written.pop("_generator")
    written["objections"] = _objections(generator)
    load_s = time.perf_counter() - started
    with connection.cursor() as cursor:
        # planner statistics, as autovacuum keeps them on PostgreSQL; a SQLite database has none until
        # ANALYZE runs, and without them the staff register sorts every row of the body (see README)
        cursor.execute("ANALYZE")
    staff = _staff_client()
    public = Client()
    if not args.gc_default:
        # as config/wsgi.py does in every serving process (lontar.core.gc_tuning)
        load_and_tune()
    year = today.year - 1
    period = f"?date_from={year}-01-01&date_to={year}-12-31"
    try:
        report_path = reverse("ppid:report")
    except NoReverseMatch:
        report_path = None
    pages: dict[str, Any] = {
        "staff_register": timed(get_ok(staff, "/ppid/kelola/register/"), args.repeat),
        "staff_register_period": timed(get_ok(staff, f"/ppid/kelola/register/{period}"), args.repeat),
        "public_register": timed(get_ok(public, "/ppid/register/"), args.repeat),
        "public_register_period": timed(get_ok(public, f"/ppid/register/{period}"), args.repeat),
        **_deep_pages(staff, public, args.repeat),
        "statistics": timed(get_ok(public, "/ppid/statistik/"), args.repeat),
        "report": timed(get_ok(public, report_path), args.repeat) if report_path else {"available": False},
    }
    return {
        "db": connection.vendor,
        "gc_tuned": not args.gc_default,
        "years": args.years,
        **written,
        "load_s": round(load_s, 1),
        "pages": pages,
        "report_pdf": _report(year),
        "deadlines": _deadlines(generator),
    }


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
        LONTAR_REQUIRE_2FA="false",
        PYTHONPATH=str(ROOT),
    )
    command = [
        str(PYTHON),
        __file__,
        "--worker",
        f"--requests={args.requests}",
        f"--years={args.years}",
        f"--repeat={args.repeat}",
        *(["--gc-default"] if args.gc_default else []),
    ]
    completed = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        sys.stderr.write(completed.stdout + completed.stderr)
        raise SystemExit(f"the {db} run failed")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def verdict(result: dict[str, Any]) -> list[str]:
    missed = []
    for key in PAGES:
        figures = result["pages"][key]
        if "p95_ms" in figures and figures["p95_ms"] > PAGE_TARGET_MS:
            missed.append(f"{key} p95 {figures['p95_ms']} ms > {PAGE_TARGET_MS:.0f} ms")
    pdf = result["report_pdf"]
    if pdf.get("available") and pdf["total_s"] > TARGETS["report_pdf_s"]:
        missed.append(f"annual report PDF {pdf['total_s']} s > {TARGETS['report_pdf_s']} s")
    return missed


def report(result: dict[str, Any]) -> None:
    print(
        f"\n{result['db']}: {result['requests']:,} requests over {result['years']} years "
        f"(from {result['first_received']}), {result['events']:,} history rows, {result['notices']:,} notices, "
        f"{result['extended']:,} extended, {result['objections']:,} keberatan; loaded in {result['load_s']} s"
        + ("; pages timed with the serving gc settings" if result.get("gc_tuned") else "; default gc")
    )
    print(f"  by status: {result['by_status']}")
    for key in PAGES:
        figures = result["pages"][key]
        if "p95_ms" not in figures:
            print(f"  {key:24s} not available")
            continue
        print(
            f"  {key:24s} p50 {figures['p50_ms']:7.1f} ms  p95 {figures['p95_ms']:7.1f} ms  "
            f"max {figures['max_ms']:7.1f} ms   target p95 ≤ {PAGE_TARGET_MS:.0f} ms"
        )
    pdf = result["report_pdf"]
    if pdf.get("available"):
        print(
            f"  annual report {pdf['year']} PDF   {pdf['total_s']:.2f} s (figures {pdf['compute_s']:.2f} s; runs "
            f"{pdf['runs_s']}; {pdf['pdf_bytes']:,} bytes)   target ≤ {TARGETS['report_pdf_s']:.0f} s"
        )
    else:
        print(f"  annual report PDF        not available ({pdf.get('why', '')})")
    d = result["deadlines"]
    print(
        f"  deadlines_for            {d['open_requests']:,} open requests in {d['deadlines_for_s']} s "
        f"= {d['deadlines_for_per_s']:,}/s;  add_working_days(10) {d['add_working_days_per_s']:,}/s"
    )


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.worker:
        _setup_django()
        print(json.dumps(worker(args)))
        return 0
    if args.requests < 100 or args.years < 2 or args.repeat < 5:
        raise SystemExit("use at least 100 requests, 2 years and 5 repetitions")
    load = os.getloadavg()
    print(f"load average before: {load[0]:.2f} (the figures depend on what else the machine runs)")
    results, missed = [], []
    for db in ("sqlite", "postgres") if args.db == "both" else (args.db,):
        with tempfile.TemporaryDirectory(prefix="lontar-bench-ppid-") as workdir:
            result = run_child(db, args, Path(workdir))
        result["load_average_after"] = round(os.getloadavg()[0], 2)
        report(result)
        results.append(result)
        missed += [f"{db}: {m}" for m in verdict(result)]
    OUT.mkdir(exist_ok=True)
    target = OUT / f"ppid-{time.strftime('%Y%m%d-%H%M%S')}.json"
    payload = {"targets": TARGETS, "load_average_before": round(load[0], 2), "results": results}
    target.write_text(json.dumps(payload, indent=2), encoding="utf-8")
    print(f"\nwritten to {target.relative_to(ROOT)}")
    for line in missed:
        print(f"MISSED: {line}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
