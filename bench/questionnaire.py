"""Questionnaire scoring benchmark (Indeks KAMI, Monev KIP): a national-scale recomputation, pure Python.

    .venv/bin/python bench/questionnaire.py [--bodies 600] [--questions 200] [--years 5] [--seed 1]

Scoring is a pure function (``lontar.assessments.questionnaire_scoring``), so this benchmark needs no
database: it builds ``--bodies`` × ``--years`` random answer sets ("data contoh") and times scoring
all of them with

* **Indeks KAMI 5.0** (the shipped ``kami-5.json``: 202 questions in 7 areas + 10 KSE questions;
  category, status table, validity gate, stage-3 rule, maturity per area, stage-1 gaps), and
* **Monev KIP** with ``--questions`` questions (the shipped ``monev-kip.json`` structure, its sample
  questions repeated across the six indicators up to that count; SAQ shares, final formula with the
  presentation weight, predikat).

The target is ≤ 2 s for each full recomputation (600 × 200 × 5 = 600,000 answers), the same target
as the SPBE recomputation in ``bench/evaluation.py``. It is checked against the **CPU seconds** of the
process (single-threaded, so equal to the wall time on an idle machine); the wall time is printed too,
as it grows with whatever else the (shared) machine runs. The figures are printed and written to
``bench/out/questionnaire-<time>.json`` (gitignored); the exit code is 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = Path(__file__).resolve().parent / "out"
TARGET_S = 2.0


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--bodies", type=int, default=600, help="bodies (or systems) per year (default 600)")
    parser.add_argument("--questions", type=int, default=200, help="Monev KIP questions (default 200)")
    parser.add_argument("--years", type=int, default=5, help="years (default 5)")
    parser.add_argument("--seed", type=int, default=1)
    return parser.parse_args(argv)


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    os.environ.setdefault("LONTAR_DATA_DIR", "/tmp/lontar-bench-questionnaire")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _monev_document(questions: int) -> bytes:
    from lontar.assessments.definitions import FRAMEWORKS_DIR

    data = json.loads((FRAMEWORKS_DIR / "monev-kip.json").read_text(encoding="utf-8"))
    sample = data["questions"]
    grown = []
    for n in range(questions):
        question = copy.deepcopy(sample[n % len(sample)])
        question["id"] = f"{question['id']}.{n // len(sample) + 1}"
        grown.append(question)
    data["questions"] = grown
    data["version"] = f"bench-{questions}"
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    _setup_django()
    from lontar.assessments.definitions import FRAMEWORKS_DIR, parse_definition, read_definition
    from lontar.assessments.kami import kami_result
    from lontar.assessments.monev import monev_result

    rng = random.Random(args.seed)
    kami = read_definition(FRAMEWORKS_DIR / "kami-5.json").questionnaire
    monev = parse_definition(_monev_document(args.questions), source="monev-bench.json").questionnaire
    assert kami is not None and kami.categorisation is not None and monev is not None
    categorisation = kami.categorisation
    subjects = args.bodies * args.years

    kami_codes = ["tidak", "perencanaan", "sebagian", "menyeluruh", "menyeluruh", "menyeluruh", "tidak-berlaku"]
    kami_inputs = []
    for _ in range(subjects):
        answers = {q.id: rng.choice(kami_codes) for q in kami.questions}
        kse = {q.id: rng.choice("ABC") for q in categorisation.questions}
        kami_inputs.append((answers, kse))
    monev_inputs = [
        (
            {q.id: rng.choice(("ya", "ya", "ya", "tidak", "tidak-berlaku")) for q in monev.questions},
            rng.randint(40, 100),
        )
        for _ in range(subjects)
    ]

    started, cpu = time.perf_counter(), time.process_time()
    statuses: dict[str, int] = {}
    for answers, kse in kami_inputs:
        status = kami_result(kami, answers, kse).status
        statuses[status.name if status else "-"] = statuses.get(status.name if status else "-", 0) + 1
    kami_wall, kami_s = time.perf_counter() - started, time.process_time() - cpu

    started, cpu = time.perf_counter(), time.process_time()
    predikat: dict[str, int] = {}
    for answers, presentation in monev_inputs:
        band = monev_result(monev, answers, presentation).predikat
        predikat[band.name if band else "-"] = predikat.get(band.name if band else "-", 0) + 1
    monev_wall, monev_s = time.perf_counter() - started, time.process_time() - cpu

    figures = {
        "bodies": args.bodies,
        "years": args.years,
        "kami_questions": len(kami.questions) + len(categorisation.questions),
        "monev_questions": len(monev.questions),
        "kami_recompute_cpu_s": round(kami_s, 3),
        "kami_recompute_wall_s": round(kami_wall, 3),
        "monev_recompute_cpu_s": round(monev_s, 3),
        "monev_recompute_wall_s": round(monev_wall, 3),
        "kami_statuses": statuses,
        "monev_predikat": predikat,
        "target_s": TARGET_S,
    }
    print(
        f"Indeks KAMI: {subjects} systems × {figures['kami_questions']} questions scored in {kami_s:.3f} CPU s "
        f"({kami_wall:.3f} s wall; target ≤ {TARGET_S} s) — statuses {statuses}"
    )
    print(
        f"Monev KIP:   {subjects} bodies × {len(monev.questions)} questions scored in {monev_s:.3f} CPU s "
        f"({monev_wall:.3f} s wall; target ≤ {TARGET_S} s) — predikat {predikat}"
    )
    OUT.mkdir(exist_ok=True)
    (OUT / f"questionnaire-{time.strftime('%Y%m%d-%H%M%S')}.json").write_text(json.dumps(figures, indent=1))
    return 0 if kami_s <= TARGET_S and monev_s <= TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
