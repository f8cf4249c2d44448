"""Evaluation records for the access matrix (tests/access), built lazily into its world.

In the "own" kabupaten: an open cycle's draft submission with an asesor (held in the province)
assigned, a link in its evidence library cited by an answer, a target; and a final cycle whose
result has an issued LHE.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.utils import timezone

from lontar.assessments.definitions import parse_definition
from lontar.assessments.models import Framework
from lontar.assessments.services import framework_load
from lontar.core import documents
from lontar.core.files import atomic_with_files
from lontar.evaluations import services
from lontar.evaluations.models import AnswerEvidence, Report, Submission
from tests.access.engine import Actor

MINI = Path(__file__).parent / "data" / "mini.json"


def _framework() -> Framework:
    data = json.loads(MINI.read_text(encoding="utf-8"))
    framework_load(definition=parse_definition(MINI.read_bytes(), source=MINI.name), source_file=MINI.name)
    return Framework.objects.get(code=data["code"], is_current=True)


def _final(framework: Framework, places: dict[str, Any]) -> Submission:
    cycle = services.cycle_open(
        actor=None, framework=framework, year=2029, name="Matriks final", participants=[places["own"]]
    )
    submission = cycle.submissions.get()
    submission.answers.update(self_value=3, final_value=3)
    Submission.objects.filter(pk=submission.pk).update(
        state="final", final_index=Decimal("3.00"), final_predikat="Baik", finalised_at=timezone.now()
    )
    cycle.state, cycle.finalised_at = "final", timezone.now()
    cycle.save()
    pdf = documents.RenderedPdf(b"%PDF-1.4 matriks")
    report = Report(
        submission=submission, number="LHE-2029-00001-MATRIX", sha256=pdf.sha256, content_digest="0" * 64, size=pdf.size
    )
    with atomic_with_files():
        documents.store_pdf(report.pdf, pdf)
        report.save()
    return Submission.objects.get(pk=submission.pk)


def evaluation_world(world: dict[str, Any]) -> dict[str, Any]:
    if "evaluations" in world:
        return world["evaluations"]
    places = world["places"]
    framework = _framework()
    cycle = services.cycle_open(
        actor=None,
        framework=framework,
        year=2030,
        name="Matriks terbuka",
        participants=[places["own"], places["other"], places["province"]],
    )
    submission = cycle.submissions.get(organisation=places["own"])
    services.assignment_create(actor=None, submission=submission, asesor=world["users"][Actor("asesor", "province")])
    evidence = services.evidence_add(
        actor=None, organisation=places["own"], title="SK Tim SPBE", kind="regulation", url="https://example.org/sk"
    )
    AnswerEvidence.objects.create(answer=submission.answers.get(number="1"), evidence=evidence)
    services.target_set(
        actor=None, organisation=places["own"], framework_code=framework.code, year=2030, target_index="2.6"
    )
    final = _final(framework, places)
    world["evaluations"] = {
        "cycle": cycle,
        "submission": submission,
        "evidence": evidence,
        "final": final,
        "report": final.report,
        "slug": places["own"].slug,
    }
    return world["evaluations"]
