"""Cycle management pages, OPD rounds, evidence pages and the access of each role to them."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied

from lontar.audit.models import AuditEvent
from lontar.evaluations import services
from lontar.evaluations.models import Assignment, Cycle, Evidence
from tests.evaluations.conftest import LEVELS, run_to_interviu

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(people):
    people["manager"].cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return people["manager"]


def test_opd_round_takes_every_opd_of_the_instansi(manager, framework, province):
    response = manager.post(
        "/evaluasi/siklus/baru/",
        {
            "framework": framework.pk,
            "year": 2026,
            "name": "Putaran OPD",
            "scope": "opd",
            "opd_parent": province["kabupaten"].pk,
        },
    )
    assert response.status_code == 302
    cycle = Cycle.objects.get(name="Putaran OPD")
    assert cycle.scope == "opd"
    assert list(cycle.submissions.values_list("organisation", flat=True)) == [province["kabupaten_opd"].pk]
    missing = manager.post(
        "/evaluasi/siklus/baru/", {"framework": framework.pk, "year": 2026, "name": "Tanpa induk", "scope": "opd"}
    )
    assert missing.status_code == 422 and "Choose the instansi whose OPD take part." in missing.content.decode()


def test_instansi_team_of_an_opd_round_edits_the_opd_claims(framework, open_cycle, province, people):
    cycle = open_cycle(framework, participants=[province["kabupaten_opd"]], scope="opd")
    answer = cycle.submissions.get().answers.get(number="1")
    saved = services.answer_save(actor=people["team_user"], answer=answer, value=2, explanation="", version=0)
    assert saved.self_value == 2


def test_cycle_page_assign_deadlines_and_finalise(manager, people, cycle, province):
    page = manager.get(f"/evaluasi/siklus/{cycle.pk}/")
    assert page.status_code == 200 and "Pemerintah Kabupaten Kupang (uji)" in page.content.decode()
    own = cycle.submissions.get(organisation=province["kabupaten"])
    response = manager.post(
        f"/evaluasi/siklus/{cycle.pk}/asesor/", {"asesor": people["asesor_user"].pk, "submissions": [own.pk]}
    )
    assert response.status_code == 302 and Assignment.objects.filter(submission=own).count() == 1
    # the kabupaten's own team member holding the asesor role too cannot be assigned to it
    people["team_user"].memberships.create(organisation=province["province"], role="asesor")
    refused = manager.post(
        f"/evaluasi/siklus/{cycle.pk}/asesor/", {"asesor": people["team_user"].pk, "submissions": [own.pk]}
    )
    assert refused.status_code == 422 and "cannot assess it" in refused.content.decode()
    assignment = Assignment.objects.get(submission=own)
    removed = manager.post(f"/evaluasi/siklus/{cycle.pk}/asesor/{assignment.pk}/hapus/")
    assert removed.status_code == 302 and not Assignment.objects.exists()
    bad = manager.post(
        f"/evaluasi/siklus/{cycle.pk}/tenggat/",
        {"self_assessment_due": "2026-05-01", "document_review_due": "2026-04-01"},
    )
    assert bad.status_code == 422 and "order of the stages" in bad.content.decode()
    good = manager.post(f"/evaluasi/siklus/{cycle.pk}/tenggat/", {"self_assessment_due": "2026-05-01"})
    assert good.status_code == 302
    not_yet = manager.post(f"/evaluasi/siklus/{cycle.pk}/final/")
    assert not_yet.status_code == 422 and "Results not final yet" in not_yet.content.decode()
    assert AuditEvent.objects.filter(action="evaluations.cycle.deadlines_changed").count() == 1


def test_finalising_the_cycle_publishes_it(manager, people, cycle, submission, client):
    asesor = people["asesor_user"]
    submission = run_to_interviu(submission, people["team_user"], asesor, LEVELS)
    services.review_accept_remaining(actor=asesor, submission=submission)
    services.submission_finalise(actor=None, submission=submission)
    cycle.submissions.exclude(pk=submission.pk).delete()
    assert client.get(f"/evaluasi/dasbor/{cycle.pk}/").status_code == 404
    assert client.get(f"/evaluasi/hasil/{submission.pk}/").status_code == 404
    response = manager.post(f"/evaluasi/siklus/{cycle.pk}/final/")
    assert response.status_code == 302 and response["Location"] == f"/evaluasi/dasbor/{cycle.pk}/"
    dashboard = client.get(f"/evaluasi/dasbor/{cycle.pk}/")
    assert dashboard.status_code == 200
    # the heat-map's columns are named in a legend (a title attribute alone does not work on touch)
    legend = dashboard.content.decode().split("heat-legend", 1)[1]
    assert "<strong>1</strong> Indikator satu" in legend
    assert client.get(f"/evaluasi/hasil/{submission.pk}/").status_code == 200
    assert client.get(f"/evaluasi/siklus/{cycle.pk}/ekspor/csv/").status_code == 200
    assert client.get(f"/evaluasi/hasil/{submission.pk}/lhe/").status_code == 404  # not issued yet
    again = manager.post(f"/evaluasi/siklus/{cycle.pk}/final/", follow=True)
    assert "already final" in again.content.decode()


def test_only_managers_open_cycles_through_the_page(people):
    assert people["team"].get("/evaluasi/siklus/baru/").status_code == 403  # tim_koordinasi of a kabupaten
    assert people["asesor"].get("/evaluasi/siklus/baru/").status_code == 403
    assert people["province_team"].get("/evaluasi/siklus/baru/").status_code == 200


def test_evidence_pages(people, submission, province, settings):
    client = people["team"]
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    slug = province["kabupaten"].slug
    item = services.evidence_add(
        actor=people["team_user"],
        organisation=province["kabupaten"],
        title="Laporan",
        kind="report",
        url="https://example.org/laporan",
        link_to=submission.answers.get(number="2"),
    )
    page = client.get(f"/evaluasi/bukti/{slug}/{item.pk}/")
    assert page.status_code == 200 and "indicator 2" in page.content.decode()
    saved = client.post(f"/evaluasi/bukti/{slug}/{item.pk}/", {"title": "Laporan 2025", "kind": "report"})
    assert saved.status_code == 302 and Evidence.objects.get(pk=item.pk).title == "Laporan 2025"
    bad = client.post(f"/evaluasi/bukti/{slug}/{item.pk}/", {"title": "", "kind": "nonsense"})
    assert bad.status_code == 422
    listing = client.get(f"/evaluasi/bukti/{slug}/?q=2025&kind=report")
    assert "Laporan 2025" in listing.content.decode()
    # a manager reads the library but cannot add; the assigned asesor only follows what an answer cites
    assert people["manager"].get(f"/evaluasi/bukti/{slug}/").status_code == 200
    assert (
        people["manager"]
        .post(f"/evaluasi/bukti/{slug}/", {"title": "x", "kind": "report", "url": "https://a.b"})
        .status_code
        == 403
    )
    assert people["asesor"].get(f"/evaluasi/bukti/{slug}/{item.pk}/unduh/").status_code == 404
    services.assignment_create(actor=None, submission=submission, asesor=people["asesor_user"])
    assert people["asesor"].get(f"/evaluasi/bukti/{slug}/{item.pk}/unduh/").status_code == 302
    assert people["asesor2"].get(f"/evaluasi/bukti/{slug}/{item.pk}/unduh/").status_code == 404
    assert people["other_team"].get(f"/evaluasi/bukti/{slug}/{item.pk}/").status_code == 404
    deleted = client.post(f"/evaluasi/bukti/{slug}/{item.pk}/hapus/")
    assert deleted.status_code == 302 and not Evidence.objects.filter(pk=item.pk).exists()


def test_verify_by_hash_in_the_address(people, submission, client):
    asesor = people["asesor_user"]
    submission = run_to_interviu(submission, people["team_user"], asesor, LEVELS)
    services.review_accept_remaining(actor=asesor, submission=submission)
    services.submission_finalise(actor=None, submission=submission)
    report, created = services.report_issue(actor=people["team_user"], submission=submission)
    assert created and report.number.startswith("LHE-2024-")
    _same, created = services.report_issue(actor=people["manager_user"], submission=submission)
    assert not created
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    good = client.get(f"/evaluasi/verifikasi/{report.number}/?sha256={report.sha256}")
    assert "The file you checked is exactly the document" in good.content.decode()
    bad = client.get(f"/evaluasi/verifikasi/{report.number}/?sha256={'0' * 64}")
    assert "Not valid" in bad.content.decode()
    with pytest.raises(PermissionDenied):  # the other kab/kota's team cannot issue it
        services.report_issue(actor=people["other_team_user"], submission=submission)
