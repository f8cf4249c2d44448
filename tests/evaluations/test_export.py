"""Export of a whole cycle: CSV and XLSX, cells escaped against formula injection, clear command errors."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from lontar.core.spreadsheets import escape_formula as safe_cell

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+SUM(A1)", "'+SUM(A1)"),
        ("-2+3", "'-2+3"),
        ("@cmd", "'@cmd"),
        ("\t=x", "'\t=x"),
        ("Kota Kupang", "Kota Kupang"),
        (-2, -2),
        (None, None),
    ],
)
def test_safe_cell(value, expected):
    assert safe_cell(value) == expected


@pytest.fixture
def hostile_cycle(framework, open_cycle, province):
    kota = province["kota"]
    kota.name = '=HYPERLINK("http://evil.example","klik")'
    kota.save()
    return open_cycle(framework, year=2025, participants=[province["kabupaten"], kota])


def test_csv_cells_are_escaped(hostile_cycle):
    out = io.StringIO()
    call_command("evaluation_export", "--cycle", str(hostile_cycle.pk), stdout=out, stderr=io.StringIO())
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(rows) == 10
    assert {r["instansi"] for r in rows} == {
        "Pemerintah Kabupaten Kupang (uji)",
        '\'=HYPERLINK("http://evil.example","klik")',
    }


def test_xlsx_cells_are_escaped(hostile_cycle, tmp_path):
    target = tmp_path / "x.xlsx"
    call_command(
        "evaluation_export",
        "--cycle",
        "uji-2024:2025",
        "--format",
        "xlsx",
        "--output",
        str(target),
        stderr=io.StringIO(),
    )
    book = load_workbook(target)
    names = {row[5] for row in book["Indikator"].iter_rows(min_row=2, values_only=True)}
    assert '\'=HYPERLINK("http://evil.example","klik")' in names
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f"


def test_export_through_the_page_is_for_managers_until_final(hostile_cycle, people, client):
    assert client.get(f"/evaluasi/siklus/{hostile_cycle.pk}/ekspor/csv/").status_code == 404
    response = people["manager"].get(f"/evaluasi/siklus/{hostile_cycle.pk}/ekspor/xlsx/")
    assert response.status_code == 200 and response.content.startswith(b"PK")
    assert people["manager"].get(f"/evaluasi/siklus/{hostile_cycle.pk}/ekspor/pdf/").status_code == 404


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--cycle", "999999"], "no such cycle"),
        (["--cycle", "uji-2024:20x5"], "must be a number"),
        (["--cycle", "nonsense"], "give an id or FRAMEWORK:YEAR"),
        (["--cycle", "uji-2024:2025", "--format", "xlsx"], "needs --output"),
    ],
)
def test_command_errors_are_clear(hostile_cycle, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("evaluation_export", *args, stdout=io.StringIO(), stderr=io.StringIO())
