"""XLSX: every sheet, header detection, footers, typed cells, corrupt files and zip bombs."""

from __future__ import annotations

import datetime as dt
import zipfile

import pytest
from openpyxl import Workbook

from lontar.datastore.ingest import xlsx_source
from lontar.datastore.ingest.errors import IngestError
from lontar.datastore.ingest.report import ValidationReport
from lontar.datastore.models import DatastoreTable, TableStatus
from lontar.datastore.selectors import public_tables
from lontar.datastore.services import datastore_ingest
from tests.datastore.conftest import BOTH
from tests.datastore.helpers import in_indonesian, rows

pytestmark = pytest.mark.django_db(databases=BOTH)


def workbook(path, sheets):
    """sheets: {name: [[cell, ...], ...]} (None = empty cell; str starting with = stays text)."""
    book = Workbook()
    book.remove(book.active)
    for name, data in sheets.items():
        sheet = book.create_sheet(name)
        for r, row in enumerate(data, start=1):
            for c, value in enumerate(row, start=1):
                if value is None:
                    continue
                cell = sheet.cell(row=r, column=c, value=value)
                if isinstance(value, str) and value.startswith("="):
                    cell.data_type = "s"
    book.save(path)
    return path


SUMMARY = [
    ["Ringkasan penduduk NTT 2024", None, None],
    [None, None, None],
    ["kode", "wilayah", "penduduk"],
    ["53.01", "Kupang", 400123],
    ["53.71", "Kota Kupang", 450000],
    ["53.71", "Kota Kupang", 450000],
    [None, None, None],
    ["Sumber: Dukcapil", None, None],
]
DETAIL = [
    ["tanggal", "luas", "catatan", "aktif"],
    [dt.date(2024, 1, 2), 1.234, "=1+1", True],
    [dt.date(2024, 2, 3), 0.5, "+62", False],
]


@pytest.fixture
def book(tmp_path):
    return workbook(tmp_path / "buku.xlsx", {"Kosong": [], "Ringkasan": SUMMARY, "Rinci": DETAIL})


def test_first_sheet_with_data_header_and_footer(book, load):
    table = load(book)
    report = ValidationReport.from_dict(table.report)
    assert report.sheet == "Ringkasan" and report.sheets == ["Kosong", "Ringkasan", "Rinci"]
    assert report.header_row == 3 and report.skipped_footer_rows == 1
    assert [c["type"] for c in table.columns] == ["region", "text", "integer"]
    assert rows(table, '"kode", "penduduk"') == [("53.01", 400123), ("53.71", 450000), ("53.71", 450000)]
    assert report.duplicate_rows == 1 and report.duplicate_first_rows == [6]


@pytest.mark.parametrize("sheet", [2, "Rinci"])
def test_other_sheet_by_number_or_name(book, load, sheet):
    table = load(book, sheet=sheet)
    types = {c["name"]: (c["type"], c["number_format"]) for c in table.columns}
    assert types["tanggal"][0] == "date" and types["aktif"][0] == "boolean"
    assert types["luas"] == ("decimal", "en")  # a typed 1.234 is never read as 1234
    values = rows(table, '"luas", "catatan"')
    assert [float(v) for v, _ in values] == [1.234, 0.5]
    assert [c for _, c in values] == ["=1+1", "+62"]  # stored verbatim


def test_missing_sheet_lists_the_sheets(book, regions):
    with pytest.raises(IngestError) as err:
        datastore_ingest(actor=None, path=book, resource_key="uji/xlsx", sheet=7)
    assert err.value.code == "xlsx_no_sheet"
    assert "Kosong, Ringkasan, Rinci" in in_indonesian(lambda: err.value.message)


def test_empty_sheet(book, regions):
    with pytest.raises(IngestError) as err:
        datastore_ingest(actor=None, path=book, resource_key="uji/xlsx", sheet="Kosong")
    assert err.value.code == "xlsx_empty_sheet"


def test_header_only_sheet(tmp_path, regions):
    path = workbook(tmp_path / "h.xlsx", {"S": [["a", "b"]]})
    with pytest.raises(IngestError) as err:
        datastore_ingest(actor=None, path=path, resource_key="uji/xlsx")
    assert err.value.code == "header_only"


def test_cells_right_of_the_header_are_ragged_rows(tmp_path, regions):
    path = workbook(tmp_path / "r.xlsx", {"S": [["a", "b"], [1, 2], [3, 4, "lebih"], [5, 6]]})
    with pytest.raises(IngestError) as err:
        datastore_ingest(actor=None, path=path, resource_key="uji/xlsx")
    assert err.value.code == "ragged_rows" and err.value.params["rows"] == [3]


def refused(path, code):
    with pytest.raises(IngestError) as err:
        datastore_ingest(actor=None, path=path, resource_key="uji/rusak")
    assert err.value.code == code
    assert DatastoreTable.objects.get(resource_key="uji/rusak").status == TableStatus.FAILED
    assert not public_tables().exists()
    return in_indonesian(lambda: err.value.message)


def test_corrupt_xlsx(tmp_path, regions):
    path = tmp_path / "rusak.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00garbage" * 100)
    refused(path, "xlsx_corrupt")


def test_zip_that_is_not_a_workbook(tmp_path, regions):
    path = tmp_path / "bukan.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "bukan buku kerja")
    refused(path, "xlsx_corrupt")


def test_truncated_workbook(book, tmp_path, regions):
    path = tmp_path / "potong.xlsx"
    path.write_bytes(book.read_bytes()[:1500])
    refused(path, "xlsx_corrupt")


def test_zip_bomb_is_refused_before_parsing(tmp_path, regions, monkeypatch):
    path = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            block = b"\x00" * (1 << 20)
            for _ in range(80):
                member.write(block)
    assert path.stat().st_size < 1 << 20

    def never(*args, **kwargs):
        raise AssertionError("the workbook was parsed")

    monkeypatch.setattr(xlsx_source.CalamineWorkbook, "from_path", never)
    message = refused(path, "xlsx_bomb")
    assert "80.0 MB" in message


def test_declared_size_over_the_limit_is_refused(tmp_path, regions, monkeypatch):
    monkeypatch.setattr(xlsx_source, "MAX_UNPACKED", 1000)
    path = workbook(tmp_path / "besar.xlsx", {"S": [["a"], ["x" * 2000]]})
    refused(path, "xlsx_bomb")
