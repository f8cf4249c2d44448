"""Mark columns and the long form (ingest/reshape.py), and the mark split of one cell."""

from __future__ import annotations

import pyarrow as pa
from hypothesis import given
from hypothesis import strategies as st

from lontar.datastore.ingest import types as t
from lontar.datastore.ingest.convert import ColumnSpec, Converted
from lontar.datastore.ingest.reshape import Arrangement, find_wide


def test_years_months_and_groups_are_offered_long() -> None:
    wide = find_wide(["Kabupaten/Kota", "2021", "2022", "Catatan"], ["text", "integer", "integer", "text"])
    assert wide is not None and wide.columns == (1, 2) and wide.variable == "tahun" and wide.values == (2021, 2022)
    assert wide.value_name == "nilai"
    wide = find_wide(["Stasiun", "Januari", "Februari"], ["text", "decimal", "decimal"])
    assert wide is not None and wide.variable == "bulan" and wide.values == ("Januari", "Februari")
    labels = ["Kab", "Penduduk (jiwa) - Laki-laki", "Penduduk (jiwa) - Perempuan"]
    wide = find_wide(labels, ["text", "integer", "integer"])
    assert wide is not None and wide.variable == "kategori" and wide.value_name == "Penduduk"
    assert wide.value_label == "Penduduk (jiwa)"
    assert find_wide(["Kab", "Luas", "Penduduk"], ["text", "decimal", "integer"]) is None
    assert find_wide(["Kab", "2021", "2022"], ["text", "text", "integer"]) is None


def test_long_arrays_repeat_the_row_and_keep_marks() -> None:
    specs = [ColumnSpec("kab", "Kab", "text"), ColumnSpec("k_2021", "2021", "integer", "id")]
    specs.append(ColumnSpec("k_2022", "2022", "integer", "id"))
    arrangement = Arrangement.of(specs, [False, True, False], long=True)
    assert [s.name for s in arrangement.written()] == ["kab", "tahun", "nilai", "nilai_catatan"]
    converted = [
        Converted(pa.array(["A", "B"])),
        Converted(pa.array([1, None]), marks=pa.array([None, "-"])),
        Converted(pa.array([3, 4])),
    ]
    flag = pa.array([False, True])
    arrays = arrangement.arrays(converted, [flag])
    rows = list(zip(*(a.to_pylist() for a in arrays), strict=True))
    assert rows == [
        ("A", 2021, 1, None, False),
        ("A", 2022, 3, None, False),
        ("B", 2021, None, "-", True),
        ("B", 2022, 4, None, True),
    ]


def test_mark_columns_follow_their_column_with_unique_names() -> None:
    specs = [ColumnSpec("a", "A", "integer"), ColumnSpec("a_catatan", "A catatan", "text")]
    arrangement = Arrangement.of(specs, [True, False], long=False)
    assert [s.name for s in arrangement.written()] == ["a", "a_catatan_2", "a_catatan"]


@given(st.integers(0, 10**9), st.sampled_from(["*", "**", "r", "x", "¹", " *", " (r)"]))
def test_a_marked_number_splits_into_number_and_mark(number: int, mark: str) -> None:
    text = f"{number:,}".replace(",", ".")
    assert t.split_mark(text + mark) == (text, mark.strip())
    assert t.parse_integer(t.split_mark(text + mark)[0]) == number


@given(st.sampled_from(sorted(t.MISSING_MARKS)))
def test_missing_marks_are_empty_with_the_mark_kept(mark: str) -> None:
    assert t.split_mark(f" {mark.upper()} ") == ("", mark.upper())
