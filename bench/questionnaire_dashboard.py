"""Questionnaire dashboard benchmark: the province dashboard of an Indeks KAMI and a Monev KIP cycle.

    .venv/bin/python bench/questionnaire_dashboard.py [--db sqlite|postgres|both] [--subjects 600]
                                                      [--years 5] [--repeat 40]

For each database the script prepares a throwaway database (a SQLite file in a temporary directory,
or the PostgreSQL databases ``lontar_qdash_bench`` and ``lontar_qdash_bench_ds``, or those named in
``BENCH_PG_DATABASES``, on ``BENCH_POSTGRES_URL``) and runs itself as a child process there (test
settings, DEBUG off), which

1. migrates, loads the NTT regions and organisations and the ``kami-5`` and ``monev-kip`` files;
2. for each of ``--years`` years and each framework, a final cycle of ``--subjects`` subjects
   ("data contoh") spread over the NTT instansi, every subject with one answer per question
   (KAMI 212, Monev 25) and a final status or predikat — by default 600 × 5 × 2 cycles;
3. times, in-process (server time, no network), the dashboard page of the latest cycle of each
   framework (``/evaluasi/kuesioner/dasbor/<id>/``: statuses per kab/kota, the distribution chart
   and the list of final results) — target p95 ≤ 100 ms.

It prints the figures and writes them to ``bench/out/questionnaire-dashboard-<time>.json``
(gitignored). The exit code is 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

from benchlib import get_ok, postgres_databases, timed

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
OUT = Path(__file__).resolve().parent / "out"
PG_DATABASES = tuple(os.environ.get("BENCH_PG_DATABASES", "lontar_qdash_bench,lontar_qdash_bench_ds").split(","))
TARGET_P95_MS = 100.0
FIRST_YEAR = 2021


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--db", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--subjects", type=int, default=600, help="subjects per cycle (default 600)")
    parser.add_argument("--years", type=int, default=5, help="years of final cycles (default 5)")
    parser.add_argument("--repeat", type=int, default=40, help="requests per timed page (default 40)")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.test.utils import setup_test_environment

    setup_test_environment()


def _frameworks() -> dict[str, Any]:
    from django.core.management import call_command

    from lontar.assessments.definitions import FRAMEWORKS_DIR, read_definition
    from lontar.assessments.selectors import questionnaire_framework_get
    from lontar.assessments.services import framework_load
    from lontar.organisations.services import organisations_load, regions_load

    call_command("migrate", verbosity=0)
    regions_load()
    organisations_load()
    out = {}
    for code in ("kami-5", "monev-kip"):
        path = FRAMEWORKS_DIR / f"{code}.json"
        framework_load(definition=read_definition(path), source_file=path.name)
        out[code] = questionnaire_framework_get(code)
    return out


def _final_cycle(framework: Any, year: int, subjects: int, orgs: list[Any], rng: Any) -> Any:
    """A final cycle whose subjects have every answer and a status drawn from the framework's bands."""
    from django.utils import timezone

    from lontar.assessments.selectors import framework_questionnaire
    from lontar.evaluations.models import Cycle, QuestionnaireAnswer, QuestionnaireSubmission

    q = framework_questionnaire(framework)
    kind = "system" if framework.code.startswith("kami") else "body"
    statuses = sorted({b.name for table in q.bands.values() for b in table})
    codes = [o.code for o in next(iter(q.answer_sets.values())).options]
    now = timezone.now()
    cycle = Cycle.objects.create(
        framework=framework,
        year=year,
        name=f"{framework.code} {year} (data contoh)",
        state="final",
        finalised_at=now,
        is_sample=True,
    )
    subs = [
        QuestionnaireSubmission(
            cycle=cycle,
            organisation=orgs[i % len(orgs)],
            subject_kind=kind,
            subject_ref=str(i),
            subject_name=f"Subjek contoh {i:04d}",
            state="final",
            final_score=Decimal(rng.randint(0, 9000)) / 100,
            final_status=rng.choice(statuses),
            finalised_at=now,
        )
        for i in range(subjects)
    ]
    QuestionnaireSubmission.objects.bulk_create(subs, batch_size=1000)
    answers = [
        QuestionnaireAnswer(submission=sub, question=question.id, option=rng.choice(codes), accepted=True)
        for sub in QuestionnaireSubmission.objects.filter(cycle=cycle)
        for question in q.questions
    ]
    QuestionnaireAnswer.objects.bulk_create(answers, batch_size=5000)
    return cycle


def worker(args: argparse.Namespace) -> dict[str, Any]:
    import random

    from django.db import connection
    from django.test import Client

    from lontar.organisations.models import Organisation

    started = time.perf_counter()
    frameworks = _frameworks()
    orgs = list(Organisation.objects.filter(kind="instansi", region__level__in=("provinsi", "kabupaten", "kota")))
    rng = random.Random(2026)
    latest = {}
    for year in range(FIRST_YEAR, FIRST_YEAR + args.years):
        for code, framework in frameworks.items():
            latest[code] = _final_cycle(framework, year, args.subjects, orgs, rng)
    load_s = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    client = Client()
    return {
        "db": connection.vendor,
        "subjects": args.subjects,
        "years": args.years,
        "load_s": round(load_s, 1),
        **{
            f"{code}_dashboard": timed(get_ok(client, f"/evaluasi/kuesioner/dasbor/{cycle.pk}/"), args.repeat)
            for code, cycle in latest.items()
        },
    }


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
        f"--subjects={args.subjects}",
        f"--years={args.years}",
        f"--repeat={args.repeat}",
    ]
    completed = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        sys.stderr.write(completed.stdout + completed.stderr)
        raise SystemExit(f"the {db} run failed")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.worker:
        _setup_django()
        print(json.dumps(worker(args)))
        return 0
    print(f"load average before: {os.getloadavg()[0]:.2f} (the figures depend on what else the machine runs)")
    results, missed = [], []
    for db in ("sqlite", "postgres") if args.db == "both" else (args.db,):
        with tempfile.TemporaryDirectory(prefix="lontar-bench-qdash-") as workdir:
            result = run_child(db, args, Path(workdir))
        print(
            f"\n{db}: {result['subjects']} subjects × {result['years']} years × 2 frameworks; "
            f"loaded in {result['load_s']} s"
        )
        for code in ("kami-5", "monev-kip"):
            figures = result[f"{code}_dashboard"]
            print(
                f"  {code:10} dashboard  p50 {figures['p50_ms']:7.1f} ms  p95 {figures['p95_ms']:7.1f} ms  "
                f"max {figures['max_ms']:7.1f} ms   target p95 ≤ {TARGET_P95_MS:.0f} ms"
            )
            if figures["p95_ms"] > TARGET_P95_MS:
                missed.append(f"{db}: {code} dashboard p95 {figures['p95_ms']} ms")
        results.append(result)
    OUT.mkdir(exist_ok=True)
    target = OUT / f"questionnaire-dashboard-{time.strftime('%Y%m%d-%H%M%S')}.json"
    target.write_text(json.dumps({"target_p95_ms": TARGET_P95_MS, "results": results}, indent=2), encoding="utf-8")
    print(f"\nwritten to {target.relative_to(ROOT)}")
    for line in missed:
        print(f"MISSED: {line}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
