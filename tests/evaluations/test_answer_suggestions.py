"""Answers suggested from Lontar's records: registry, selector, accept/override kept beside the answer."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.loader import render_to_string
from django.utils import translation

from lontar.assessments.definitions import FRAMEWORKS_DIR, read_definition
from lontar.assessments.questionnaire import Questionnaire
from lontar.assessments.selectors import questionnaire_framework_get
from lontar.assessments.services import framework_load
from lontar.audit.models import AuditEvent
from lontar.evaluations import answer_sources as registry
from lontar.evaluations.answer_sources import EvidenceLink, Finding, option_for
from lontar.evaluations.models import Cycle, QuestionnaireAnswer, QuestionnaireSubmission, SuggestedAnswer
from lontar.evaluations.selectors.answer_suggestions import suggestion_rows, suggestions_for
from lontar.evaluations.services.answer_suggestions import answer_suggestion_decide
from lontar.ppid.models import PublicBody

pytestmark = pytest.mark.django_db


def _questionnaire(code: str) -> Questionnaire:
    found = read_definition(FRAMEWORKS_DIR / f"{code}.json").questionnaire
    assert found is not None
    return found


MONEV = _questionnaire("monev-kip")
KAMI = _questionnaire("kami-5")


def test_option_for_takes_the_best_or_the_lowest_option():
    yes_no = MONEV.by_id["2.1"]
    assert option_for(MONEV, yes_no, True) == "ya" and option_for(MONEV, yes_no, False) == "tidak"
    assert option_for(MONEV, yes_no, None) == ""
    graded = KAMI.by_id["5.1"]
    assert option_for(KAMI, graded, True) == "menyeluruh" and option_for(KAMI, graded, False) == "tidak"


def test_a_key_must_look_like_module_figure():
    with pytest.raises(ValueError):
        registry.register_answer_source("Bad Key", "x", lambda s, y, d: None)


@pytest.fixture
def monev(province):
    with translation.override("en"):
        framework_load(definition=read_definition(FRAMEWORKS_DIR / "monev-kip.json"), source_file="monev-kip.json")
    framework = questionnaire_framework_get("monev-kip")
    body = PublicBody.objects.create(organisation=province["kabupaten"], kind="utama", code="kab-kupang")
    cycle = Cycle.objects.create(framework=framework, year=2026, name="Monev uji 2026")
    sub = QuestionnaireSubmission.objects.create(
        cycle=cycle, organisation=province["kabupaten"], subject_kind="body", subject_ref=str(body.pk),
        subject_name=body.name,
    )  # fmt: skip
    QuestionnaireAnswer.objects.bulk_create(QuestionnaireAnswer(submission=sub, question=q.id) for q in MONEV.questions)
    return {"framework": framework, "body": body, "sub": sub}


@pytest.fixture
def fixed_source():
    calls = []

    def provide(subject, year, as_of):
        calls.append((subject.ref, year))
        if subject.kind != "body":
            return None
        return Finding(True, "7 of 7 on time", (EvidenceLink("Register", "/ppid/register/", True),), as_of)

    registry.register_answer_source("ppid.share_within_deadline", "PPID", provide)
    yield calls
    from lontar.ppid.answer_sources import register_sources

    register_sources()


def test_selector_asks_each_source_once_and_scopes_by_subject(monev, fixed_source):
    got = suggestions_for(monev["sub"], monev["framework"], 2026, today=dt.date(2026, 6, 30))
    assert got["2.2"].option == "ya" and got["2.2"].figure == "7 of 7 on time" and got["2.2"].is_sample
    assert got["2.2"].as_of == dt.date(2026, 6, 30)
    assert fixed_source == [(monev["sub"].subject_ref, 2026)]
    assert got["2.4"].option == "tidak"  # the body has no maklumat
    assert suggestions_for(monev["sub"], monev["framework"], 2025, today=dt.date(2026, 6, 30))["2.2"].as_of == (
        dt.date(2025, 12, 31)
    )


def test_accept_sets_the_answer_and_keeps_the_suggestion(monev, fixed_source, login):
    _client, team = login(monev["sub"].organisation, "tim_koordinasi")
    kept = answer_suggestion_decide(actor=team, submission=monev["sub"], question_id="2.2", accept=True)
    answer = QuestionnaireAnswer.objects.get(submission=monev["sub"], question="2.2")
    assert answer.option == "ya" and answer.links.endswith("/ppid/register/")
    assert (kept.suggested_option, kept.accepted, kept.chosen_option, kept.source) == (
        "ya", True, "ya", "ppid.share_within_deadline"
    )  # fmt: skip
    assert kept.figure == "7 of 7 on time" and kept.evidence[0]["url"] == "/ppid/register/"
    event = AuditEvent.objects.filter(action="evaluations.questionnaire.suggestion_accepted").get()
    assert event.data["question"] == "2.2" and event.data["kept"] == "ya"
    row = suggestion_rows(monev["sub"])["2.2"]
    assert row.stored == kept and row.option_label == "Ya" and not row.changed_since


def test_override_keeps_both_the_suggestion_and_the_own_answer(monev, fixed_source, login):
    _client, team = login(monev["sub"].organisation, "tim_koordinasi")
    QuestionnaireAnswer.objects.filter(submission=monev["sub"], question="2.2").update(option="tidak")
    kept = answer_suggestion_decide(actor=team, submission=monev["sub"], question_id="2.2", accept=False)
    assert (kept.suggested_option, kept.accepted, kept.chosen_option) == ("ya", False, "tidak")
    assert QuestionnaireAnswer.objects.get(submission=monev["sub"], question="2.2").option == "tidak"
    assert AuditEvent.objects.filter(action="evaluations.questionnaire.suggestion_overridden").count() == 1
    # a later acceptance replaces the decision, one record per answer
    answer_suggestion_decide(actor=team, submission=monev["sub"], question_id="2.2", accept=True)
    assert SuggestedAnswer.objects.get().accepted is True


def test_bad_input_changes_nothing(monev, fixed_source, login, province):
    _client, team = login(monev["sub"].organisation, "tim_koordinasi")
    _client, other = login(province["kota"], "tim_koordinasi")
    with pytest.raises(PermissionDenied):
        answer_suggestion_decide(actor=other, submission=monev["sub"], question_id="2.2", accept=True)
    with pytest.raises(ValidationError) as unknown:
        answer_suggestion_decide(actor=team, submission=monev["sub"], question_id="9.9", accept=True)
    assert unknown.value.code == "unknown_question"
    with pytest.raises(ValidationError) as none:
        answer_suggestion_decide(actor=team, submission=monev["sub"], question_id="5.1", accept=True)
    assert none.value.code == "not_suggested"
    QuestionnaireSubmission.objects.filter(pk=monev["sub"].pk).update(state="submitted")
    with pytest.raises(ValidationError) as locked:
        answer_suggestion_decide(actor=team, submission=monev["sub"], question_id="2.2", accept=True)
    assert locked.value.code == "locked"
    assert not SuggestedAnswer.objects.exists()
    assert not QuestionnaireAnswer.objects.filter(submission=monev["sub"]).exclude(option="").exists()


def test_include_shows_the_suggestion_in_indonesian(monev, fixed_source, login, settings):
    _client, team = login(monev["sub"].organisation, "tim_koordinasi")
    answer_suggestion_decide(actor=team, submission=monev["sub"], question_id="2.2", accept=False)
    row = suggestion_rows(monev["sub"])["2.2"]
    with translation.override("id"):
        html = render_to_string("evaluations/_answer_suggestion.html", {"s": row, "sub": monev["sub"], "edit": False})
    assert "Disarankan dari catatan Lontar" in html and "/ppid/register/" in html
    assert "Saran tidak dipakai" in html and "data contoh" in html


def test_the_area_page_shows_the_suggestion_and_its_buttons_post_the_whole_form(monev, fixed_source, login):
    client, _team = login(monev["sub"].organisation, "tim_koordinasi")
    area = MONEV.by_id["2.2"].area
    page = client.get(f"/evaluasi/kuesioner/{monev['sub'].pk}/area/{area}/", HTTP_ACCEPT_LANGUAGE="id")
    html = page.content.decode()
    assert page.status_code == 200 and 'id="saran-2.2"' in html and "7 of 7 on time" in html
    action = f"/evaluasi/kuesioner/{monev['sub'].pk}/saran/2.2/"
    assert f'formaction="{action}"' in html
    # accepting saves what else was typed in the area first, then takes the suggestion
    response = client.post(action, {"keputusan": "terima", "option-2.2": "tidak", "explanation-2.2": "diketik"})
    assert response.status_code == 302 and response["Location"].endswith(f"/area/{area}/#q-2.2")
    answer = QuestionnaireAnswer.objects.get(submission=monev["sub"], question="2.2")
    assert (answer.option, answer.explanation) == ("ya", "diketik")
    assert SuggestedAnswer.objects.get().accepted is True
    after = client.get(f"/evaluasi/kuesioner/{monev['sub'].pk}/area/{area}/", HTTP_ACCEPT_LANGUAGE="id")
    assert "Saran diterima" in after.content.decode()


def test_the_decision_view_refuses_strangers_and_unknown_decisions(monev, fixed_source, login, province):
    action = f"/evaluasi/kuesioner/{monev['sub'].pk}/saran/2.2/"
    team_client, _team = login(monev["sub"].organisation, "tim_koordinasi")
    assert team_client.post(action, {"keputusan": "entah"}).status_code == 404
    assert team_client.get(action).status_code == 405
    assert (
        team_client.post(f"/evaluasi/kuesioner/{monev['sub'].pk}/saran/9.9/", {"keputusan": "terima"}).status_code
        == 404
    )
    other_client, _other = login(province["kota"], "tim_koordinasi")
    assert other_client.post(action, {"keputusan": "terima"}).status_code in (403, 404)
    # a question without a suggestion: an Indonesian message, nothing kept
    response = team_client.post(
        f"/evaluasi/kuesioner/{monev['sub'].pk}/saran/5.1/", {"keputusan": "terima"}, follow=True
    )
    assert "Lontar tidak (lagi) punya saran untuk pertanyaan 5.1." in response.content.decode()
    assert not SuggestedAnswer.objects.exists()
