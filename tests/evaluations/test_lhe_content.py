"""The LHE PDF carries the asesor's notes per indicator and the planner's recommendations."""

from __future__ import annotations

from io import BytesIO

import pytest
from pypdf import PdfReader

from lontar.evaluations import lhe, services
from lontar.evaluations.selectors.results import submission_result
from tests.evaluations.conftest import LEVELS, run_to_interviu

pytestmark = pytest.mark.django_db


def test_lhe_pdf_has_notes_and_recommendations(people, submission):
    submission = run_to_interviu(submission, people["team_user"], people["asesor_user"], LEVELS)
    answer = submission.answers.get(number="4")
    review = answer.reviews.get(stage="interviu")
    services.review_save(
        actor=people["asesor_user"], answer=answer, value=2, note="SK belum ditandatangani.", version=review.version
    )
    services.review_accept_remaining(actor=people["asesor_user"], submission=submission)
    services.submission_finalise(actor=people["manager_user"], submission=submission)
    submission.refresh_from_db()
    result = submission_result(submission)
    assert lhe.asesor_notes(result) == [("4", answer.node.name, "SK belum ditandatangani.")]
    rec = lhe.recommendation(result)
    assert rec is not None and rec.plan.reachable and rec.plan.steps
    pdf = lhe.render_pdf(result, number="LHE-TEST", digest="d" * 64, issued_by="Admin")
    text = " ".join(p.extract_text() for p in PdfReader(BytesIO(pdf.content)).pages)
    assert "Catatan asesor per indikator" in text and "SK belum ditandatangani." in text
    assert "Rekomendasi" in text and f"mencapai predikat {rec.band.name}" in text
    number, name, _start, _end = rec.steps[0]
    assert f"{number}. {name}" in text.split("Rekomendasi", 1)[1]
