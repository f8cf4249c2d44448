"""Separator, header-row and encoding detection (no database)."""

from __future__ import annotations

import codecs

import pytest

from lontar.datastore.ingest.encoding import detect_encoding, file_kind
from lontar.datastore.ingest.errors import IngestError
from lontar.datastore.ingest.sniff import detect_header, guess_delimiter


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_each_delimiter_is_found(delimiter):
    lines = [delimiter.join(["kode", "nama", "nilai"])] + [
        delimiter.join(["53.01", f"Desa {i}", f"{i},5"]) for i in range(10)
    ]
    assert guess_delimiter(lines).delimiter == delimiter


def test_semicolon_file_with_decimal_commas_is_not_read_as_comma_separated():
    lines = ["kode;nilai;jumlah"] + [f"53.0{i};1.234,{i};{i}" for i in range(9)]
    assert guess_delimiter(lines).delimiter == ";"


def test_quoted_fields_with_the_delimiter_inside():
    lines = ["nama,alamat,nilai"] + [f'"Budi","Jl. Timor, No. {i}",{i}' for i in range(5)]
    assert guess_delimiter(lines).delimiter == ","


def test_mixed_separators_are_reported_as_rivals():
    lines = ["a,b,c", "1,2,3", "4,5,6", "7;8;9", "1,2,3", "10;11;12"]
    guess = guess_delimiter(lines)
    assert guess.delimiter == ","
    assert ";" in guess.rivals


def test_header_below_title_rows():
    rows = [["Jumlah Penduduk NTT 2024", "", ""], ["", "", ""], ["kode", "nama", "jumlah"], ["53.01", "Kupang", "400"]]
    assert detect_header(rows) == 2


def test_header_of_two_columns_under_a_title():
    rows = [["Judul tabel", ""], ["kode", "nilai"], ["53.01", "1"]]
    assert detect_header(rows) == 1


def test_no_header_in_empty_rows():
    assert detect_header([["", ""], [""]]) is None


def test_utf8_with_and_without_bom(tmp_path):
    plain = tmp_path / "a.csv"
    plain.write_text("nama\nSabu Raijua – Menia\n", encoding="utf-8")
    bom = tmp_path / "b.csv"
    bom.write_bytes(codecs.BOM_UTF8 + "nama\nKéfamenanu\n".encode())
    assert detect_encoding(plain) == "utf-8"
    assert detect_encoding(bom) == "utf-8-sig"


def test_windows_encoding_is_detected_over_the_whole_file(tmp_path):
    path = tmp_path / "cp.csv"
    body = "nama;keterangan\n" + "".join(f"Desa {i};biasa\n" for i in range(5000)) + "Café;naïve – “kutip”\n"
    path.write_bytes(body.encode("cp1252"))
    encoding = detect_encoding(path)
    assert path.read_bytes().decode(encoding).endswith("Café;naïve – “kutip”\n")


def test_binary_file_is_refused(tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(IngestError) as err:
        detect_encoding(path)
    assert err.value.code == "not_text"


def test_file_kind_by_content(tmp_path):
    xlsx = tmp_path / "data.csv"
    xlsx.write_bytes(b"PK\x03\x04rest")
    xls = tmp_path / "old.xlsx"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 10)
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert file_kind(xlsx) == "xlsx"
    with pytest.raises(IngestError) as err:
        file_kind(xls)
    assert err.value.code == "legacy_xls"
    with pytest.raises(IngestError) as err:
        file_kind(empty)
    assert err.value.code == "empty_file"
