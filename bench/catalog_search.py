"""Catalogue search benchmark (issue 4, part c): p95 of catalogue searches over 10,000 datasets.

    .venv/bin/python bench/catalog_search.py [--datasets 10000] [--repeat 200]

Builds a fresh database under bench/out/catalog/ (SQLite; or PostgreSQL when DATABASE_URL is set
— use a scratch database), with the NTT regions and organisations and ``--datasets`` published
"data contoh" datasets spread over the OPD, topics, tags, years and formats. The datasets are
written with the catalogue's own snapshot and index code (``dataset_snapshot`` + ``entry_sync``)
rather than through the whole workflow, which would add an audit event per step and make seeding
take an hour; the search path measured is exactly the one the portal and the API use.

It then times, in process (Django test client, full request → response, templates included),
requests of several shapes, cold (search cache emptied before each) and warm (repeated): full
text, text plus a facet, facet filters, the CKAN ``package_search`` with facets and
``rows=100``, the harvester's ``metadata_modified`` range page sorted by id, and an ``fq`` on
tags. Prints p50/p95 per shape and writes bench/out/catalog-search-<time>.json (gitignored).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = Path(__file__).resolve().parent / "out"
TARGET_P95_MS = 50.0
WORDS = [
    "penduduk",
    "kesehatan",
    "puskesmas",
    "sekolah",
    "jalan",
    "irigasi",
    "nelayan",
    "wisatawan",
    "padi",
    "jagung",
    "ternak",
    "stunting",
    "kemiskinan",
    "pengangguran",
    "bantuan",
    "desa",
    "anggaran",
    "pajak",
    "listrik",
    "air",
]


def setup_django(workdir: Path) -> None:
    # test settings: no debug query log, static files without a manifest, mail kept in memory
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    os.environ["LONTAR_DATA_DIR"] = str(workdir)
    os.environ["LONTAR_DEBUG"] = "false"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def resource(i: int, fmt: str, when: str) -> dict:
    """A link resource of a seeded snapshot (no file, no datastore table)."""
    return {
        "id": f"{i}",
        "version_id": f"{i}",
        "slug": "tabel",
        "name": "Tabel",
        "description": "",
        "format": fmt,
        "url": "https://contoh.id/x.csv",
        "filename": "",
        "size": None,
        "sha256": "",
        "created": when,
        "last_modified": when,
        "datastore_table_id": None,
        "columns": [],
    }


def seed(count: int, rng: random.Random) -> None:
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from lontar.catalog.models import DataClass, Dataset, DatasetState, DatasetVersion, Tag, Topic
    from lontar.catalog.services.entries import entry_sync
    from lontar.catalog.services.snapshot import dataset_snapshot
    from lontar.organisations.models import Organisation

    call_command("migrate", verbosity=0)
    call_command("load_regions", stdout=open(os.devnull, "w"))  # noqa: SIM115
    call_command("load_organisations", stdout=open(os.devnull, "w"))  # noqa: SIM115
    opds = list(Organisation.objects.filter(kind="opd"))
    topics = list(Topic.objects.all())
    tags = [Tag.objects.get_or_create(name=w)[0] for w in WORDS]
    have = Dataset.objects.count()
    started = time.perf_counter()
    for i in range(have, count):
        with transaction.atomic():
            words = rng.sample(WORDS, 3)
            start = rng.randint(2015, 2024)
            dataset = Dataset.objects.create(
                slug=f"contoh-{i:05d}-{words[0]}",
                title=f"Data contoh {i}: {words[0]} dan {words[1]}",
                description=f"Data contoh sintetis tentang {' '.join(words)} per kabupaten/kota.",
                organisation=rng.choice(opds),
                data_class=DataClass.PUBLIK,
                temporal_start=start,
                temporal_end=start + rng.randint(0, 5),
                contact_email="data@contoh.id",
                is_sample=True,
                state=DatasetState.PUBLISHED,
                first_published_at=timezone.now(),
            )
            dataset.topics.set(rng.sample(topics, 2))
            dataset.tags.set([t for t in tags if t.name in words])
            now = timezone.now()
            snapshot = dataset_snapshot(dataset, [], {}, number=1, published_at=now, first_published_at=now)
            snapshot["resources"] = [
                {
                    "id": f"{i}",
                    "version_id": f"{i}",
                    "slug": "tabel",
                    "name": "Tabel",
                    "description": "",
                    "format": rng.choice(["CSV", "XLSX", "PDF"]),
                    "url": "https://contoh.id/x.csv",
                    "filename": "",
                    "size": None,
                    "sha256": "",
                    "created": now.isoformat(),
                    "last_modified": now.isoformat(),
                    "datastore_table_id": None,
                    "columns": [],
                }
            ]
            version = DatasetVersion.objects.create(
                dataset=dataset, number=1, snapshot=snapshot, data_class="publik", published_at=now
            )
            dataset.published_version = version
            dataset.save(update_fields=["published_version"])
            entry_sync(dataset)
        if (i + 1) % 1000 == 0:
            print(f"  seeded {i + 1:,} datasets ({time.perf_counter() - started:.0f} s)", flush=True)


def shapes(rng: random.Random) -> dict[str, list[str]]:
    def some(make):
        return [make() for _i in range(50)]

    return {
        "html: q one word": some(lambda: f"/dataset/?q={rng.choice(WORDS)}"),
        "html: q two words + topic facet": some(
            lambda: f"/dataset/?q={rng.choice(WORDS)}+{rng.choice(WORDS)}&groups=kesehatan"
        ),
        "html: no q, two facets, page 3": some(
            lambda: f"/dataset/?res_format=CSV&year={rng.randint(2015, 2024)}&page=3"
        ),
        "ckan: package_search q + 6 facets": some(
            lambda: (
                f"/api/3/action/package_search?q={rng.choice(WORDS)}&rows=100&facet.field="
                '["organization","groups","tags","res_format","license_id","year"]'
            )
        ),
        "ckan: harvester page (range, id asc)": some(
            lambda: (
                "/api/3/action/package_search?fq=metadata_modified:[2000-01-01T00:00:00Z TO *]"
                f"&sort=id asc&rows=100&start={rng.randint(0, 99) * 100}"
            )
        ),
        "ckan: fq organization + tags": some(
            lambda: f"/api/3/action/package_search?fq=tags:{rng.choice(WORDS)}&rows=20"
        ),
    }


def _stats(times: list[float]) -> dict[str, float]:
    times = sorted(times)
    return {
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)], 1),
        "max_ms": round(times[-1], 1),
    }


def _timed(client, url: str) -> float:
    started = time.perf_counter()
    response = client.get(url)
    elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, (url, response.status_code)
    return elapsed


def measure(repeat: int, rng: random.Random) -> dict[str, dict[str, dict[str, float]]]:
    """Per shape: "cold" (the search cache emptied before every request: the full computation)
    and "warm" (``repeat`` requests cycling over the same 50 URLs, as a busy portal sees them)."""
    from django.core.cache import cache
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    results = {}
    for name, urls in shapes(rng).items():
        for url in urls[:5]:
            client.get(url)  # warm up code paths and the database's page cache
        cold = []
        for url in urls:
            cache.clear()
            cold.append(_timed(client, url))
        warm = [_timed(client, urls[i % len(urls)]) for i in range(repeat)]
        results[name] = {"cold": _stats(cold), "warm": _stats(warm)}
        c, w = results[name]["cold"], results[name]["warm"]
        print(
            f"  {name:40s} cold p50 {c['p50_ms']:6.1f} p95 {c['p95_ms']:6.1f} ms | "
            f"warm p50 {w['p50_ms']:6.1f} p95 {w['p95_ms']:6.1f} ms",
            flush=True,
        )
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--datasets", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    workdir = OUT / "catalog"
    workdir.mkdir(parents=True, exist_ok=True)
    setup_django(workdir)
    from django.db import connection

    rng = random.Random(4)
    print(f"database: {connection.vendor}; seeding {args.datasets:,} datasets", flush=True)
    seed(args.datasets, rng)
    results = measure(args.repeat, rng)
    for kind in ("cold", "warm"):
        worst = max(r[kind]["p95_ms"] for r in results.values())
        verdict = "meets" if worst <= TARGET_P95_MS else "misses"
        print(f"worst {kind} p95 {worst:.1f} ms: {verdict} the target of {TARGET_P95_MS:.0f} ms", flush=True)
    print(f"load average during the run: {os.getloadavg()[0]:.1f} ({os.cpu_count()} CPUs)", flush=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    report = {
        "vendor": connection.vendor,
        "datasets": args.datasets,
        "repeat": args.repeat,
        "results": results,
        "loadavg": os.getloadavg(),
        "cpus": os.cpu_count(),
    }
    (OUT / f"catalog-search-{stamp}.json").write_text(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
