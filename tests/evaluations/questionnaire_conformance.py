"""Questionnaire pages for the HTML conformance check (tests/conformance/pages.py), from the demo data
(``manage.py questionnaire_demo``: Monev KIP and Indeks KAMI 2025 final, 2026 in progress)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


def questionnaire_public_pages(page: Any) -> Iterator[Any]:
    """``page(name, label="", **kwargs)`` builds a Page (tests/conformance/pages.py:_p)."""
    from lontar.evaluations.models import Cycle, QuestionnaireReport, QuestionnaireSubmission

    yield page("evaluations:q_cycle_list")
    finals = Cycle.objects.filter(state="final", framework__kind="questionnaire").order_by("pk")
    assert finals.exists(), "the demo has no final questionnaire cycle (questionnaire_demo)"
    for cycle in finals:
        code = cycle.framework.code
        yield page("evaluations:q_cycle", f"evaluations:q_cycle {code}", pk=cycle.pk)
        yield page("evaluations:q_dashboard", f"evaluations:q_dashboard {code}", pk=cycle.pk)
        sub = QuestionnaireSubmission.objects.filter(cycle=cycle).order_by("pk").first()
        assert sub is not None
        yield page("evaluations:q_result", f"evaluations:q_result {code}", pk=sub.pk)
    report = QuestionnaireReport.objects.order_by("pk").first()
    if report is not None:
        yield page("evaluations:q_report_verify", number=report.number)


def questionnaire_staff_pages(page: Any, admin: str, team: str, asesor: str) -> Iterator[Any]:
    """The workflow pages as the province admin, the team of Kabupaten Kupang and the demo asesor."""
    from lontar.evaluations.models import QuestionnaireSubmission

    yield page("evaluations:q_cycle_list", "evaluations:q_cycle_list as admin", user=admin)
    yield page("evaluations:q_cycle_open", user=admin)
    drafts = QuestionnaireSubmission.objects.filter(state="draft", organisation__slug="pemkab-kupang")
    monev = drafts.filter(cycle__framework__code="monev-kip").order_by("pk").first()
    kami = drafts.filter(cycle__framework__code="kami-5").order_by("pk").first()
    assert monev is not None and kami is not None, "the demo has no 2026 questionnaire drafts (questionnaire_demo)"
    yield page("evaluations:q_cycle", "evaluations:q_cycle open as admin", user=admin, pk=monev.cycle_id)
    yield page("evaluations:q_detail", user=team, pk=monev.pk)
    yield page("evaluations:q_area", "evaluations:q_area monev", user=team, pk=monev.pk, area="jenis-informasi")
    yield page("evaluations:q_area", "evaluations:q_area kami", user=team, pk=kami.pk, area="tata-kelola")
    yield page("evaluations:q_category", user=team, pk=kami.pk)
    submitted = QuestionnaireSubmission.objects.filter(state="submitted").order_by("pk").first()
    assert submitted is not None, "the demo has no submitted questionnaire (questionnaire_demo)"
    yield page("evaluations:q_verify", user=asesor, pk=submitted.pk)
