"""Pages through HTTP: the team's claim (with and without htmx), submit, the asesor's review, finalising, results."""

from __future__ import annotations

import re

import pytest
from django.conf import settings

from lontar.audit.models import AuditEvent
from lontar.evaluations import services
from lontar.evaluations.models import Cycle
from tests.evaluations.conftest import LEVELS, answer_all, run_to_interviu

pytestmark = pytest.mark.django_db


def english(*clients) -> None:
    for client in clients:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.fixture
def team(people):
    english(people["team"], people["team2"], people["asesor"], people["asesor2"], people["manager"])
    return people["team"]


def url(submission, suffix: str = "") -> str:
    return f"/evaluasi/penilaian/{submission.pk}/{suffix}"


def test_manager_opens_a_cycle(people, framework, province):
    client = people["manager"]
    english(client)
    assert client.get("/evaluasi/siklus/baru/").status_code == 200
    data = {
        "framework": framework.pk,
        "year": 2026,
        "name": "Evaluasi uji 2026",
        "scope": "instansi",
        "participants": [province["kabupaten"].pk, province["kota"].pk],
        "self_assessment_due": "2026-04-30",
        "document_review_due": "2026-05-31",
    }
    response = client.post("/evaluasi/siklus/baru/", data)
    cycle = Cycle.objects.get(name="Evaluasi uji 2026")
    assert response.status_code == 302 and response["Location"] == f"/evaluasi/siklus/{cycle.pk}/"
    assert cycle.submissions.count() == 2
    page = client.get(response["Location"])
    assert "Pemerintah Kabupaten Kupang (uji)" in text(page)


def test_cycle_form_errors_are_shown_and_nothing_is_written(people, framework):
    client = people["manager"]
    english(client)
    data = {
        "framework": framework.pk,
        "year": 2026,
        "name": "X",
        "scope": "instansi",
        "participants": [],
        "self_assessment_due": "2026-05-30",
        "document_review_due": "2026-04-01",
    }
    response = client.post("/evaluasi/siklus/baru/", data)
    assert response.status_code == 422
    assert "Choose at least one participating organisation." in text(response)
    assert not Cycle.objects.exists()
    response = client.post("/evaluasi/siklus/baru/", {**data, "participants": [1], "year": "abc"})
    assert response.status_code == 422


def test_team_fills_an_indicator_without_javascript(team, submission):
    page = team.get(url(submission, "indikator/1/"))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Kriteria 1/2" in body  # the indicator's own criteria next to each level
    assert 'data-hx-post="' in body and 'name="save_next"' in body
    response = team.post(
        url(submission, "indikator/1/"),
        {"level": "2", "explanation": "Ada SK", "version": "0", "save_next": "1", "next_number": "2"},
    )
    assert response.status_code == 302 and response["Location"].endswith("/indikator/2/")
    answer = submission.answers.get(number="1")
    assert (answer.self_value, answer.explanation, answer.version) == (2, "Ada SK", 1)
    overview = team.get(url(submission))
    assert "1 of 5 answered" in text(overview)


def test_autosave_with_htmx_answers_the_status_fragment(team, submission):
    response = team.post(
        url(submission, "indikator/4/"), {"level": "3", "explanation": "", "version": "0"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="save-status"')
    assert 'name="version" value="1"' in body and "Saved at" in body
    # a bad level: still 200 for htmx, with the message, nothing saved
    response = team.post(url(submission, "indikator/4/"), {"level": "9", "version": "1"}, HTTP_HX_REQUEST="true")
    assert "Choose one of the levels of this indicator." in text(response)
    assert submission.answers.get(number="4").self_value == 3


def test_concurrent_team_edit_is_told_and_input_kept(team, people, submission):
    team.post(url(submission, "indikator/1/"), {"level": "3", "explanation": "A", "version": "0"})
    response = people["team2"].post(url(submission, "indikator/1/"), {"level": "5", "explanation": "B", "version": "0"})
    assert response.status_code == 409
    page = text(response)
    assert "Somebody else saved this indicator meanwhile" in page
    assert 'value="5" id="claim-5" checked' in response.content.decode()  # the typed input is kept
    assert "\nB</textarea>" in response.content.decode()
    assert submission.answers.get(number="1").self_value == 3


def test_submit_twice_through_the_page(team, people, submission):
    answer_all(submission, people["team_user"], LEVELS)
    first = team.post(url(submission, "kirim/"), {"confirmed": "1"}, follow=True)
    assert "submitted and locked" in text(first)
    second = team.post(url(submission, "kirim/"), {"confirmed": "1"}, follow=True)
    assert second.status_code == 200 and "Nothing changed" in text(second)
    assert AuditEvent.objects.filter(action="evaluations.submission.submitted").count() == 1
    # the claim can no longer change
    locked = team.post(url(submission, "indikator/1/"), {"level": "5", "version": "1"})
    assert locked.status_code == 422 and "can no longer change" in text(locked)


def test_incomplete_submit_says_what_is_missing(team, people, submission):
    response = team.post(url(submission, "kirim/"), {"confirmed": "1"}, follow=True)
    assert "still open: 1, 2, 3, 4, 5" in text(response)


def test_asesor_reviews_and_the_later_save_is_told(people, submission, team):
    submission = run_to_interviu(submission, people["team_user"], people["asesor_user"], LEVELS)
    services.assignment_create(actor=None, submission=submission, asesor=people["asesor2_user"])
    page = people["asesor"].get(url(submission, "indikator/2/"))
    assert "Your review in Penilaian interviu" in text(page)
    version = submission.answers.get(number="2").reviews.get(stage="interviu").version
    ok = people["asesor"].post(
        url(submission, "indikator/2/tinjau/"), {"level": "1", "note": "kurang", "version": version}
    )
    assert ok.status_code == 302
    late = people["asesor2"].post(
        url(submission, "indikator/2/tinjau/"), {"level": "4", "note": "baik", "version": version}
    )
    assert late.status_code == 409
    assert "Another asesor saved this indicator meanwhile" in text(late) and "kurang" in text(late)
    assert submission.answers.get(number="2").reviews.get(stage="interviu").value == 1


def test_team_responds_during_interviu(people, submission, team):
    submission = run_to_interviu(submission, people["team_user"], people["asesor_user"], LEVELS)
    answer = submission.answers.get(number="3")
    response = team.post(
        url(submission, "indikator/3/tanggapan/"), {"response": "Bukti baru", "version": answer.version}
    )
    assert response.status_code == 302
    assert submission.answers.get(number="3").response == "Bukti baru"
    # the asesor cannot write the instansi's response
    denied = people["asesor"].post(url(submission, "indikator/3/tanggapan/"), {"response": "x", "version": 99})
    assert denied.status_code == 403


def test_finalise_issue_lhe_and_verify(people, submission, team):
    submission = run_to_interviu(submission, people["team_user"], people["asesor_user"], LEVELS)
    people["asesor"].post(url(submission, "terima-sisa/"), {"confirmed": "1"})
    manager = people["manager"]
    response = manager.post(url(submission, "final/"), {"confirmed": "1"}, follow=True)
    assert "The result is final" in text(response)
    result = team.get(f"/evaluasi/hasil/{submission.pk}/")
    assert result.status_code == 200 and "3.06" in text(result)
    issued = team.post(f"/evaluasi/hasil/{submission.pk}/lhe/terbitkan/")
    assert issued.status_code == 302
    pdf = team.get(issued["Location"])
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    content = pdf.content
    assert content.startswith(b"%PDF-")
    report = submission.report
    verify = team.get(f"/evaluasi/verifikasi/{report.number}/")
    assert verify.status_code == 200 and report.sha256 in verify.content.decode()
    from django.core.files.uploadedfile import SimpleUploadedFile

    good = team.post(f"/evaluasi/verifikasi/{report.number}/", {"document": SimpleUploadedFile("lhe.pdf", content)})
    assert "Valid" in text(good) and "Not valid" not in text(good)
    bad = team.post(
        f"/evaluasi/verifikasi/{report.number}/", {"document": SimpleUploadedFile("lhe.pdf", content + b"\n%x")}
    )
    assert "Not valid" in text(bad)
    # issuing again returns the same document
    again = team.post(f"/evaluasi/hasil/{submission.pk}/lhe/terbitkan/")
    assert again.status_code == 302 and team.get(again["Location"]).content == content


def test_unknown_document_number_is_404(client):
    assert client.get("/evaluasi/verifikasi/LHE-2099-00001-XXXXXX/").status_code == 404
    assert client.get("/evaluasi/verifikasi/bad%20number/").status_code == 404


def test_guessing_another_instansi_urls_is_404(people, cycle, province):
    other = cycle.submissions.get(organisation=province["kota"])
    client = people["team"]
    for path in (
        f"/evaluasi/penilaian/{other.pk}/",
        f"/evaluasi/penilaian/{other.pk}/indikator/1/",
        f"/evaluasi/hasil/{other.pk}/",
        f"/evaluasi/bukti/{province['kota'].slug}/",
        f"/evaluasi/target/{province['kota'].slug}/",
        f"/evaluasi/siklus/{cycle.pk}/",
        f"/evaluasi/dasbor/{cycle.pk}/",
    ):
        assert client.get(path).status_code == 404, path
    for path in (f"/evaluasi/penilaian/{other.pk}/indikator/1/", f"/evaluasi/penilaian/{other.pk}/kirim/"):
        assert client.post(path, {"level": "3", "version": "0"}).status_code == 404, path
    assert client.get("/evaluasi/penilaian/999999/").status_code == 404
    own = cycle.submissions.get(organisation=province["kabupaten"])
    assert client.get(f"/evaluasi/penilaian/{own.pk}/indikator/99/").status_code == 404


def test_result_page_shows_the_plan_towards_an_unmet_target(people, submission, team, framework, province, client):
    submission = run_to_interviu(submission, people["team_user"], people["asesor_user"], LEVELS)
    services.review_accept_remaining(actor=people["asesor_user"], submission=submission)
    services.submission_finalise(actor=None, submission=submission)
    services.target_set(
        actor=None, organisation=province["kabupaten"], framework_code=framework.code, year=2024, target_index="3.5"
    )
    page = team.get(f"/evaluasi/hasil/{submission.pk}/")
    assert page.status_code == 200
    assert "the fewest changes are" in text(page) and "not met" in text(page)
    # the simulator form carries the validated levels, the figure as written
    assert 'name="level_5" value="3.25"' in page.content.decode()
