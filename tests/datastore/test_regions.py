"""Region columns: code normalisation, name matching, BPS/Kemendagri detection (pure; hypothesis)."""

from __future__ import annotations

import csv
import time
from functools import cache
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from lontar.datastore.ingest import regions as r

REFERENCE = Path(__file__).resolve().parents[2] / "data" / "reference"


@cache
def places() -> tuple[r.Place, ...]:
    with (REFERENCE / "ntt_kabupaten_kota.csv").open(encoding="utf-8") as fh:
        bps = {row["kode_kemendagri"]: (row["kode_bps"], row["jenis"]) for row in csv.DictReader(fh)}
    out = []
    with (REFERENCE / "ntt_wilayah_kemendagri_2025.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            code = row["kode"]
            level = row["tingkat"]
            bps_code = ""
            if code in bps:
                bps_code, level = bps[code]
            elif level == "provinsi":
                bps_code = "53"
            out.append(r.Place(code, row["nama"], level, bps_code))
    return tuple(out)


@cache
def gaz() -> r.Gazetteer:
    return r.Gazetteer.build(places())


KABKOTA = [p for p in places() if r.level_of(p.code) == "kabkota"]


# --- codes -----------------------------------------------------------------------------------


def test_dotted_forms() -> None:
    assert r.dotted("53") == "53"
    assert r.dotted("5301") == "53.01"
    assert r.dotted("530104") == "53.01.04"
    assert r.dotted("5301042003") == "53.01.04.2003"
    assert r.dotted(" 53.71 ") == "53.71"
    assert r.dotted("5303010") is None  # 7 digits: a BPS kecamatan code, never Kemendagri
    assert r.dotted("53.1") is None
    assert r.dotted("abc") is None


@given(st.sampled_from(places()))
def test_undotted_code_round_trips(place: r.Place) -> None:
    assert r.dotted(place.code.replace(".", "")) == place.code
    assert gaz().kemendagri(place.code.replace(".", "")) == place.code
    assert r.level_of(place.code) in r.LEVELS


@given(st.text(max_size=15))
def test_dotted_never_raises_and_is_stable(value: str) -> None:
    code = r.dotted(value)
    if code is not None:
        assert r.dotted(code) == code
        assert r.level_of(code)


def test_bps_and_kemendagri_differ_for_kabupaten_kupang() -> None:
    assert gaz().from_bps("5303") == "53.01"
    assert gaz().kemendagri("5303") == "53.03"
    assert gaz().from_bps("5371") == "53.71"


# --- names -----------------------------------------------------------------------------------


@given(
    st.sampled_from(KABKOTA),
    st.sampled_from(["{kind} {name}", "{short} {name}", "{name}", "{KIND} {NAME}", "{short}  {name}", "{kind}-{name}"]),
)
def test_kabkota_names_match_with_any_prefix(place: r.Place, shape: str) -> None:
    name = place.name.split(" ", 1)[1]
    kind = place.name.split(" ", 1)[0]
    short = "Kab." if kind == "Kabupaten" else "Kota"
    text = shape.format(kind=kind, name=name, short=short, KIND=kind.upper(), NAME=name.upper())
    found = gaz().match_name(text, "kabkota")
    if name == "Kupang" and shape in ("{name}",):
        assert sorted(found) == ["53.01", "53.71"]  # ambiguous without Kab./Kota
    else:
        assert found == [place.code], text


def test_spelling_variants_and_short_forms() -> None:
    g = gaz()
    assert g.match_name("Kab. TTS", "kabkota") == ["53.02"]
    assert g.match_name("Timor Tengah Utara", "kabkota") == ["53.03"]
    assert g.match_name("Kabupaten Rote-Ndao", "kabkota") == ["53.14"]
    assert g.match_name("SUMBA BARAT DAYA", "kabkota") == ["53.18"]
    assert g.match_name("Kab Sabu  Raijua", "kabkota") == ["53.20"]
    assert g.match_name("Kota Kupang", "kabkota") == ["53.71"]
    assert g.match_name("Kabupaten Kupang", "kabkota") == ["53.01"]
    assert g.match_name("Kabupaten Atlantis", "kabkota") == []


def test_total_labels() -> None:
    for label in ("Jumlah", "TOTAL", "Jumlah/Total", "NTT", "Nusa Tenggara Timur", "Provinsi NTT", "Jumlah NTT"):
        assert r.is_total_label(label), label
    for label in ("Kabupaten Kupang", "Ende", "Laki-laki", "2024", ""):
        assert not r.is_total_label(label), label


def test_match_names_reports_unmatched_ambiguous_and_totals() -> None:
    values = [p.name for p in KABKOTA[:10]] + ["Kupang", "Atlantis", "Jumlah", "NTT"]
    result = r.match_names(values, gaz())
    assert result is not None
    assert result.level == "kabkota"
    assert result.matched == 10
    assert result.unmatched == ["Atlantis"]
    assert result.ambiguous == [("Kupang", ["53.01", "53.71"])]
    assert result.totals == ["Jumlah", "NTT"]


def test_names_that_are_not_regions() -> None:
    assert r.match_names(["Laki-laki", "Perempuan"], gaz()) is None
    assert r.match_names(["Jumlah"], gaz()) is None


def test_kecamatan_names() -> None:
    result = r.match_names(["Semau", "Semau Selatan", "Kupang Barat"], gaz())
    assert result is not None and result.level == "kecamatan"


def test_hundred_thousand_distinct_names_in_bounded_time() -> None:
    values = [f"Tempat {i}" for i in range(100_000)]
    start = time.monotonic()
    assert r.match_names(values, gaz()) is None
    assert time.monotonic() - start < 10


# --- code systems ----------------------------------------------------------------------------


def _pairs(system: str) -> dict[str, list[str]]:
    return {(p.bps_code if system == "bps" else p.code.replace(".", "")): [p.name] for p in KABKOTA}


def test_bps_column_detected_from_names() -> None:
    pairs = _pairs("bps")
    result = r.code_system(pairs, gaz(), pairs=pairs)
    assert result is not None
    assert (result.system, result.level, result.unconfirmed) == ("bps", "kabkota", False)
    assert result.codes["5303"] == "53.01"
    assert result.conflict_count == 0


def test_kemendagri_column_detected_from_names() -> None:
    pairs = _pairs("kemendagri")
    result = r.code_system(pairs, gaz(), pairs=pairs)
    assert result is not None and result.system == "kemendagri" and result.codes["5301"] == "53.01"


def test_bps_column_with_one_conflicting_row() -> None:
    pairs = _pairs("bps")
    pairs["5303"] = ["Kabupaten Kupang", "Kabupaten Ende"]  # one row names the wrong place
    result = r.code_system(pairs, gaz(), pairs=pairs)
    assert result is not None and result.system == "bps"
    assert result.conflict_count == 1
    assert result.conflicts == [("5303", "Kabupaten Ende", "53.01", "53.08")]


def test_without_names_the_header_decides_else_unconfirmed() -> None:
    values = [p.bps_code for p in KABKOTA]
    by_header = r.code_system(values, gaz(), header="Kode BPS")
    assert by_header is not None and by_header.system == "bps" and not by_header.unconfirmed
    guessed = r.code_system(values, gaz(), header="kode")
    assert guessed is not None and guessed.unconfirmed


def test_province_code_among_kabupaten_is_a_total() -> None:
    values = ["53", *(p.code for p in KABKOTA)]
    result = r.code_system(values, gaz())
    assert result is not None and result.level == "kabkota" and result.totals == ["53"]


def test_a_province_column() -> None:
    result = r.code_system(["53"], gaz(), header="kode_provinsi")
    assert result is not None and result.level == "provinsi" and not result.totals


def test_codes_of_another_province_are_unknown() -> None:
    result = r.code_system(["51.01", "51.02", "53.01"], gaz())
    assert result is None  # fewer than half are ours
    mixed = r.code_system(["51.01", "53.01", "53.02"], gaz())
    assert mixed is not None and mixed.unknown == ["51.01"]


def test_years_and_counts_are_not_codes() -> None:
    assert r.code_system(["2020", "2021", "2022"], gaz()) is None
    assert r.code_system(["120", "4501", "33"], gaz()) is None


@settings(max_examples=50)
@given(st.lists(st.sampled_from(KABKOTA), min_size=3, max_size=22, unique=True), st.sampled_from(["bps", "kemendagri"]))
def test_system_follows_names_for_any_subset(subset: list[r.Place], system: str) -> None:
    pairs = {(p.bps_code if system == "bps" else p.code.replace(".", "")): [p.name] for p in subset}
    result = r.code_system(pairs, gaz(), pairs=pairs)
    assert result is not None
    same = all(p.bps_code == p.code.replace(".", "") for p in subset)
    if not same:
        assert result.system == system
    assert result.conflict_count == 0
    assert set(result.codes.values()) == {p.code for p in subset}


def test_two_digit_codes_of_something_else_are_not_regions() -> None:
    import pyarrow as pa

    from lontar.datastore.ingest import region_columns as rc

    header = ["kode_urusan", "urusan", "anggaran"]
    body = [["01", "Pendidikan", "10"], ["02", "Kesehatan", "20"], ["03", "Pekerjaan Umum", "30"]]
    scan = rc.RegionScan(3)
    scan.feed([pa.array([row[i] for row in body]) for i in range(3)])
    assert rc.decide(header, header, scan, gaz()).regions == {}
    bali = [["51.01", "Jembrana", "1"], ["51.02", "Tabanan", "2"]]
    scan = rc.RegionScan(3)
    scan.feed([pa.array([row[i] for row in bali]) for i in range(3)])
    found = rc.decide(["kode_wilayah", "nama", "nilai"], ["kode_wilayah", "nama", "nilai"], scan, gaz()).regions
    assert found[0].other_province_count == 2 and found[0].codes == {}
