"""What pass 1 gathers for region columns (region_columns.RegionScan): the same whatever the batches
the file is read in, and the same as a plain Python reading of the rows."""

from __future__ import annotations

import itertools
import re

import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lontar.datastore.ingest import region_columns as rc
from lontar.datastore.ingest import regions as rg
from tests.datastore.test_regions import gaz

CODES = ["53.01", "5301", "53.71", "5371", "5303", "53", "53.01.04", "530104", "53.01.04.2003", "5301042003"]
NAMES = ["Kupang", "Kab. Kupang", "Kota Kupang", "KABUPATEN KUPANG", "Oelnasi", "Sabu Raijua", "TTS", "Bali"]
TOTALS = ["Jumlah", "Total", "NTT", "Jumlah Provinsi"]
PADDED = st.sampled_from(["", " ", "  "])


def cell(values: list[str]) -> st.SearchStrategy[str | None]:
    padded = st.tuples(PADDED, st.sampled_from(values), PADDED).map("".join)
    return st.one_of(padded, padded, padded, st.just(""), st.none())


KINDS = {
    "codes": cell(CODES),
    "codes_with_totals": st.one_of(cell(CODES), cell(CODES), cell(TOTALS[:2])),
    "names": st.one_of(cell(NAMES), cell(NAMES), cell(TOTALS)),
    "numbers": cell(["12", "7", "120", "4501", "2020", "0", "3.5"]),
}


@st.composite
def tables(draw: st.DrawFn) -> list[list[str | None]]:
    """Columns of one kind each; the first row is filled so that every column's kind shows at once
    (the pairs of a name column are gathered from the chunk where its letters first show)."""
    kinds = draw(st.lists(st.sampled_from(sorted(KINDS)), min_size=1, max_size=4))
    first = [draw(st.sampled_from(NAMES if k == "names" else CODES)) for k in kinds]
    rows = draw(st.lists(st.tuples(*(KINDS[k] for k in kinds)), max_size=40))
    return [first, *[list(r) for r in rows]]


def scan_of(rows: list[list[str | None]], cuts: list[int]) -> rc.RegionScan:
    width = len(rows[0])
    scan = rc.RegionScan(width)
    bounds = [0, *sorted({c % (len(rows) + 1) for c in cuts}), len(rows)]
    for start, end in itertools.pairwise(bounds):
        if end > start:
            scan.feed([pa.array([r[i] for r in rows[start:end]], type=pa.string()) for i in range(width)])
    scan.finish()
    return scan


def plain_distinct(rows: list[list[str | None]], i: int) -> set[str]:
    return {v.strip() for r in rows if (v := r[i]) is not None and v.strip()}


def plain_pairs(rows: list[list[str | None]], i: int, j: int) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for r in rows:
        code, name = (r[i] or "").strip(), (r[j] or "").strip()
        if code and name:
            found.setdefault(code, set()).add(name)
    return found


def summary(scan: rc.RegionScan, rows: list[list[str | None]]) -> tuple:
    width = len(rows[0])
    labels = [f"kolom {i}" for i in range(width)]
    decision = rc.decide(labels, labels, scan, gaz())
    regions = {i: c.as_report() for i, c in decision.regions.items()}
    # pairs of a column that turned out not to hold codes were gathered until it showed: not compared
    pairs = {(i, j): scan.pairs_of(i, j) for i in range(width) for j in range(width) if scan.code_shaped[i]}
    return scan.distinct, scan.code_shaped, scan.has_letters, scan.code_totals, pairs, regions, decision.totals


@settings(max_examples=150, deadline=None)
@given(tables(), st.lists(st.integers(min_value=0, max_value=50), max_size=6))
def test_batches_do_not_change_what_is_gathered(rows: list[list[str | None]], cuts: list[int]) -> None:
    whole = scan_of(rows, [])
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(rc, "FEED_ROWS", 1)  # each batch scanned on its own
        assert summary(whole, rows) == summary(scan_of(rows, cuts), rows)
    code_re = re.compile(rc.CODE_OR_EMPTY_RE)
    for i in range(len(rows[0])):
        assert whole.distinct[i] == plain_distinct(rows, i)
        odd = {v.strip() for r in rows if (v := r[i]) is not None and not code_re.match(v)}
        shaped = len(odd) <= rg.EXAMPLES and all(rg.is_total_label(v) for v in odd)
        assert whole.code_shaped[i] == shaped
        if shaped:
            assert whole.code_totals[i] == odd
        else:
            assert whole.has_letters[i] == any(re.search("[A-Za-z]", v) for v in plain_distinct(rows, i))
        for j in range(len(rows[0])):
            if shaped and whole.distinct[i] and whole.has_letters[j]:
                assert whole.pairs_of(i, j) == plain_pairs(rows, i, j)


def test_many_small_batches_are_scanned_together(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rc, "FEED_ROWS", 5)
    rows = [["53.01", "Kabupaten Kupang"], ["53.71", "Kota Kupang"], ["53", "Jumlah"]] * 4
    scan = rc.RegionScan(2)
    for row in rows:
        scan.feed([pa.array([v]) for v in row])
        assert scan._pending_rows < 5  # scanned every five rows, not at each one
    decision = rc.decide(["kode", "wilayah"], ["kode", "wilayah"], scan, gaz())
    assert decision.regions[0].codes == {"53.01": "53.01", "53.71": "53.71", "53": "53"}
    assert scan.pairs_of(0, 1) == {"53.01": {"Kabupaten Kupang"}, "53.71": {"Kota Kupang"}, "53": {"Jumlah"}}
    assert decision.totals == {0: ["53"], 1: ["Jumlah"]}


def test_total_labels_found_again_in_later_batches_keep_a_code_column(monkeypatch: pytest.MonkeyPatch) -> None:
    """Three total labels seen in every batch are still three (they were counted again per batch)."""
    monkeypatch.setattr(rc, "FEED_ROWS", 1)
    scan = rc.RegionScan(1)
    for _ in range(3):
        scan.feed([pa.array(["5301", "5371", "Jumlah", "Total", "Jumlah NTT"])])
    scan.finish()
    assert scan.code_shaped == [True]
    assert scan.code_totals == [{"Jumlah", "Total", "Jumlah NTT"}]


def test_letters_read_while_a_column_looked_like_codes_count(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rc, "FEED_ROWS", 1)
    scan = rc.RegionScan(1)
    scan.feed([pa.array(["12", "Jumlah"])])  # code-shaped with a total label
    scan.feed([pa.array(["123"])])  # no longer code-shaped; no letters in this batch
    scan.finish()
    assert scan.code_shaped == [False]
    assert scan.has_letters == [True]


def test_caps(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rc, "DISTINCT_CAP", 4)
    monkeypatch.setattr(rc, "FEED_ROWS", 1)
    scan = rc.RegionScan(3)
    codes = ["53.01", "53.02", "53.03", "53.04"]
    scan.feed([pa.array(codes), pa.array(["A", "A", "B", "B"]), pa.array(["1", "2", "3", "4"])])
    assert scan.pairs_of(0, 1) == {"53.01": {"A"}, "53.02": {"A"}, "53.03": {"B"}, "53.04": {"B"}}
    scan.feed([pa.array(codes), pa.array(["B", "B", "A", "A"]), pa.array(["5", "5", "5", "5"])])
    assert scan.pairs_of(0, 1) is None  # eight pairs: past the cap
    assert scan.distinct == [set(codes), {"A", "B"}, None]  # five numbers: past the cap
    assert scan.pairs_of(0, 2) is None  # never a column of names


def test_total_labels_of_a_column() -> None:
    scan = rc.RegionScan(1)
    scan.feed(
        [pa.array(["Kupang", "JUMLAH", " Total ", "Nusa Tenggara Timur", "Jumlah\u00a0NTT", "Rata-rata", "Belu"])]
    )
    assert scan.total_labels(0) == sorted(["JUMLAH", "Total", "Nusa Tenggara Timur", "Jumlah\u00a0NTT", "Rata-rata"])
    assert scan.total_labels(0) == sorted(v for v in scan.distinct[0] or () if rg.is_total_label(v))
