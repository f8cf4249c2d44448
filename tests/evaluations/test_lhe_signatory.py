"""The LHE PDF is issued by the evaluating body: its letterhead and signatory (name, NIP, position).

The province runs the evaluation of the province and the kabupaten/kota, so a kabupaten's LHE
carries the province's letterhead and signatory; a kabupaten's internal round of its own OPD
carries the kabupaten's."""

from __future__ import annotations

from io import BytesIO

import pytest
from pypdf import PdfReader

from lontar.core.templatetags.lontar_ui import long_date
from lontar.evaluations import lhe, services
from lontar.evaluations.choices import CycleScope
from lontar.evaluations.selectors.results import submission_result
from lontar.organisations.services import organisation_set_signatory
from tests.evaluations.conftest import LEVELS, run_to_interviu

pytestmark = pytest.mark.django_db

PROVINCE_SIGNATORY = ("Maria Goreti Ndoen, S.T., M.T.", "197805122003122004", "Ketua Tim Koordinasi SPBE Provinsi NTT")
KABUPATEN_SIGNATORY = ("Yosef Lede, S.Kom.", "198204172009011003", "Sekretaris Daerah Kabupaten Kupang")


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(BytesIO(pdf)).pages).split())


def _sign(org, signatory: tuple[str, str, str]) -> None:
    name, nip, position = signatory
    organisation_set_signatory(organisation_id=org.pk, name=name, nip=nip, position=position)


def _final(submission, people):
    submission = run_to_interviu(submission, people["team_user"], people["asesor_user"], LEVELS)
    services.review_accept_remaining(actor=people["asesor_user"], submission=submission)
    services.submission_finalise(actor=people["manager_user"], submission=submission)
    submission.refresh_from_db()
    return submission


@pytest.fixture
def letterheads(province):
    prov = province["province"]
    prov.address = "Jl. Polisi Militer No. 2, Kupang"
    prov.phone = "(0380) 821245"
    prov.website = "https://nttprov.go.id"
    prov.save()
    prov.region.capital = "Kupang"
    prov.region.save()
    _sign(prov, PROVINCE_SIGNATORY)
    _sign(province["kabupaten"], KABUPATEN_SIGNATORY)
    return province


def test_kabupaten_lhe_is_issued_by_the_province(people, submission, letterheads):
    submission = _final(submission, people)
    assert lhe.issuing_body(submission.cycle) == letterheads["province"]
    report, created = services.report_issue(actor=people["manager_user"], submission=submission)
    assert created
    with report.pdf.open("rb") as handle:
        text = _text(handle.read())
    head, tail = text.split("Laporan Hasil Evaluasi", 1)
    assert letterheads["province"].name.upper() in head  # the letterhead above the title
    assert "(0380) 821245" in head and "https://nttprov.go.id" in head
    name, nip, position = PROVINCE_SIGNATORY
    assert name in tail and f"NIP {nip}" in tail and position in tail
    assert f"Kupang, {long_date(report.created_at)}" in tail  # place and date above the signatory
    assert KABUPATEN_SIGNATORY[0] not in text  # not the evaluated instansi's own signatory
    assert submission.organisation.name in text  # the evaluated instansi is still named


def test_opd_round_of_a_kabupaten_is_issued_by_the_kabupaten(framework, people, province, letterheads):
    cycle = services.cycle_open(
        actor=None,
        framework=framework,
        year=2024,
        name="Evaluasi internal OPD Kabupaten Kupang",
        scope=CycleScope.OPD,
        participants=[province["kabupaten_opd"]],
    )
    assert lhe.issuing_body(cycle) == province["kabupaten"]
    opd_round_of_province = services.cycle_open(
        actor=None,
        framework=framework,
        year=2024,
        name="Evaluasi internal OPD Provinsi",
        scope=CycleScope.OPD,
        participants=[province["province_opd"]],
    )
    assert lhe.issuing_body(opd_round_of_province) == province["province"]


def test_without_a_signatory_the_lhe_names_the_body(people, submission, province):
    submission = _final(submission, people)
    result = submission_result(submission)
    text = _text(lhe.render_pdf(result, number="LHE-TANPA-TTD", digest="d" * 64, issued_by="Admin").content)
    assert "Atas nama penyelenggara evaluasi" in text and province["province"].name in text
    assert "NIP" not in text
