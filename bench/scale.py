"""National-size benchmark on PostgreSQL (issue 15 §4): the catalogue, evaluations and PPID at full size.

    .venv/bin/python bench/scale.py [--parts catalog,evaluation,ppid] [--datasets 100000]
                                    [--requests 1000000] [--instansi 600] [--years 5]
                                    [--repeat 100] [--fresh]

One command, three parts, each in a child process on its own PostgreSQL databases
(``BENCH_POSTGRES_URL``, default ``postgres://postgres@127.0.0.1:5432``), printed as one table
of target / figure / met with the load average beside it:

* **catalog** — ``--datasets`` published "data contoh" datasets (default 100,000) in
  ``lontar_scale_catalog`` (+ ``_ds``), kept between runs (``--fresh`` drops it; datasets already
  there are kept and the rest added). Seeding is in bulk: ``Dataset`` rows, their topics and
  tags, the published ``DatasetVersion`` with the app's snapshot (``dataset_snapshot``), and the
  public entry with its topic, tag, year and format rows built by the app's own
  ``entries.entry_values`` (the function ``entry_sync`` writes with) — one ``bulk_create`` per
  2,000 datasets instead of the service per dataset (PostgreSQL fills the full-text column
  itself). It then times, with ``catalog_search.measure`` (cold: every search cache emptied
  before each request; warm: the same 50 URLs again; Redis database 13 as that script), the
  search shapes of ``bench/catalog_search.py`` plus CKAN ``package_search`` with ``fq`` as
  ckanext-harvest and ckanapi send it (``organization:a OR organization:b`` with the
  ``metadata_modified`` range, sorted by id, pages deep into the result; ``res_format:`` and
  ``tags:`` together; ``rows``/``start`` at any depth) and the DCAT catalogue pages
  (``/catalog.ttl`` and ``/catalog.jsonld``, first pages and pages anywhere up to the last).
  Target: cold and warm p95 ≤ 100 ms for each shape.
* **evaluation** — ``bench/evaluation.py`` on PostgreSQL with ``--instansi`` × ``--years``
  (default 600 × 5), its targets (recomputation ≤ 2 s, province dashboard p95 ≤ 100 ms,
  national ranking p95 ≤ 300 ms).
* **ppid** — ``bench/ppid.py`` on PostgreSQL with ``--requests`` (default 1,000,000) over five
  years, written 50,000 at a time: the staff register (first page, one year, one PPID
  Pelaksana, the middle and the last page), the public register (first, one year, middle,
  last), ``/ppid/statistik/`` and ``/ppid/laporan/`` — p95 ≤ 100 ms — and the annual report PDF
  of last year (about 200,000 requests) — ≤ 10 s, the target of ``ppid.py``.

It writes ``bench/out/scale-<time>.json`` (gitignored) and exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchlib import postgres_databases

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
OUT = Path(__file__).resolve().parent / "out"
CATALOG_DATABASES = ("lontar_scale_catalog", "lontar_scale_catalog_ds")
PARTS = ("catalog", "evaluation", "ppid")
CATALOG_TARGET_MS = 100.0
BATCH = 2000


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--parts", default=",".join(PARTS), help="comma-separated: catalog, evaluation, ppid")
    parser.add_argument("--datasets", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=1_000_000, help="PPID requests (default 1,000,000)")
    parser.add_argument("--instansi", type=int, default=600)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=100, help="warm requests per catalogue shape (default 100)")
    parser.add_argument("--page-repeat", type=int, default=30, help="requests per timed PPID/evaluation page")
    parser.add_argument(
        "--after-change", type=int, default=5, help="first searches after a change per catalogue shape (default 5)"
    )
    parser.add_argument("--fresh", action="store_true", help="drop the catalogue's bench database and seed again")
    parser.add_argument("--only", default="", help="time only the catalogue shapes whose name contains this text")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.parts = [p.strip() for p in args.parts.split(",") if p.strip()]
    unknown = set(args.parts) - set(PARTS)
    if unknown:
        parser.error(f"unknown parts: {', '.join(sorted(unknown))}")
    return args


def loadavg() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


# ---------------------------------------------------------------- catalogue child process (inside Django)


def copy_rows(model: Any, objects: list[Any]) -> None:
    """Write model instances with PostgreSQL's COPY: the values ``bulk_create`` would insert
    (``pre_save`` and ``get_db_prep_save`` of every field), without its UNNEST of arrays, which
    psycopg's client-side binding escapes with Python regular expressions — several seconds per
    2,000 snapshots and package texts."""
    from django.db import connection

    if connection.vendor != "postgresql":  # the smoke test on SQLite
        model.objects.bulk_create(objects)
        return
    fields = [f for f in model._meta.concrete_fields if not getattr(f, "generated", False)]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {connection.ops.quote_name(model._meta.db_table)} ({columns}) FROM STDIN") as copy,
    ):
        for obj in objects:
            copy.write_row([f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields])


def seed_catalog(count: int, rng: random.Random) -> dict[str, Any]:
    """Publish datasets up to ``count`` in bulk (those already there are kept)."""
    import datetime as dt

    from catalog_search import WORDS
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from lontar.catalog.models import (
        CatalogEntry,
        DataClass,
        Dataset,
        DatasetState,
        DatasetVersion,
        EntryFormat,
        EntryYear,
        Tag,
        Topic,
    )
    from lontar.catalog.search import cache as search_cache
    from lontar.catalog.services.entries import entry_values
    from lontar.catalog.services.snapshot import dataset_snapshot, prefetch_for_snapshot
    from lontar.organisations.models import Organisation

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    if not Organisation.objects.exists():
        call_command("load_regions", stdout=open(os.devnull, "w"))  # noqa: SIM115
        call_command("load_organisations", stdout=open(os.devnull, "w"))  # noqa: SIM115
    opds = list(Organisation.objects.filter(kind="opd").order_by("pk"))
    topics = list(Topic.objects.order_by("pk"))
    tags = {w: Tag.objects.get_or_create(name=w)[0] for w in WORDS}
    now = timezone.now()
    first = Dataset.objects.count()
    for start in range(first, count, BATCH):
        with transaction.atomic():
            datasets, chosen = [], []
            for i in range(start, min(count, start + BATCH)):
                words = rng.sample(WORDS, 3)
                year = rng.randint(2015, 2024)
                published = now - dt.timedelta(seconds=rng.randint(0, 5 * 365 * 86400))
                datasets.append(
                    Dataset(
                        slug=f"contoh-{i:06d}-{words[0]}",
                        title=f"Data contoh {i}: {words[0]} dan {words[1]}",
                        description=f"Data contoh sintetis tentang {' '.join(words)} per kabupaten/kota.",
                        organisation=rng.choice(opds),
                        data_class=DataClass.PUBLIK,
                        temporal_start=year,
                        temporal_end=year + rng.randint(0, 5),
                        contact_email="data@contoh.id",
                        is_sample=True,
                        state=DatasetState.PUBLISHED,
                        first_published_at=published,
                    )
                )
                chosen.append((rng.sample(topics, 2), [tags[w] for w in words], rng.choice(["CSV", "XLSX", "PDF"])))
            Dataset.topics.through.objects.bulk_create(
                [
                    Dataset.topics.through(dataset=d, topic=t)
                    for d, c in zip(datasets, chosen, strict=True)
                    for t in c[0]
                ]
            )
            Dataset.tags.through.objects.bulk_create(
                [Dataset.tags.through(dataset=d, tag=t) for d, c in zip(datasets, chosen, strict=True) for t in c[1]]
            )
            prefetch_for_snapshot(datasets)  # the rows above (foreign keys are checked at commit)
            versions, entries, extra = [], [], []
            for n, (dataset, (_topics, _tags, fmt)) in enumerate(zip(datasets, chosen, strict=True)):
                at = dataset.first_published_at
                snapshot = dataset_snapshot(dataset, [], {}, number=1, published_at=at, first_published_at=at)
                stamp = at.isoformat()
                snapshot["resources"] = [
                    {
                        "id": f"{start + n}",
                        "version_id": f"{start + n}",
                        "slug": "tabel",
                        "name": "Tabel",
                        "description": "",
                        "format": fmt,
                        "url": "https://contoh.id/x.csv",
                        "filename": "",
                        "size": None,
                        "sha256": "",
                        "created": stamp,
                        "last_modified": stamp,
                        "datastore_table_id": None,
                        "columns": [],
                    }
                ]
                version = DatasetVersion(
                    dataset=dataset, number=1, snapshot=snapshot, data_class="publik", published_at=at
                )
                dataset.published_version = version
                values = entry_values(dataset, version, version.published_at)
                extra.append((values.pop("_years"), values.pop("_formats")))
                versions.append(version)
                entries.append(CatalogEntry(dataset=dataset, **values))
            copy_rows(Dataset, datasets)
            copy_rows(DatasetVersion, versions)
            copy_rows(CatalogEntry, entries)
            CatalogEntry.topics.through.objects.bulk_create(
                [
                    CatalogEntry.topics.through(catalogentry=e, topic=t)
                    for e, c in zip(entries, chosen, strict=True)
                    for t in c[0]
                ]
            )
            CatalogEntry.tags.through.objects.bulk_create(
                [
                    CatalogEntry.tags.through(catalogentry=e, tag=t)
                    for e, c in zip(entries, chosen, strict=True)
                    for t in c[1]
                ]
            )
            EntryYear.objects.bulk_create(
                [EntryYear(entry=e, year=y) for e, x in zip(entries, extra, strict=True) for y in x[0]]
            )
            EntryFormat.objects.bulk_create(
                [EntryFormat(entry=e, format=f) for e, x in zip(entries, extra, strict=True) for f in x[1]]
            )
            search_cache.bump()
        done = min(count, start + BATCH)
        if done % 10_000 == 0 or done == count:
            print(f"  seeded {done:,} datasets ({time.perf_counter() - started:.0f} s)", file=sys.stderr, flush=True)
    return {"seeded": max(0, count - first), "seed_s": round(time.perf_counter() - started, 1)}


def catalog_shapes(count: int, rng: random.Random) -> dict[str, list[str]]:
    """The shapes of ``catalog_search.py`` plus ``fq`` as harvesters send it, deep pages and DCAT pages."""
    import catalog_search

    from lontar.organisations.models import Organisation

    slugs = list(Organisation.objects.filter(kind="opd").order_by("pk").values_list("slug", flat=True))
    words = catalog_search.WORDS
    since = "metadata_modified:[2000-01-01T00:00:00Z TO *]"
    last_page = max(1, (count + 99) // 100)

    def some(make: Any) -> list[str]:
        return [make() for _i in range(50)]

    def two_orgs() -> str:
        a, b = rng.sample(slugs, 2)
        return f"organization:{a} OR organization:{b}"

    shapes = catalog_search.shapes(rng)
    search = "/api/3/action/package_search"
    shapes.update(
        {
            "ckan: harvester, deep start": some(
                lambda: f"{search}?fq={since}&sort=id asc&rows=100&start={rng.randint(0, max(0, count - 100))}"
            ),
            "ckan: harvester fq 2 orgs, pages": some(
                lambda: f"{search}?fq={two_orgs()} {since}&sort=id asc&rows=100&start={rng.randint(0, 4) * 100}"
            ),
            "ckan: fq res_format+tags, deep": some(
                lambda: (
                    f"{search}?fq=res_format:CSV tags:{rng.choice(words)}&rows=20"
                    f"&start={rng.randint(0, max(0, count // 60 - 20))}"
                )
            ),
            "ckan: fq organization, rows=20": some(
                lambda: f"{search}?fq=organization:{rng.choice(slugs)}&rows=20&facet.field={catalog_search.SIX_FACETS}"
            ),
            "dcat: catalog.ttl pages 1-5": some(lambda: f"/catalog.ttl?page={rng.randint(1, 5)}"),
            "dcat: catalog.ttl any page": some(lambda: f"/catalog.ttl?page={rng.randint(1, last_page)}"),
            "dcat: catalog.jsonld any page": some(lambda: f"/catalog.jsonld?page={rng.randint(1, last_page)}"),
        }
    )
    return shapes


def catalog_worker(args: argparse.Namespace) -> dict[str, Any]:
    import catalog_search
    from django.db import connection

    from lontar.core.gc_tuning import load_and_tune

    seeded = seed_catalog(args.datasets, random.Random(4))
    with connection.cursor() as cursor:
        # planner statistics and the visibility map (index-only scans), as autovacuum keeps them
        cursor.execute("VACUUM ANALYZE")
    load_and_tune()  # the garbage collector as config/wsgi.py sets it in every serving process
    load_before = loadavg()
    rng = random.Random(7)
    all_shapes = catalog_shapes(args.datasets, rng)
    catalog_search.shapes = lambda _rng: all_shapes  # measure() times whatever shapes() returns
    # a first search after a change rebuilds the facet index of the whole catalogue: a few suffice
    results = catalog_search.measure(args.repeat, args.only, rng, after_change=args.after_change)
    return {
        "datasets": args.datasets,
        **seeded,
        "loadavg_before": load_before,
        "loadavg_after": loadavg(),
        "results": results,
    }


# ---------------------------------------------------------------- parent process


def run_catalog(args: argparse.Namespace) -> dict[str, Any]:
    import catalog_search

    workdir = OUT / "scale-catalog"
    workdir.mkdir(parents=True, exist_ok=True)
    main_url, datastore_url = postgres_databases(CATALOG_DATABASES, fresh=args.fresh)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "DATASTORE_", "LONTAR_"))}
    if importlib_has("redis"):
        env["LONTAR_REDIS_URL"] = catalog_search.REDIS_URL
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.test",
        DATABASE_URL=main_url,
        DATASTORE_DATABASE_URL=datastore_url,
        LONTAR_DATA_DIR=str(workdir),
        LONTAR_DEBUG="false",
        LONTAR_LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT),
    )
    command = [
        str(PYTHON),
        __file__,
        "--worker",
        "--parts=catalog",
        f"--datasets={args.datasets}",
        f"--repeat={args.repeat}",
        f"--after-change={args.after_change}",
        *([f"--only={args.only}"] if args.only else []),
    ]
    completed = subprocess.run(command, env=env, cwd=ROOT, stdout=subprocess.PIPE, text=True, check=False)
    if completed.returncode != 0:
        sys.stderr.write(completed.stdout)
        raise SystemExit("the catalogue run failed")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def importlib_has(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is not None


def catalog_rows(result: dict[str, Any]) -> list[tuple[str, str, str, float, bool, str]]:
    rows = []
    load = f"{result['loadavg_before']} → {result['loadavg_after']}"
    for name, kinds in result["results"].items():
        for kind in ("cold", "warm"):
            p95 = kinds[kind]["p95_ms"]
            rows.append((f"catalog {result['datasets']:,}", f"{name} ({kind})", "p95 ≤ 100 ms", p95, p95 <= 100, load))
    return rows


def run_evaluation(args: argparse.Namespace) -> tuple[dict[str, Any], list[tuple[str, str, str, float, bool, str]]]:
    import evaluation

    before = loadavg()
    sub = argparse.Namespace(instansi=args.instansi, years=args.years, repeat=args.page_repeat)
    with tempfile.TemporaryDirectory(prefix="lontar-bench-scale-evl-") as workdir:
        result = evaluation.run_child("postgres", sub, Path(workdir))
    evaluation.report(result)
    load = f"{before} → {loadavg()}"
    part = f"evaluation {result['instansi_per_year']}×{result['years']}"
    t = evaluation.TARGETS
    rows = [
        (
            part,
            "full recomputation (s)",
            f"≤ {t['recompute_s']} s",
            result["recompute_s"],
            result["recompute_s"] <= t["recompute_s"],
            load,
        ),
    ]
    for key, label, target in (
        ("province_dashboard", "province dashboard p95", t["province_dashboard_p95_ms"]),
        ("national_ranking", "national ranking API p95", t["national_ranking_p95_ms"]),
    ):
        p95 = result[key]["p95_ms"]
        rows.append((part, label, f"p95 ≤ {target:.0f} ms", p95, p95 <= target, load))
    return result, rows


def run_ppid(args: argparse.Namespace) -> tuple[dict[str, Any], list[tuple[str, str, str, float, bool, str]]]:
    import ppid

    before = loadavg()
    sub = argparse.Namespace(requests=args.requests, years=args.years, repeat=args.page_repeat, gc_default=False)
    with tempfile.TemporaryDirectory(prefix="lontar-bench-scale-ppid-") as workdir:
        result = ppid.run_child("postgres", sub, Path(workdir))
    ppid.report(result)
    load = f"{before} → {loadavg()}"
    part = f"ppid {result['requests']:,}"
    rows = []
    for key in ppid.PAGES:
        figures = result["pages"].get(key, {})
        if "p95_ms" in figures:
            p95 = figures["p95_ms"]
            rows.append((part, f"{key} p95", "p95 ≤ 100 ms", p95, p95 <= ppid.PAGE_TARGET_MS, load))
    pdf = result["report_pdf"]
    if pdf.get("available"):
        target = ppid.TARGETS["report_pdf_s"]
        rows.append(
            (
                part,
                f"annual report {pdf['year']} PDF (s)",
                f"≤ {target:.0f} s",
                pdf["total_s"],
                pdf["total_s"] <= target,
                load,
            )
        )
    return result, rows


def print_table(rows: list[tuple[str, str, str, float, bool, str]]) -> None:
    print(f"\n{'part':22s} {'measure':42s} {'target':14s} {'figure':>9s}  met  load average (1/5/15 min)")
    for part, measure, target, figure, met, load in rows:
        print(f"{part:22s} {measure:42s} {target:14s} {figure:9.1f}  {'yes' if met else 'NO ':3s}  {load}")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.worker:
        import catalog_search

        catalog_search.setup_django()
        print(json.dumps(catalog_worker(args)))
        return 0
    print(f"load average before: {loadavg()} ({os.cpu_count()} CPUs; wall times depend on it)", flush=True)
    results: dict[str, Any] = {}
    rows: list[tuple[str, str, str, float, bool, str]] = []
    if "catalog" in args.parts:
        results["catalog"] = run_catalog(args)
        rows += catalog_rows(results["catalog"])
    if "evaluation" in args.parts:
        results["evaluation"], part_rows = run_evaluation(args)
        rows += part_rows
    if "ppid" in args.parts:
        results["ppid"], part_rows = run_ppid(args)
        rows += part_rows
    print_table(rows)
    OUT.mkdir(exist_ok=True)
    target = OUT / f"scale-{time.strftime('%Y%m%d-%H%M%S')}.json"
    target.write_text(json.dumps({"rows": rows, "results": results}, indent=2, default=str), encoding="utf-8")
    print(f"\nwritten to {target.relative_to(ROOT)}")
    missed = [r for r in rows if not r[4]]
    for part, measure, target_text, figure, _met, _load in missed:
        print(f"MISSED: {part}: {measure} {figure} ({target_text})")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
