"""Sample questionnaire evaluations ("data contoh"): Monev KIP 2025 for the badan publik of the PPID and
Indeks KAMI 2025 for electronic systems, final and published, consistent with the bands.

Each subject is given a target (KAMI: a category and a status; Monev: a predikat) and answers are
searched so that the engine's own scoring lands in it: at least one subject per KAMI status and per
Monev predikat. Everything goes through the workflow services (as the system), so the audit trail
and the frozen results are those of a real cycle. Idempotent: a cycle already present is left alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction

from lontar.assessments.kami import kami_result
from lontar.assessments.models import Framework
from lontar.assessments.monev import monev_result
from lontar.assessments.questionnaire import Questionnaire
from lontar.assessments.selectors import framework_questionnaire
from lontar.evaluations.choices import SubjectKind
from lontar.evaluations.models import Cycle, QuestionnaireSubmission
from lontar.evaluations.services import questionnaires as svc
from lontar.evaluations.subjects import Subject, subjects
from lontar.organisations.models import Organisation

SUFFIX = " (data contoh)"
#: Monev KIP: (SAQ target, presentation score) per predikat, from Informatif down to Tidak Informatif
MONEV_TARGETS = [
    ("Informatif", 94, 95),
    ("Menuju Informatif", 84, 86),
    ("Cukup Informatif", 68, 72),
    ("Kurang Informatif", 48, 55),
    ("Tidak Informatif", 20, 30),
]
#: Indeks KAMI: (KSE total, status) per system; KSE total = 10 + 4·#A + #B
KAMI_TARGETS = [(35, "Baik"), (25, "Cukup Baik"), (12, "Pemenuhan Kerangka Kerja Dasar"), (25, "Tidak Layak")]
NAMED_SYSTEM = "Sistem Informasi Arsip Daerah"


@dataclass
class Outcome:
    cycles: int = 0
    results: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def kse_answers(q: Questionnaire, total: int) -> dict[str, str]:
    assert q.categorisation is not None
    a, b = divmod(total - 10, 4)
    codes = ["A"] * a + ["B"] * b + ["C"] * (10 - a - b)
    return {question.id: code for question, code in zip(q.categorisation.questions, codes, strict=True)}


def kami_answers(q: Questionnaire, kse: dict[str, str], status: str) -> dict[str, str]:
    """Answers whose status is ``status``: from every control fully implemented, lower stage 3 then stage 2
    answers one by one; "Tidak Layak" through the validity gate (stage 1 of Tata Kelola not done)."""
    answers = {question.id: "menyeluruh" for question in q.questions}
    if status == "Tidak Layak":
        for question in q.area_questions["tata-kelola"]:
            if question.tier == 1:
                answers[question.id] = "tidak"
    for tier in (3, 2):
        for question in q.questions:
            result = kami_result(q, answers, kse)
            if result.status is not None and result.status.name == status:
                return answers
            if question.tier == tier:
                answers[question.id] = "tidak"
    result = kami_result(q, answers, kse)
    if result.status is None or result.status.name != status:
        raise ValueError(f"no KAMI answers found for {status}")
    return answers


def monev_answers(q: Questionnaire, saq_target: int) -> dict[str, str]:
    """ "Ya" to the questions in order until the SAQ score reaches ``saq_target``, "Tidak" to the rest."""
    answers = {question.id: "tidak" for question in q.questions}
    for question in q.questions:
        if monev_result(q, answers, None).saq >= saq_target:
            break
        answers[question.id] = "ya"
    return answers


Plan = list[tuple[dict[str, str], dict[str, str], Decimal | None]]


def _run(cycle: Cycle, plan: Plan) -> list[tuple[str, str]]:
    out = []
    for sub, (answers, kse, presentation) in zip(
        QuestionnaireSubmission.objects.filter(cycle=cycle).order_by("pk"), plan, strict=True
    ):
        svc.questionnaire_answers_save(
            actor=None,
            submission=sub,
            answers={
                qid: {"option": code, "explanation": "Jawaban contoh (data contoh)."} for qid, code in answers.items()
            },
            category_answers=kse or None,
        )
        svc.questionnaire_submit(actor=None, submission=sub)
        svc.questionnaire_verify_save(
            actor=None,
            submission=sub,
            decisions={qid: (True, "") for qid in answers},
            presentation=presentation,
            note="Diverifikasi (data contoh).",
            done=True,
        )
        final, _changed = svc.questionnaire_finalise(actor=None, submission=sub)
        out.append((final.subject_name, final.final_status))
    svc.questionnaire_cycle_finalise(actor=None, cycle=cycle)
    return out


def load_monev(framework: Framework, outcome: Outcome) -> None:
    name = f"Monev KIP 2025{SUFFIX}"
    if Cycle.objects.filter(framework__code=framework.code, year=2025, name=name).exists():
        outcome.skipped.append(name)
        return
    bodies = subjects(SubjectKind.BODY)
    if not bodies:
        return
    q = framework_questionnaire(framework)
    plan: Plan = []
    for n, _body in enumerate(bodies):
        _predikat, saq, presentation = MONEV_TARGETS[n % len(MONEV_TARGETS)]
        plan.append((monev_answers(q, saq), {}, Decimal(presentation)))
    with transaction.atomic():
        cycle = svc.questionnaire_cycle_open(
            actor=None, framework=framework, year=2025, name=name, subjects=bodies, is_sample=True
        )
        outcome.results += _run(cycle, plan)
    outcome.cycles += 1


def load_kami(framework: Framework, province: Organisation, outcome: Outcome) -> None:
    name = f"Indeks KAMI 2025{SUFFIX}"
    if Cycle.objects.filter(framework__code=framework.code, year=2025, name=name).exists():
        outcome.skipped.append(name)
        return
    systems = subjects(SubjectKind.SYSTEM)[:3]
    systems.append(Subject(kind=SubjectKind.SYSTEM, ref="", name=NAMED_SYSTEM, organisation=province))
    q = framework_questionnaire(framework)
    plan: Plan = []
    for (total, status), _system in zip(KAMI_TARGETS, systems, strict=False):
        kse = kse_answers(q, total)
        plan.append((kami_answers(q, kse, status), kse, None))
    with transaction.atomic():
        cycle = svc.questionnaire_cycle_open(
            actor=None, framework=framework, year=2025, name=name, subjects=systems[: len(plan)], is_sample=True
        )
        outcome.results += _run(cycle, plan)
    outcome.cycles += 1


OPEN_OWNER_SLUG = "pemkab-kupang"


def load_open(monev: Framework, kami: Framework, outcome: Outcome) -> None:
    """Cycles of 2026 in progress: Monev KIP for every badan publik (one submitted, waiting for the
    verifier; Kabupaten Kupang's in draft for its team) and Indeks KAMI for a named system of Kabupaten
    Kupang and, when the Katalog TIK lists one, an application of its agencies."""
    name = f"Monev KIP 2026{SUFFIX}"
    if Cycle.objects.filter(framework__code=monev.code, year=2026, name=name).exists():
        outcome.skipped.append(name)
        return
    bodies = subjects(SubjectKind.BODY)
    owner = next((s.organisation for s in bodies if s.organisation.slug == OPEN_OWNER_SLUG), None)
    if not bodies or owner is None:
        return
    q = framework_questionnaire(monev)
    # and one application of its agencies from the Katalog TIK (when the module lists any): its draft
    # shows the Katalog TIK records Lontar suggests as evidence for the matching controls
    own_applications = [
        s for s in subjects(SubjectKind.SYSTEM) if s.ref and owner.pk in (s.organisation.pk, s.organisation.parent_id)
    ]
    with transaction.atomic():
        cycle = svc.questionnaire_cycle_open(
            actor=None, framework=monev, year=2026, name=name, subjects=bodies, is_sample=True
        )
        first = QuestionnaireSubmission.objects.filter(cycle=cycle).exclude(organisation=owner).order_by("pk").first()
        if first is not None:
            svc.questionnaire_answers_save(
                actor=None,
                submission=first,
                answers={
                    qid: {"option": code, "explanation": "Jawaban contoh (data contoh)."}
                    for qid, code in monev_answers(q, 75).items()
                },
            )
            svc.questionnaire_submit(actor=None, submission=first)
        svc.questionnaire_cycle_open(
            actor=None,
            framework=kami,
            year=2026,
            name=f"Indeks KAMI 2026{SUFFIX}",
            subjects=[
                Subject(
                    kind=SubjectKind.SYSTEM,
                    ref="",
                    name="Sistem Informasi Kepegawaian Kabupaten Kupang",
                    organisation=owner,
                ),
                *own_applications[:1],
            ],
            is_sample=True,
        )
    outcome.cycles += 2
