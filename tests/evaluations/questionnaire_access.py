"""Access-matrix rules of the questionnaire pages (merged into tests/access/rules.py).

Records, built the first time a rule asks for them, in the "own" kabupaten: a KAMI draft of an
electronic system, a submitted Monev KIP questionnaire, and a final Monev cycle whose result has an
issued report.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils import timezone

from lontar.core import documents
from lontar.core.files import atomic_with_files
from lontar.evaluations.choices import SubjectKind
from lontar.evaluations.models import QuestionnaireReport, QuestionnaireSubmission
from lontar.evaluations.services import questionnaires as svc
from lontar.evaluations.subjects import Subject
from tests.access.engine import Actor, Rule, method_not_allowed, public
from tests.evaluations.questionnaire_helpers import load

_TEAM_ROLES = ("admin", "tim_koordinasi")


def questionnaire_world(world: dict[str, Any]) -> dict[str, Any]:
    if "questionnaires" in world:
        return world["questionnaires"]
    own = world["places"]["own"]
    monev, kami = load("monev-kip"), load("kami-5")

    def open_one(framework: Any, kind: str, name: str, year: int) -> QuestionnaireSubmission:
        cycle = svc.questionnaire_cycle_open(
            actor=None,
            framework=framework,
            year=year,
            name=name,
            subjects=[Subject(kind=kind, ref="1", name=f"{name} subjek", organisation=own)],
        )
        return QuestionnaireSubmission.objects.get(cycle=cycle)

    draft = open_one(kami, SubjectKind.SYSTEM, "KAMI matriks", 2029)
    submitted = open_one(monev, SubjectKind.BODY, "Monev matriks", 2029)
    QuestionnaireSubmission.objects.filter(pk=submitted.pk).update(state="submitted")
    final = open_one(monev, SubjectKind.BODY, "Monev matriks final", 2028)
    now = timezone.now()
    QuestionnaireSubmission.objects.filter(pk=final.pk).update(
        state="final", final_score=Decimal("70.00"), final_status="Cukup Informatif", finalised_at=now
    )
    cycle = final.cycle
    cycle.state, cycle.finalised_at = "final", now
    cycle.save()
    pdf = documents.RenderedPdf(b"%PDF-1.4 matriks kuesioner")
    report = QuestionnaireReport(
        submission=final, number="LHK-2028-00001-MATRIX", sha256=pdf.sha256, content_digest="0" * 64, size=pdf.size
    )
    with atomic_with_files():
        documents.store_pdf(report.pdf, pdf)
        report.save()
    world["questionnaires"] = {"draft": draft, "submitted": submitted, "final": final, "report": report}
    return world["questionnaires"]


def _pk(key: str):
    return lambda w: {"pk": questionnaire_world(w)[key].pk}


def _manager(actor: Actor) -> bool:
    return actor.province_wide


def _team(actor: Actor) -> bool:
    return actor.place == "own" and actor.role in _TEAM_ROLES


def _province_asesor(actor: Actor) -> bool:
    return actor.role == "asesor" and actor.place == "province"


def _draft_page(actor: Actor) -> int:
    # the owner's team and the province's managers; asesor see nothing in draft
    if actor.anonymous:
        return 302
    return 200 if _team(actor) or _manager(actor) else 404


def _submitted_page(actor: Actor) -> int:
    if actor.anonymous:
        return 302
    return 200 if _team(actor) or _manager(actor) or _province_asesor(actor) else 404


def _verify_page(actor: Actor) -> int:
    # verifiers: province managers and province asesor, never the owner's team
    if actor.anonymous:
        return 302
    return 200 if _manager(actor) or _province_asesor(actor) else 404


def _manager_page(actor: Actor) -> int:
    if actor.anonymous:
        return 302
    return 200 if _manager(actor) else 404


QUESTIONNAIRES: dict[str, Rule] = {
    "evaluations:q_cycle_list": Rule(public),
    "evaluations:q_cycle_open": Rule(_manager_page),
    "evaluations:q_cycle": Rule(public, lambda w: {"pk": questionnaire_world(w)["final"].cycle_id}),
    "evaluations:q_cycle_finalise": Rule(
        method_not_allowed, lambda w: {"pk": questionnaire_world(w)["final"].cycle_id}
    ),
    "evaluations:q_dashboard": Rule(public, lambda w: {"pk": questionnaire_world(w)["final"].cycle_id}),
    "evaluations:q_report_verify": Rule(public, lambda w: {"number": questionnaire_world(w)["report"].number}),
    "evaluations:q_detail": Rule(_submitted_page, _pk("submitted")),
    "evaluations:q_category": Rule(_draft_page, _pk("draft")),
    "evaluations:q_area": Rule(_draft_page, lambda w: {**_pk("draft")(w), "area": "tata-kelola"}),
    "evaluations:q_submit": Rule(method_not_allowed, _pk("draft")),
    "evaluations:q_suggestion": Rule(method_not_allowed, lambda w: {**_pk("draft")(w), "question": "1.1"}),
    "evaluations:q_verify": Rule(_verify_page, _pk("submitted")),
    "evaluations:q_finalise": Rule(method_not_allowed, _pk("submitted")),
    "evaluations:q_result": Rule(public, _pk("final")),
    "evaluations:q_report_issue": Rule(method_not_allowed, _pk("final")),
    "evaluations:q_report_download": Rule(public, _pk("final")),
}
