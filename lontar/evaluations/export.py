"""CSV and XLSX export of a whole cycle: one row per instansi × indicator, and (XLSX) the indices per instansi.

Text cells that a spreadsheet would read as a formula are escaped
(:func:`lontar.core.spreadsheets.escape_formula`); numbers are written as numbers.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from openpyxl import Workbook

from lontar.assessments import scoring
from lontar.core.spreadsheets import escape_formula
from lontar.evaluations.choices import STAGE_ORDER
from lontar.evaluations.models import Answer, Cycle, Review, Submission
from lontar.evaluations.scoring_inputs import effective_value, tree_of, values_of

INDICATOR_HEADER = [
    "cycle",
    "framework",
    "year",
    "region_code",
    "instansi_slug",
    "instansi",
    "state",
    "indicator",
    "indicator_name",
    "weight",
    "self_level",
    *[f"{stage}_level" for stage in STAGE_ORDER],
    "validated_level",
    "sample_data",
]


def _levels(cycle: Cycle) -> tuple[dict[int, dict[str, Any]], dict[tuple[int, str], dict[str, Decimal | None]]]:
    answers: dict[int, dict[str, Any]] = defaultdict(dict)
    for sub_id, number, self_value, final_value in (
        Answer.objects.filter(submission__cycle=cycle)
        .order_by()
        .values_list("submission_id", "number", "self_value", "final_value")
        .iterator(chunk_size=5000)
    ):
        answers[sub_id][number] = (self_value, final_value)
    stages: dict[tuple[int, str], dict[str, Decimal | None]] = defaultdict(dict)
    for sub_id, number, stage, value in (
        Review.objects.filter(answer__submission__cycle=cycle)
        .order_by()
        .values_list("answer__submission_id", "answer__number", "stage", "value")
        .iterator(chunk_size=5000)
    ):
        stages[(sub_id, number)][stage] = value
    return answers, stages


def indicator_rows(cycle: Cycle) -> Iterator[list[Any]]:
    """The long table: one row per participant and indicator, in tree order."""
    tree = tree_of(cycle.framework)
    answers, stages = _levels(cycle)
    submissions = cycle.submissions.select_related("organisation", "organisation__region").order_by(
        "organisation__region_id", "organisation__name"
    )
    for sub in submissions:
        for number, node in tree.indicators.items():
            self_value, final_value = answers.get(sub.pk, {}).get(number, (None, None))
            by_stage = stages.get((sub.pk, number), {})
            validated = final_value if sub.is_final else effective_value(by_stage)
            yield [
                cycle.name,
                cycle.framework.code,
                cycle.year,
                sub.organisation.region_id,
                sub.organisation.slug,
                sub.organisation.name,
                sub.get_state_display(),
                number,
                node.name,
                float(node.weight),
                self_value,
                *[by_stage.get(stage) for stage in STAGE_ORDER],
                validated,
                "ya" if cycle.is_sample else "tidak",
            ]


def index_rows(cycle: Cycle) -> Iterator[list[Any]]:
    """One row per participant: overall index, predikat and every domain/aspect index (validated levels)."""
    tree = tree_of(cycle.framework)
    answers, stages = _levels(cycle)
    header_nodes = list(tree.walk())
    yield [
        "region_code",
        "instansi_slug",
        "instansi",
        "state",
        "self_index",
        "index",
        "predikat",
        "provisional",
        *[f"{n.kind} {n.number}" for n in header_nodes],
    ]
    subs: list[Submission] = list(
        cycle.submissions.select_related("organisation").order_by("organisation__region_id", "organisation__name")
    )
    for sub in subs:
        values = values_of(
            (number, final if sub.is_final else effective_value(stages.get((sub.pk, number), {})))
            for number, (_self, final) in answers.get(sub.pk, {}).items()
        )
        score = scoring.score(tree, values)
        yield [
            sub.organisation.region_id,
            sub.organisation.slug,
            sub.organisation.name,
            sub.get_state_display(),
            sub.self_index,
            score.index,
            score.predikat.name if score.predikat else "",
            "ya" if (score.provisional or not sub.is_final) else "tidak",
            *[n.index for n in score.nodes],
        ]


def _csv_value(value: Any) -> Any:
    """Levels as written ("3", "3.25"), text made safe for spreadsheets."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return escape_formula(value)


def write_csv(cycle: Cycle, stream: Any) -> int:
    writer = csv.writer(stream)
    writer.writerow(INDICATOR_HEADER)
    count = 0
    for row in indicator_rows(cycle):
        writer.writerow([_csv_value(v) for v in row])
        count += 1
    return count


def write_xlsx(cycle: Cycle, stream: Any) -> int:
    book = Workbook(write_only=True)
    indices = book.create_sheet("Indeks")
    for row in index_rows(cycle):
        indices.append([escape_formula(v) for v in row])
    levels = book.create_sheet("Indikator")
    levels.append(INDICATOR_HEADER)
    count = 0
    for row in indicator_rows(cycle):
        levels.append([escape_formula(v) for v in row])
        count += 1
    book.save(stream)
    return count
