"""Evaluation benchmark: national-scale results, a full recomputation, the dashboard and the ranking.

    .venv/bin/python bench/evaluation.py [--db sqlite|postgres|both] [--instansi 600] [--years 5]
                                         [--repeat 40]

For each database the script prepares a throwaway database (a SQLite file in a temporary
directory, or the PostgreSQL databases ``lontar_evl_bench`` and ``lontar_evl_bench_ds``, dropped
and re-created on ``BENCH_POSTGRES_URL``, default ``postgres://postgres@127.0.0.1:5432``) and runs
itself as a child process there (test settings: DEBUG off), which

1. migrates, loads the NTT regions and organisations and the ``spbe-2020`` framework;
2. adds synthetic instansi ("data contoh") up to ``--instansi`` (the 23 real NTT instansi plus
   invented ones placed in NTT kab/kota) and, for each of ``--years`` years, two final cycles:
   the NTT province cycle (23 instansi) and a national-scale cycle (all the others) — by default
   600 instansi × 47 indicators × 5 years = 141,000 final levels, every stored index computed
   with ``assessments.scoring`` from those levels;
3. times, in-process (server time, no network):
   * a **full recomputation** of every index (overall, every domain and aspect) of every
     submission from the stored levels (``lontar.evaluations.recompute``; it also checks that
     nothing differs from the stored results) — target ≤ 2 s;
   * the **province dashboard** page (``/evaluasi/dasbor/<NTT cycle>/``: ranking with change,
     distribution, map, heat-map, weakest indicators) — target p95 ≤ 100 ms;
   * the **national-scale ranking** (``/api/v1/evaluations/cycles/<national cycle>/ranking``,
     about 577 rows with the change since the year before) — target p95 ≤ 300 ms;
   * for information, the national-scale heat-map query (600 × 47 levels) and dashboard page.

It prints the figures and writes them to ``bench/out/evaluation-<time>.json`` (gitignored). The
exit code is 1 when a target is missed or the recomputation finds a difference.
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
PG_DATABASES = ("lontar_evl_bench", "lontar_evl_bench_ds")
TARGETS = {"recompute_s": 2.0, "province_dashboard_p95_ms": 100.0, "national_ranking_p95_ms": 300.0}
FIRST_YEAR = 2021


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--db", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--instansi", type=int, default=600, help="instansi per year (default 600)")
    parser.add_argument("--years", type=int, default=5, help="years of final cycles (default 5)")
    parser.add_argument("--repeat", type=int, default=40, help="requests per timed page (default 40)")
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


def _reference_data() -> Any:
    from django.core.management import call_command

    from lontar.assessments.definitions import FRAMEWORKS_DIR, read_definition
    from lontar.assessments.models import Framework
    from lontar.assessments.services import framework_load
    from lontar.organisations.services import organisations_load, regions_load

    call_command("migrate", verbosity=0)
    regions_load()
    organisations_load()
    path = FRAMEWORKS_DIR / "spbe-2020.json"
    framework_load(definition=read_definition(path), source_file=path.name)
    return Framework.objects.get(code="spbe-2020", is_current=True)


def _instansi(total: int) -> tuple[list[Any], list[Any]]:
    """(the real NTT instansi, synthetic instansi up to ``total``) — the synthetic ones in NTT kab/kota."""
    from lontar.organisations.models import Organisation, Region

    real = list(Organisation.objects.filter(kind="instansi", region__level__in=("provinsi", "kabupaten", "kota")))
    regions = list(Region.objects.filter(level__in=("kabupaten", "kota")).order_by("code"))
    synthetic = [
        Organisation(
            slug=f"bench-instansi-{i:04d}",
            name=f"Instansi contoh {i:04d} (data contoh)",
            kind="instansi",
            region=regions[i % len(regions)],
            is_sample=True,
        )
        for i in range(max(0, total - len(real)))
    ]
    Organisation.objects.bulk_create(synthetic, batch_size=1000)
    return real, list(Organisation.objects.filter(slug__startswith="bench-instansi-").order_by("slug"))


def _final_cycle(framework: Any, tree: Any, year: int, name: str, orgs: list[Any], rng: Any) -> Any:
    """A final cycle whose stored indices are exactly what scoring gives for its levels."""
    from django.utils import timezone

    from lontar.assessments import scoring
    from lontar.assessments.models import NodeKind
    from lontar.evaluations.models import Answer, Cycle, Submission

    now = timezone.now()
    cycle = Cycle.objects.create(
        framework=framework, year=year, name=name, state="final", finalised_at=now, is_sample=True
    )
    nodes = list(framework.nodes.filter(kind=NodeKind.INDICATOR).order_by("position"))
    levels_by_org = {}
    subs = []
    for org in orgs:
        base = rng.uniform(1.3, 4.2) + (year - FIRST_YEAR) * 0.1
        levels = {n.number: max(1, min(5, round(base + rng.gauss(0, 0.9)))) for n in nodes}
        result = scoring.score(tree, levels)
        levels_by_org[org.pk] = levels
        subs.append(
            Submission(
                cycle=cycle,
                organisation=org,
                state="final",
                submitted_at=now,
                self_index=result.index,
                final_index=result.index,
                final_predikat=result.predikat.name if result.predikat else "",
                finalised_at=now,
            )
        )
    Submission.objects.bulk_create(subs, batch_size=1000)
    answers = [
        Answer(
            submission=sub,
            node=node,
            number=node.number,
            self_value=levels_by_org[sub.organisation_id][node.number],
            final_value=levels_by_org[sub.organisation_id][node.number],
        )
        for sub in Submission.objects.filter(cycle=cycle)
        for node in nodes
    ]
    Answer.objects.bulk_create(answers, batch_size=5000)
    return cycle


def worker(args: argparse.Namespace) -> dict[str, Any]:
    import random

    from django.db import connection
    from django.test import Client

    from lontar.evaluations.recompute import recompute
    from lontar.evaluations.scoring_inputs import tree_of
    from lontar.evaluations.selectors import dashboard as board

    started = time.perf_counter()
    framework = _reference_data()
    tree = tree_of(framework)
    real, synthetic = _instansi(args.instansi)
    rng = random.Random(2026)
    ntt = national = None
    for year in range(FIRST_YEAR, FIRST_YEAR + args.years):
        ntt = _final_cycle(framework, tree, year, f"Evaluasi SPBE NTT {year} (data contoh)", real, rng)
        national = _final_cycle(framework, tree, year, f"Evaluasi SPBE nasional {year} (data contoh)", synthetic, rng)
    load_s = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    recompute_runs = []
    report = None
    for _ in range(3):
        t0 = time.perf_counter()
        report = recompute()
        recompute_runs.append(time.perf_counter() - t0)
    client = Client()
    rows = board.ranking(national, kabkota_only=True)
    return {
        "db": connection.vendor,
        "instansi_per_year": len(real) + len(synthetic),
        "years": args.years,
        "levels": report.submissions * len(tree.indicators) if report else 0,
        "submissions": report.submissions if report else 0,
        "indices": report.indices if report else 0,
        "mismatches": len(report.mismatches) if report else -1,
        "load_s": round(load_s, 1),
        "recompute_s": round(min(recompute_runs), 3),
        "recompute_runs_s": [round(r, 3) for r in recompute_runs],
        "province_dashboard": timed(get_ok(client, f"/evaluasi/dasbor/{ntt.pk}/"), args.repeat),
        "national_ranking": timed(get_ok(client, f"/api/v1/evaluations/cycles/{national.pk}/ranking"), args.repeat),
        "national_ranking_rows": len(rows),
        "national_heatmap_query": timed(lambda: board.heatmap(national, rows), max(5, args.repeat // 4)),
        "national_dashboard": timed(get_ok(client, f"/evaluasi/dasbor/{national.pk}/"), max(5, args.repeat // 8)),
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
        PYTHONPATH=str(ROOT),
    )
    command = [
        str(PYTHON),
        __file__,
        "--worker",
        f"--instansi={args.instansi}",
        f"--years={args.years}",
        f"--repeat={args.repeat}",
    ]
    completed = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        sys.stderr.write(completed.stdout + completed.stderr)
        raise SystemExit(f"the {db} run failed")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def verdict(result: dict[str, Any]) -> list[str]:
    missed = []
    if result["recompute_s"] > TARGETS["recompute_s"]:
        missed.append(f"recomputation {result['recompute_s']} s > {TARGETS['recompute_s']} s")
    if result["province_dashboard"]["p95_ms"] > TARGETS["province_dashboard_p95_ms"]:
        missed.append(f"province dashboard p95 {result['province_dashboard']['p95_ms']} ms")
    if result["national_ranking"]["p95_ms"] > TARGETS["national_ranking_p95_ms"]:
        missed.append(f"national ranking p95 {result['national_ranking']['p95_ms']} ms")
    if result["mismatches"]:
        missed.append(f"{result['mismatches']} recomputed results differ from the stored ones")
    return missed


def report(result: dict[str, Any]) -> None:
    print(
        f"\n{result['db']}: {result['instansi_per_year']} instansi × 47 indicators × {result['years']} years = "
        f"{result['levels']:,} levels ({result['submissions']:,} results); loaded in {result['load_s']} s"
    )
    print(
        f"  full recomputation     {result['recompute_s']:.3f} s  ({result['indices']:,} indices; runs "
        f"{result['recompute_runs_s']}; {result['mismatches']} differences)   target ≤ {TARGETS['recompute_s']} s"
    )
    for key, label, target in (
        ("province_dashboard", "province dashboard    ", TARGETS["province_dashboard_p95_ms"]),
        ("national_ranking", "national ranking (API)", TARGETS["national_ranking_p95_ms"]),
        ("national_heatmap_query", "national heat-map query", None),
        ("national_dashboard", "national dashboard page", None),
    ):
        figures = result[key]
        suffix = f"   target p95 ≤ {target:.0f} ms" if target else "   (information)"
        print(f"  {label}  p50 {figures['p50_ms']:7.1f} ms  p95 {figures['p95_ms']:7.1f} ms{suffix}")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.worker:
        _setup_django()
        print(json.dumps(worker(args)))
        return 0
    if args.instansi < 30 or args.years < 2 or args.repeat < 5:
        raise SystemExit("use at least 30 instansi, 2 years and 5 repetitions")
    print(f"load average before: {os.getloadavg()[0]:.2f} (the figures depend on what else the machine runs)")
    results, missed = [], []
    for db in ("sqlite", "postgres") if args.db == "both" else (args.db,):
        with tempfile.TemporaryDirectory(prefix="lontar-bench-evl-") as workdir:
            result = run_child(db, args, Path(workdir))
        report(result)
        results.append(result)
        missed += [f"{db}: {m}" for m in verdict(result)]
    OUT.mkdir(exist_ok=True)
    target = OUT / f"evaluation-{time.strftime('%Y%m%d-%H%M%S')}.json"
    target.write_text(json.dumps({"targets": TARGETS, "results": results}, indent=2), encoding="utf-8")
    print(f"\nwritten to {target.relative_to(ROOT)}")
    for line in missed:
        print(f"MISSED: {line}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
