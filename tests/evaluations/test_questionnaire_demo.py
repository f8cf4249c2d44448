"""The sample questionnaire cycles ("data contoh") land in every KAMI status and every Monev predikat."""

from __future__ import annotations

import pytest

from lontar.evaluations import subjects as registry
from lontar.evaluations.choices import SubjectKind
from lontar.evaluations.demo import questionnaires as demo
from lontar.evaluations.models import Cycle, QuestionnaireSubmission
from tests.evaluations.questionnaire_helpers import load

pytestmark = pytest.mark.django_db


@pytest.fixture
def providers(province):
    saved = dict(registry._PROVIDERS)
    bodies = [
        registry.Subject(kind=SubjectKind.BODY, ref=str(n), name=org.name, organisation=org)
        for n, org in enumerate(province.values(), start=1)
    ]
    systems = [
        registry.Subject(kind=SubjectKind.SYSTEM, ref=f"APL-{n}", name=f"Aplikasi {n}", organisation=org)
        for n, org in enumerate(list(province.values())[:3], start=1)
    ]
    registry.register_subject_provider(SubjectKind.BODY, lambda: bodies)
    registry.register_subject_provider(SubjectKind.SYSTEM, lambda: systems)
    yield
    registry._PROVIDERS.clear()
    registry._PROVIDERS.update(saved)


def test_sample_cycles_cover_every_status_and_are_idempotent(providers, province):
    monev, kami = load("monev-kip"), load("kami-5")
    outcome = demo.Outcome()
    demo.load_monev(monev, outcome)
    demo.load_kami(kami, province["province"], outcome)
    assert outcome.cycles == 2
    statuses = {name: set() for name in ("monev-kip", "kami-5")}
    for sub in QuestionnaireSubmission.objects.select_related("cycle__framework"):
        assert sub.is_final and sub.cycle.is_sample and sub.cycle.is_final
        statuses[sub.cycle.framework.code].add(sub.final_status)
    assert statuses["monev-kip"] == {
        "Informatif", "Menuju Informatif", "Cukup Informatif", "Kurang Informatif", "Tidak Informatif"
    }  # fmt: skip
    assert statuses["kami-5"] == {"Baik", "Cukup Baik", "Pemenuhan Kerangka Kerja Dasar", "Tidak Layak"}
    named = QuestionnaireSubmission.objects.get(subject_name=demo.NAMED_SYSTEM)
    assert named.subject_ref == "" and named.organisation == province["province"]
    again = demo.Outcome()
    demo.load_monev(monev, again)
    demo.load_kami(kami, province["province"], again)
    assert again.cycles == 0 and len(again.skipped) == 2
    assert Cycle.objects.count() == 2


def test_the_open_kami_cycle_has_an_application_of_the_kabupaten(providers, province, monkeypatch):
    monev, kami = load("monev-kip"), load("kami-5")
    monkeypatch.setattr(demo, "OPEN_OWNER_SLUG", province["kabupaten"].slug)
    app = registry.Subject(
        kind=SubjectKind.SYSTEM, ref="KPG-APL-1", name="SIMPEG (uji)", organisation=province["kabupaten_opd"]
    )
    others = registry.subjects(SubjectKind.SYSTEM)
    registry.register_subject_provider(SubjectKind.SYSTEM, lambda: [*others, app])
    outcome = demo.Outcome()
    demo.load_open(monev, kami, outcome)
    drafts = QuestionnaireSubmission.objects.filter(cycle__framework__code="kami-5", cycle__year=2026)
    named = drafts.get(subject_ref="")
    assert named.subject_name == "Sistem Informasi Kepegawaian Kabupaten Kupang"
    application = drafts.exclude(subject_ref="").get()  # one application, of the kabupaten or its agencies
    assert application.organisation in (province["kabupaten"], province["kabupaten_opd"])
    assert application.subject_ref in ("APL-3", "KPG-APL-1")
    assert {d.state for d in drafts} == {"draft"}
