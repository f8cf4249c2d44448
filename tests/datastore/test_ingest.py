"""The ingest corpus: good files load with the right types; bad ones fail with a clear
Indonesian message and leave nothing published."""

from __future__ import annotations

import codecs

import pytest

from lontar.datastore.ingest.errors import IngestError
from lontar.datastore.ingest.report import ValidationReport
from lontar.datastore.models import DatastoreTable, TableStatus
from lontar.datastore.selectors import public_tables
from lontar.datastore.services import DatastoreError, datastore_activate, datastore_ingest
from lontar.datastore.store.writers import existing_tables
from tests.datastore.conftest import BOTH
from tests.datastore.helpers import in_indonesian, rows

pytestmark = pytest.mark.django_db(databases=BOTH)


def failed_load(path, code, **kwargs):
    with pytest.raises(IngestError) as err:
        datastore_ingest(actor=None, path=path, resource_key="uji/gagal", **kwargs)
    assert err.value.code == code
    table = DatastoreTable.objects.get(resource_key="uji/gagal")
    assert table.status == TableStatus.FAILED and table.error_code == code
    assert not public_tables().exists()
    assert table.table_name not in existing_tables()
    in_indonesian(lambda: err.value.message)
    return err.value, table


def test_csv_loads_with_types_and_values(write, load):
    path = write(
        "kode;nama;jumlah;nilai;tanggal;aktif\n"
        "53.01;Kupang;1.234;1.234,5;17/08/2024;ya\n"
        "53.71;Kota Kupang;12;0,25;1/1/2023;tidak\n"
    )
    table = load(path)
    types = {c["name"]: c["type"] for c in table.columns}
    assert types == {
        "kode": "region",
        "nama": "text",
        "jumlah": "integer",
        "nilai": "decimal",
        "tanggal": "date",
        "aktif": "boolean",
    }
    assert rows(table) == [
        (1, "53.01", "Kupang", 1234, 1234.5 if not _pg() else _dec("1234.5"), _day("2024-08-17"), _bool(True)),
        (2, "53.71", "Kota Kupang", 12, 0.25 if not _pg() else _dec("0.25"), _day("2023-01-01"), _bool(False)),
    ]
    assert table.row_count == 2 and table.status == TableStatus.ACTIVE


def _pg():
    from django.db import connections

    return connections["datastore"].vendor == "postgresql"


def _dec(text):
    from decimal import Decimal

    return Decimal(text)


def _day(text):
    import datetime as dt

    return dt.date.fromisoformat(text) if _pg() else text


def _bool(value):
    return value if _pg() else int(value)


def test_utf8_bom_and_quoted_fields(write, load):
    path = write(codecs.BOM_UTF8 + b'nama,alamat\n"Budi","Jl. Timor, No. 1"\n"Ani","baris\nkedua"\n')
    table = load(path)
    assert [c["name"] for c in table.columns] == ["nama", "alamat"]
    assert rows(table, '"nama", "alamat"') == [("Budi", "Jl. Timor, No. 1"), ("Ani", "baris\nkedua")]


def test_legacy_encoding_is_decoded(write, load):
    path = write("nama\tketerangan\nKefamenanu\tCafé – “baik”\n", encoding="cp1252")
    table = load(path)
    assert rows(table, '"keterangan"') == [("Café – “baik”",)]
    assert ValidationReport.from_dict(table.report).encoding == "cp1252"


def test_title_rows_above_the_header_are_skipped(write, load):
    path = write("Jumlah penduduk per kabupaten,,\nSumber: BPS,,\n,,\nkode,nama,jumlah\n53.01,Kupang,400\n")
    table = load(path)
    assert [c["name"] for c in table.columns] == ["kode", "nama", "jumlah"]
    assert ValidationReport.from_dict(table.report).header_row == 4
    assert rows(table, '"jumlah"') == [(400,)]


def test_pipe_delimiter(write, load):
    table = load(write("a|b\n1|x\n2|y\n"))
    assert rows(table, '"a", "b"') == [(1, "x"), (2, "y")]


def test_empty_file(write):
    failed_load(write(""), "empty_file")


def test_blank_file(write):
    failed_load(write("\n\n   \n"), "empty_file")


def test_header_only(write, regions):
    failed_load(write("kode,nama,jumlah\n"), "header_only")


def test_binary_file(write, regions):
    failed_load(write(b"\x00\x01\x02garbage\x00" * 50), "not_text")


def test_ragged_rows_name_their_rows(write, regions):
    error, table = failed_load(write("a,b,c\n1,2,3\n4,5\n6,7,8\n9,10,11,12\n"), "ragged_rows")
    assert error.params["rows"] == [3, 5]
    report = ValidationReport.from_dict(table.report)
    assert report.ragged_rows == 2 and report.ragged_first_rows == [3, 5]
    assert "3, 5" in in_indonesian(lambda: error.message)


def test_mixed_delimiters(write, regions):
    text = "a,b,c\n1,2,3\n4;5;6\n7,8,9\n1;2;3\n"
    _error, table = failed_load(write(text), "ragged_rows")
    report = ValidationReport.from_dict(table.report)
    assert report.issues[0].code == "mixed_delimiters"
    assert report.ragged_first_rows == [3, 5]


def test_indonesian_decimals_with_thousands(write, load):
    table = load(write("wilayah;luas\nA;1.234.567,89\nB;-0,5\nC;12\n"))
    assert table.column("luas")["type"] == "decimal" and table.column("luas")["number_format"] == "id"
    values = [float(v) for (v,) in rows(table, '"luas"')]
    assert values == [1234567.89, -0.5, 12.0]


def test_duplicates_missing_and_unknown_region_codes_are_reported(write, load):
    path = write("kode,nilai\n53.01,1\n53.01,1\n53.99,\n53.01,1\n53.71,2\n")
    table = load(path)
    report = ValidationReport.from_dict(table.report)
    assert report.duplicate_rows == 2 and report.duplicate_first_rows == [3, 5]
    kode = report.columns[0]
    assert kode.type == "region" and kode.unknown_regions == 1 and kode.unknown_region_rows == [4]
    assert report.columns[1].missing == 1
    assert {i.code for i in report.warnings} == {"duplicate_rows", "invalid_region_codes"}
    assert not report.errors


def test_type_override_that_does_not_fit_blocks_activation(write, regions):
    path = write("kode,nama\n1,satu\n2,dua\n")
    table = datastore_ingest(actor=None, path=path, resource_key="uji/ubah", column_overrides={"nama": "integer"})
    report = ValidationReport.from_dict(table.report)
    assert report.columns[1].invalid == 2 and report.columns[1].invalid_rows == [2, 3]
    assert [i.code for i in report.errors] == ["type_mismatch"]
    with pytest.raises(DatastoreError) as err:
        datastore_activate(actor=None, table=table)
    assert err.value.code == "report_has_errors"
    in_indonesian(lambda: err.value.message)


def test_override_to_text_keeps_leading_zeros_and_number_format_override(write, load):
    path = write("kode,angka\n001,1.234\n002,5.678\n")
    table = load(path, column_overrides={"angka": {"type": "decimal", "number_format": "en"}})
    assert rows(table, '"kode", "angka"')[0][0] == "001"
    assert [float(v) for (_k, v) in rows(table, '"kode", "angka"')] == [1.234, 5.678]


def test_unknown_override_column(write, regions):
    failed_load(write("a\n1\n"), "unknown_override_column", column_overrides={"b": "text"})


def test_unknown_override_type(write, regions):
    failed_load(write("a\n1\n"), "unknown_override_type", column_overrides={"a": "money"})


def test_invalid_resource_key(write, regions):
    with pytest.raises(IngestError) as err:
        datastore_ingest(actor=None, path=write("a\n1\n"), resource_key="../etc")
    assert err.value.code == "invalid_resource_key"
    assert not DatastoreTable.objects.exists()


def test_missing_file(tmp_path, regions):
    failed_load(tmp_path / "none.csv", "source_missing")


def test_versions_switch_atomically(write, load):
    first = load(write("a\n1\n"), key="uji/versi")
    second = datastore_ingest(actor=None, path=write("a\n2\n3\n", name="b.csv"), resource_key="uji/versi")
    assert second.version == 2 and second.status == TableStatus.READY
    assert public_tables().get(resource_key="uji/versi").pk == first.pk
    datastore_activate(actor=None, table=second)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == TableStatus.RETIRED and second.status == TableStatus.ACTIVE and second.is_public
    assert public_tables().get(resource_key="uji/versi").pk == second.pk


def test_indexes_on_filterable_columns_only(write, load):
    long_text = "x" * 150
    path = write(
        "kode,tahun,nilai,tanggal,nama,uraian,aktif,tetap\n"
        f"53.01,2020,1.5,2024-01-01,Kupang,{long_text},ya,data contoh\n"
        f"53.71,2021,2.5,2024-01-02,Ende,{long_text}y,tidak,data contoh\n"
    )
    table = load(path)
    indexed = {c["name"] for c in table.columns if c["indexed"]}
    assert indexed == {"kode", "tahun", "nilai", "tanggal", "nama"}
    from django.db import connections

    connection = connections["datastore"]
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table.table_name)
    in_database = {c["columns"][0] for c in constraints.values() if c["index"] and not c["primary_key"]}
    assert in_database == indexed


@pytest.mark.postgres_only
def test_loaded_pages_are_all_visible_so_counts_read_only_the_index(write, load):
    """COPY FREEZE: the loaded rows are frozen and their pages all-visible at once (not after
    autovacuum), so a capped count of one desa is an Index Only Scan without heap fetches
    (bench/README.md, datastore_scale: the indexed filter on 20 M rows)."""
    from django.db import connections

    body = "".join(f"53.0{i % 2 + 1},{2015 + i % 10},{i}\n" for i in range(3000))
    table = load(write("kode,tahun,nilai\n" + body))
    with connections["datastore"].cursor() as cursor:
        cursor.execute("SELECT relpages, relallvisible FROM pg_class WHERE relname = %s", [table.table_name])
        pages, visible = cursor.fetchone()
        assert pages > 1 and visible == pages
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            f'EXPLAIN (ANALYZE, COSTS OFF) SELECT COUNT(*) FROM (SELECT 1 FROM "{table.table_name}" '
            "WHERE kode = '53.01' LIMIT 10001) AS capped"
        )
        plan = "\n".join(r[0] for r in cursor.fetchall())
    assert "Index Only Scan" in plan and "Heap Fetches: 0" in plan
