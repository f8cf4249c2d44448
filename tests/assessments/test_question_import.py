"""Importing a year's question texts from the CSV/XLSX template: broken rows named by line, nothing half-loaded."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation
from openpyxl import Workbook

from lontar.assessments.definitions import FRAMEWORKS_DIR, read_definition
from lontar.assessments.models import Framework
from lontar.assessments.question_import import QuestionFileError
from lontar.assessments.selectors import framework_questionnaire, questionnaire_framework_get
from lontar.assessments.services import framework_load, questions_import
from lontar.audit.models import AuditEvent

pytestmark = pytest.mark.django_db
SAMPLE = FRAMEWORKS_DIR.parent / "data" / "monev-kip-pertanyaan-contoh.csv"
HEADER = "bagian,id,area,teks,tahap,bobot,tingkat,pilihan,sumber_lontar,panduan\n"


@pytest.fixture(autouse=True)
def loaded():
    with translation.override("en"):
        for code in ("monev-kip", "kami-5"):
            framework_load(definition=read_definition(FRAMEWORKS_DIR / f"{code}.json"), source_file=f"{code}.json")
        yield


def test_sample_template_imports_as_a_new_current_version():
    raw = SAMPLE.read_bytes().replace(b"[data contoh] Daftar", b"[data contoh] 2026: Daftar")
    _definition, outcome = questions_import(code="monev-kip", version="2026-contoh", raw=raw, filename=SAMPLE.name)
    assert outcome == "created"
    current = questionnaire_framework_get("monev-kip")
    assert current.version == "2026-contoh"
    questionnaire = framework_questionnaire(current)
    assert questionnaire.by_id["1.1"].text.startswith("[data contoh] 2026: Daftar")
    assert questionnaire.by_id["1.1"].lontar_source == "ppid.dip_current"
    assert questionnaire.by_id["1.1"].weight == 3
    assert questionnaire_framework_get("monev-kip", "2025-contoh").questionnaire["version"] == "2025-contoh"
    assert AuditEvent.objects.filter(action="assessments.framework.loaded", data__version="2026-contoh").exists()


def test_xlsx_template_imports():
    book = Workbook()
    sheet = book.active
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    import csv

    for row in csv.reader(lines):
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    _definition, outcome = questions_import(
        code="monev-kip", version="2026", raw=buffer.getvalue(), filename="soal.xlsx"
    )
    assert outcome == "created"


def _problems(raw: str, code: str = "monev-kip") -> list[str]:
    with pytest.raises(QuestionFileError) as info:
        questions_import(code=code, version="2026", raw=raw.encode("utf-8"), filename="soal.csv")
    return info.value.problems


def test_broken_rows_are_named_by_line_and_nothing_is_loaded():
    rows = SAMPLE.read_text(encoding="utf-8").splitlines()
    rows[2] = "pertanyaan,1.2,jenis-informasi,,x,-1,,,,"  # line 3: no text, bad tier, bad weight
    rows[5] = "bab,1.5,jenis-informasi,Teks,,,,,,"  # line 6: unknown part
    problems = _problems("\n".join(rows) + "\n")
    assert "Line 3: “teks” is empty." in problems
    assert any(p.startswith("Line 3: “tahap” must be a whole number") for p in problems)
    assert any(p.startswith("Line 3: “bobot” must be a positive number") for p in problems)
    assert any(p.startswith("Line 6: “bagian” must be") for p in problems)
    assert list(Framework.objects.filter(code="monev-kip").values_list("version", flat=True)) == ["2025-contoh"]


def test_question_in_an_unknown_area_is_named_by_line():
    rows = SAMPLE.read_text(encoding="utf-8").splitlines()
    rows[3] = rows[3].replace("jenis-informasi", "keuangan")
    problems = _problems("\n".join(rows) + "\n")
    assert any(p.startswith("Line 4: question 1.3 is outside any area") for p in problems)


def test_option_outside_the_answer_set_and_duplicate_ids():
    problems = _problems(
        HEADER + "pertanyaan,1.1,jenis-informasi,A,,,,ya;mungkin,,\npertanyaan,1.1,pelayanan,B,,,,,,\n"
    )
    assert any("Line 2: question 1.1: its options" in p for p in problems)
    assert any("Question id “1.1” is used 2 times." in p for p in problems)


def test_kami_import_must_keep_the_structure():
    # a KAMI file with only two questions: the controls per area and the maximum 918 no longer hold
    problems = _problems(HEADER + "pertanyaan,2.1,tata-kelola,A,1,,II,,,\nkategorisasi,1.1,,KSE,,,,,,\n", code="kami-5")
    assert any("has 1 questions; the file says it has 22 controls" in p for p in problems)
    assert any("“score_max” is 918" in p for p in problems)


def test_bad_header_and_unknown_framework():
    assert "missing: teks" in _problems("id,area\n1,a\n")[0]
    assert "load its file with framework_load first" in _problems(HEADER + "pertanyaan,1,a,b,,,,,,\n", code="epss")[0]


def test_command_reports_problems_and_checks(tmp_path, capsys):
    bad = tmp_path / "soal.csv"
    bad.write_text(HEADER + "pertanyaan,,jenis-informasi,,,,,,,\n", encoding="utf-8")
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("question_import", "monev-kip", str(bad), "--as-version", "2026")
    assert "Line 2" in capsys.readouterr().err
    call_command("question_import", "monev-kip", str(SAMPLE), "--as-version", "2026", "--check")
    assert "valid" in capsys.readouterr().out
    assert not Framework.objects.filter(version="2026").exists()
