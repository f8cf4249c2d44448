"""Reads of the questionnaire evaluations (Indeks KAMI, Monev KIP): who sees what, results, history, dashboard.

* Managers (province admin / tim_koordinasi) see every questionnaire; the owner's team its own;
  an asesor every submitted one (verification is province-wide); everybody the results of a
  final (published) cycle. Anyone else gets 404.
* The dashboard is per cycle: one framework in every figure.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils.formats import get_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from lontar.accounts.permissions import visible_by
from lontar.assessments.questionnaire import Questionnaire
from lontar.assessments.selectors import framework_questionnaire
from lontar.core.svg import Chart, radar_chart
from lontar.evaluations import permissions
from lontar.evaluations.choices import CycleState, QuestionnaireState
from lontar.evaluations.models import Cycle, QuestionnaireSubmission
from lontar.evaluations.questionnaire_results import QuestionnaireResult, build_result

QUESTIONNAIRE = "questionnaire"


def _base() -> QuerySet[QuestionnaireSubmission]:
    return QuestionnaireSubmission.objects.select_related(
        "cycle", "cycle__framework", "organisation", "organisation__region"
    )


def questionnaires_visible(actor: Any) -> QuerySet[QuestionnaireSubmission]:
    qs = _base()
    if not getattr(actor, "is_authenticated", False):
        return qs.none()
    if permissions.is_manager(actor):
        return qs
    own = visible_by(qs, (permissions.TEAM,), actor)
    if permissions.is_province_asesor(actor):
        return qs.filter(Q(pk__in=own.values("pk")) | ~Q(state=QuestionnaireState.DRAFT))
    return own


def questionnaire_get_for_actor(actor: Any, pk: Any) -> QuestionnaireSubmission:
    try:
        return questionnaires_visible(actor).get(pk=int(pk))
    except (QuestionnaireSubmission.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def questionnaire_get_for_result(actor: Any, pk: Any) -> QuestionnaireSubmission:
    """Results are public once the cycle is final; before, only for those who see the submission."""
    try:
        sub = _base().get(pk=int(pk))
    except (QuestionnaireSubmission.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
    if sub.cycle.is_final:
        return sub
    return questionnaire_get_for_actor(actor, pk)


def questionnaire_cycles_for(actor: Any) -> QuerySet[Cycle]:
    qs = (
        Cycle.objects.filter(framework__kind=QUESTIONNAIRE)
        .select_related("framework")
        .annotate(subject_count=Count("questionnaires", distinct=True))
        .order_by("-year", "framework__code", "name")
    )
    if permissions.is_manager(actor):
        return qs
    mine = questionnaires_visible(actor).values("cycle_id")
    return qs.filter(Q(state=CycleState.FINAL) | Q(pk__in=mine))


def questionnaire_cycle_get(actor: Any, pk: Any) -> Cycle:
    """A questionnaire cycle: public once final, managers before."""
    try:
        cycle = Cycle.objects.select_related("framework").get(pk=int(pk), framework__kind=QUESTIONNAIRE)
    except (Cycle.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
    if cycle.is_final or permissions.is_manager(actor):
        return cycle
    raise Http404


_BUILT: dict[tuple[int, str], Questionnaire] = {}


def cycle_questionnaire(cycle: Cycle) -> Questionnaire:
    """The cycle's questionnaire, built once per process for each stored framework version (a stored
    version never changes once a result uses it; the checksum keys any change before that)."""
    framework = cycle.framework
    key = (framework.pk, framework.checksum)
    if key not in _BUILT:
        if len(_BUILT) > 50:
            _BUILT.clear()
        _BUILT[key] = framework_questionnaire(framework)
    return _BUILT[key]


def questionnaire_result(submission: QuestionnaireSubmission, q: Questionnaire | None = None) -> QuestionnaireResult:
    q = q or cycle_questionnaire(submission.cycle)
    return build_result(submission, q, list(submission.answers.all()))


def progress(submission: QuestionnaireSubmission) -> tuple[int, int]:
    counts = submission.answers.aggregate(total=Count("pk"), answered=Count("pk", filter=~Q(option="")))
    return counts["answered"], counts["total"]


@dataclass(frozen=True)
class HistoryRow:
    submission: QuestionnaireSubmission
    year: int
    score: Any
    status: str


def questionnaire_history(submission: QuestionnaireSubmission) -> list[HistoryRow]:
    """Final results of the same subject under the same framework (any version), oldest first."""
    same = Q(subject_ref=submission.subject_ref) if submission.subject_ref else Q(subject_name=submission.subject_name)
    rows = (
        QuestionnaireSubmission.objects.filter(
            same,
            subject_kind=submission.subject_kind,
            organisation=submission.organisation,
            cycle__framework__code=submission.cycle.framework.code,
            state=QuestionnaireState.FINAL,
        )
        .select_related("cycle")
        .order_by("cycle__year", "pk")
    )
    return [HistoryRow(s, s.cycle.year, s.final_score, s.final_status) for s in rows]


@dataclass(frozen=True)
class Dashboard:
    cycle: Cycle
    #: status / predikat names, best last (the framework's band order)
    statuses: list[str]
    #: (kab/kota name, count per status in the order of ``statuses``, total) per region
    by_region: list[tuple[str, list[int], int]]
    totals: dict[str, int]
    pending: int
    #: final results, best score first: (subject, owner, score as text, status, category, result page)
    ranking: list[tuple[str, str, str, str, str, str]]


def _status_order(q: Questionnaire) -> list[str]:
    names: list[str] = []
    for table in q.bands.values():
        for band in sorted(table, key=lambda b: b.lower):
            if band.name not in names:
                names.append(band.name)
    return names


def dashboard(cycle: Cycle, q: Questionnaire | None = None) -> Dashboard:
    """KAMI: systems by status per kab/kota; Monev KIP: badan publik by predikat per kab/kota. One framework."""
    q = q or cycle_questionnaire(cycle)
    rows = list(
        QuestionnaireSubmission.objects.filter(cycle=cycle).values(
            "pk",
            "subject_name",
            "state",
            "final_score",
            "final_status",
            "final_category",
            "organisation__name",
            "organisation__region__level",
            "organisation__region__name",
            "organisation__region__parent__name",
        )
    )
    statuses = _status_order(q)
    per_region: dict[str, Counter[str]] = {}
    totals: Counter[str] = Counter()
    pending = 0
    ranking = []
    for r in rows:
        if r["state"] != QuestionnaireState.FINAL:
            pending += 1
            continue
        level = r["organisation__region__level"]
        region = r["organisation__region__name"] if level != "kecamatan" else r["organisation__region__parent__name"]
        per_region.setdefault(region or "", Counter())[r["final_status"]] += 1
        totals[r["final_status"]] += 1
        ranking.append(
            (
                r["subject_name"],
                r["organisation__name"],
                r["final_score"],
                r["final_status"],
                r["final_category"],
                r["pk"],
            )
        )
    ranking.sort(key=lambda x: (-(x[2] or 0), x[0]))
    # one row per subject (600 and more): the texts are made here once, not by template tags per row
    separator = str(get_format("DECIMAL_SEPARATOR"))
    page = reverse("evaluations:q_result", args=[0]).replace("/0/", "/{}/")
    rows_out = [
        (name, owner, "" if score is None else str(score).replace(".", separator), status, category, page.format(pk))
        for name, owner, score, status, category, pk in ranking
    ]
    by_region = [
        (name, [c.get(status, 0) for status in statuses], sum(c.values())) for name, c in sorted(per_region.items())
    ]
    return Dashboard(cycle, statuses, by_region, dict(totals), pending, rows_out)


def radar(result: QuestionnaireResult) -> Chart | None:
    """KAMI: the points of each counted area against the validity threshold of the system's category."""
    if not result.is_kami:
        return None
    points = result.current.radar  # type: ignore[union-attr]
    if len(points) < 3:
        return None
    category = result.current.score.category
    series: list[tuple[str, list[float | None]]] = [
        (str(_("Score")), [float(p.points) for p in points]),
        (
            str(_("Threshold of the category %(name)s") % {"name": category.name}) if category else str(_("Threshold")),
            [float(p.minimum) if p.minimum is not None else None for p in points],
        ),
    ]
    title = _("Indeks KAMI per area: %(name)s") % {"name": result.submission.subject_name}
    return radar_chart(
        [(p.name, float(p.maximum)) for p in points],
        series,
        title=str(title),
        axis_header=pgettext("questionnaire", "Area"),
    )


def result_context(result: QuestionnaireResult) -> dict[str, Any]:
    """What the result page and the report show, for either framework."""
    current = result.current
    context: dict[str, Any] = {"result": result, "current": current, "chart": radar(result)}
    if result.is_kami:
        counted = {a.code for a in result.questionnaire.areas if a.counted}
        context["areas"] = [a for a in current.score.areas if a.code in counted]
        context["other_areas"] = [a for a in current.score.areas if a.code not in counted]
        context["gaps"] = current.stage1_gaps  # type: ignore[union-attr]
    else:
        context["indicators"] = current.indicators  # type: ignore[union-attr]
        context["plan"] = result.plan()
    context["labels"] = {o.code: o.label for s in result.questionnaire.answer_sets.values() for o in s.options}
    return context
