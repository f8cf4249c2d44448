"""The automatic chart chooser on real BPS / Satu Data table layouts (issue 12 §3, issue 16 §6).

Each layout is the data dictionary the datastore produces for a kind of table published by BPS
Provinsi NTT, Dukcapil or an OPD's Satu Data portal (tidy and wide; with region codes — dotted,
undotted, BPS —, names only, years, sexes, percentages, per-capita figures, total rows), with
the distinct-value counts the preview measures, and the charts expected: a measure, never a code.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lontar.catalog.chart_choice import ColumnInfo, Plan, choose, is_code


def region(name: str, level: str = "kabkota", system: str = "kemendagri", derived: str = "") -> ColumnInfo:
    return ColumnInfo(
        name, "region", region_level=level, code_system=system, kemendagri_column=derived, reference_kind=""
    )


def names(name: str, derived: str = "", level: str = "kabkota") -> ColumnInfo:
    return ColumnInfo(name, "text", region_level=level, code_system="name" if derived or level else "",
                      kemendagri_column=derived)  # fmt: skip


def added(name: str, level: str = "kabkota") -> ColumnInfo:
    return ColumnInfo(name, "region", role="region_code", region_level=level, code_system="kemendagri")


TOTAL = ColumnInfo("baris_total", "boolean", role="total_flag")
YEAR = ColumnInfo("tahun", "integer")


def num(name: str, kind: str = "integer", unit: str = "") -> ColumnInfo:
    return ColumnInfo(name, kind, unit=unit)


def text(name: str) -> ColumnInfo:
    return ColumnInfo(name, "text")


@dataclass
class Layout:
    id: str
    columns: list[ColumnInfo]
    distinct: dict[str, int]
    #: (kind, measure, by, aggregate) of each chart expected
    charts: list[tuple[str, str, str, str]]
    totals_excluded: bool = False
    tags: list[str] = field(default_factory=list)


KABKOTA_DEMO = [
    region("kode_provinsi", "provinsi"),
    text("nama_provinsi"),
    region("kode_kabupaten_kota"),
    names("nama_kabupaten_kota"),
]
KABKOTA_DISTINCT = {"nama_provinsi": 1, "nama_kabupaten_kota": 22, "satuan": 1, "tahun": 1}

LAYOUTS = [
    # the five real demo datasets (today: "Kode provinsi menurut kabupaten/kota")
    Layout(
        "demo_dukcapil_sex_long",
        [*KABKOTA_DEMO, text("jenis_kelamin"), num("jumlah_penduduk"), text("satuan"), YEAR],
        {**KABKOTA_DISTINCT, "jenis_kelamin": 2, "jumlah_penduduk": 44},
        [("map", "jumlah_penduduk", "kode_kabupaten_kota", "sum")],
        tags=["codes", "sexes"],
    ),
    Layout(
        "demo_bps_projection",
        [*KABKOTA_DEMO, num("jumlah_penduduk"), text("satuan"), YEAR],
        {**KABKOTA_DISTINCT, "jumlah_penduduk": 22},
        [("map", "jumlah_penduduk", "kode_kabupaten_kota", "sum")],
    ),
    Layout(
        "demo_poverty_percent",
        [*KABKOTA_DEMO, num("persentase_penduduk_miskin", "decimal"), text("satuan"), YEAR],
        {**KABKOTA_DISTINCT, "persentase_penduduk_miskin": 14},
        [("map", "persentase_penduduk_miskin", "kode_kabupaten_kota", "none")],
        tags=["percentages"],
    ),
    Layout(
        "demo_paud_by_kind",
        [*KABKOTA_DEMO, text("jenis_satuan_paud"), num("jumlah_peserta_didik"), text("satuan"), YEAR],
        {**KABKOTA_DISTINCT, "jenis_satuan_paud": 4, "jumlah_peserta_didik": 70},
        [("map", "jumlah_peserta_didik", "kode_kabupaten_kota", "sum")],
    ),
    Layout(
        "demo_villages_years",
        [
            region("kode_desa_kelurahan", "desa"),
            names("nama_desa_kelurahan", level="desa"),
            text("jenis"),
            region("kode_kecamatan", "kecamatan"),
            text("nama_kecamatan"),
            region("kode_kabupaten_kota"),
            names("nama_kabupaten_kota"),
            YEAR,
            num("jumlah_penduduk"),
            num("jumlah_kepala_keluarga"),
        ],
        {"jenis": 2, "nama_kecamatan": 300, "nama_kabupaten_kota": 22, "tahun": 6, "nama_desa_kelurahan": 3000},
        [("map", "jumlah_penduduk", "kode_kabupaten_kota", "sum"), ("line", "jumlah_penduduk", "tahun", "sum")],
        tags=["codes", "years"],
    ),
    # BPS tables: BPS codes, a province total row, names only
    Layout(
        "bps_codes_with_total_row",
        [
            region("kode_bps", system="bps", derived="kode_bps_kemendagri"),
            names("kabupaten_kota"),
            num("penduduk", unit="jiwa"),
            added("kode_bps_kemendagri"),
            TOTAL,
        ],
        {"kabupaten_kota": 23, "penduduk": 23},
        [("map", "penduduk", "kode_bps_kemendagri", "sum")],
        totals_excluded=True,
        tags=["bps codes", "totals"],
    ),
    Layout(
        "bps_names_only_with_jumlah",
        [
            names("kabupaten_kota", derived="kabupaten_kota_kemendagri"),
            num("jumlah_penduduk"),
            added("kabupaten_kota_kemendagri"),
            TOTAL,
        ],
        {"kabupaten_kota": 23},
        [("map", "jumlah_penduduk", "kabupaten_kota_kemendagri", "sum")],
        totals_excluded=True,
        tags=["names", "totals"],
    ),
    Layout(
        "bps_wide_sexes",
        [
            names("kabupaten_kota", derived="kabupaten_kota_kemendagri"),
            num("laki_laki"),
            num("perempuan"),
            num("jumlah"),
            added("kabupaten_kota_kemendagri"),
        ],
        {"kabupaten_kota": 22},
        [("map", "jumlah", "kabupaten_kota_kemendagri", "sum")],
        tags=["wide", "sexes"],
    ),
    Layout(
        "bps_numbered_rows",
        [
            num("no"),
            names("kabupaten_kota", derived="k_kemendagri"),
            num("luas_km2", "decimal", "km2"),
            added("k_kemendagri"),
        ],
        {"no": 22, "kabupaten_kota": 22},
        [("map", "luas_km2", "k_kemendagri", "sum")],
        tags=["identifiers"],
    ),
    Layout(
        "bps_undotted_codes_integer_typed_before",
        [num("kode_provinsi"), num("kode_kabupaten"), text("kabupaten"), num("jumlah_sekolah")],
        {"kode_provinsi": 1, "kode_kabupaten": 22, "kabupaten": 22},
        [("bar", "jumlah_sekolah", "kabupaten", "sum")],  # codes typed as plain integers are never measures
        tags=["codes"],
    ),
    Layout(
        "bps_undotted_codes",
        [
            region("kode_provinsi", "provinsi"),
            region("kode_kab", derived="kode_kab_kemendagri"),
            names("kabupaten"),
            num("jumlah_sekolah"),
            added("kode_kab_kemendagri"),
        ],
        {"kabupaten": 22},
        [("map", "jumlah_sekolah", "kode_kab_kemendagri", "sum")],
        tags=["codes"],
    ),
    # rates, shares, per-capita figures
    Layout(
        "province_ipm_series",
        [YEAR, num("ipm", "decimal")],
        {"tahun": 10},
        [("line", "ipm", "tahun", "none")],
        tags=["years", "rates"],
    ),
    Layout(
        "tpt_with_weight",
        [
            region("kode_kab"),
            names("kabupaten"),
            num("tingkat_pengangguran_terbuka", "decimal", "%"),
            num("bobot_angkatan_kerja"),
        ],
        {"kabupaten": 22},
        [("map", "tingkat_pengangguran_terbuka", "kode_kab", "weighted")],
        tags=["percentages", "weights"],
    ),
    Layout(
        "pdrb_per_capita",
        [region("kode_kab"), names("kabupaten"), num("pdrb_per_kapita", "decimal", "ribu rupiah"), YEAR],
        {"kabupaten": 22, "tahun": 1},
        [("map", "pdrb_per_kapita", "kode_kab", "none")],
        tags=["per capita"],
    ),
    Layout(
        "apk_by_region_and_year",
        [region("kode_kab"), names("kabupaten"), YEAR, num("angka_partisipasi_kasar", "decimal", "%")],
        {"kabupaten": 22, "tahun": 3},
        [("map", "angka_partisipasi_kasar", "kode_kab", "none")],  # no province "rata-rata" line
        tags=["years", "percentages"],
    ),
    Layout(
        "kecamatan_rates_one_kabupaten",
        [
            region("kode_kecamatan", "kecamatan"),
            names("kecamatan", level="kecamatan"),
            num("persentase_rumah_layak", "decimal", "%"),
        ],
        {"kecamatan": 24},
        [("bar", "persentase_rumah_layak", "kecamatan", "none")],  # not summed up to the kabupaten
        tags=["percentages"],
    ),
    Layout(
        "density_and_area",
        [
            region("kode_kab"),
            names("kabupaten"),
            num("luas_wilayah", "decimal", "km2"),
            num("kepadatan_penduduk", "decimal", "jiwa/km2"),
        ],
        {"kabupaten": 22},
        [("map", "kepadatan_penduduk", "kode_kab", "none")],  # a density is shown as it is, never summed
        tags=["per capita"],
    ),
    # OPD Satu Data tables without regions
    Layout(
        "opd_staff",
        [text("perangkat_daerah"), num("jumlah_pns"), num("jumlah_pppk"), YEAR],
        {"perangkat_daerah": 20, "tahun": 1},
        [("bar", "jumlah_pns", "perangkat_daerah", "sum")],
    ),
    Layout(
        "sex_series",
        [YEAR, text("jenis_kelamin"), num("jumlah_penduduk", unit="jiwa")],
        {"tahun": 5, "jenis_kelamin": 2},
        [("line", "jumlah_penduduk", "tahun", "sum"), ("bar", "jumlah_penduduk", "jenis_kelamin", "sum")],
        tags=["sexes", "years"],
    ),
    Layout(
        "aid_recipients_identifiers_only",
        [
            num("nomor"),
            text("nama_penerima"),
            text("nomor_kartu"),
            region("kode_desa", "desa"),
            text("jenis_bantuan"),
            YEAR,
        ],
        {"nomor": 60, "nama_penerima": 60, "nomor_kartu": 60, "jenis_bantuan": 1, "tahun": 1},
        [],
        tags=["identifiers"],
    ),
    Layout(
        "monthly_counts",
        [YEAR, text("bulan"), num("jumlah_kunjungan_wisatawan")],
        {"tahun": 3, "bulan": 12},
        [("line", "jumlah_kunjungan_wisatawan", "tahun", "sum"), ("bar", "jumlah_kunjungan_wisatawan", "bulan", "sum")],
    ),
    Layout(
        "unit_column_and_constant_code",
        [num("kode_urusan"), text("program"), num("anggaran", "decimal", "rupiah"), num("realisasi", "decimal")],
        {"kode_urusan": 1, "program": 12},
        [("bar", "anggaran", "program", "sum")],
        tags=["identifiers"],
    ),
    Layout(
        "health_counts_and_percent",
        [
            region("kode_kab", derived="kode_kab_kemendagri"),
            names("kabupaten"),
            num("jumlah_puskesmas"),
            num("persentase_imunisasi_dasar_lengkap", "decimal", "%"),
            added("kode_kab_kemendagri"),
        ],
        {"kabupaten": 22},
        [("map", "persentase_imunisasi_dasar_lengkap", "kode_kab_kemendagri", "none")],
        tags=["percentages"],
    ),
    Layout(
        "dates_and_flags_only",
        [ColumnInfo("tanggal", "date"), ColumnInfo("aktif", "boolean"), text("keterangan")],
        {"keterangan": 5},
        [],
    ),
]


def _summary(plans: list[Plan]) -> list[tuple[str, str, str, str]]:
    return [(p.kind, p.measure.name, p.by.name, p.aggregate) for p in plans]


def test_corpus_is_large_and_varied() -> None:
    assert len(LAYOUTS) >= 20
    tags = {t for layout in LAYOUTS for t in layout.tags}
    assert {"codes", "bps codes", "names", "years", "sexes", "percentages", "per capita", "wide", "totals"} <= tags


@pytest.mark.parametrize("layout", LAYOUTS, ids=[layout.id for layout in LAYOUTS])
def test_expected_chart(layout: Layout) -> None:
    plans = choose(layout.columns, layout.distinct)
    assert _summary(plans) == layout.charts
    for plan in plans:
        assert not is_code(plan.measure)
        assert (plan.totals is not None) == layout.totals_excluded


COLUMN = st.builds(
    ColumnInfo,
    name=st.sampled_from(["kode", "kode_bps", "no", "jumlah", "persen", "tahun", "nama", "bobot", "nilai"]),
    type=st.sampled_from(["integer", "decimal", "text", "region", "region_code", "boolean"]),
    role=st.sampled_from(["", "", "region_code", "total_flag"]),
    region_level=st.sampled_from(["", "provinsi", "kabkota", "desa"]),
    code_system=st.sampled_from(["", "kemendagri", "bps", "name"]),
)


@given(
    st.lists(COLUMN, max_size=8, unique_by=lambda c: c.name), st.dictionaries(st.text(max_size=8), st.integers(0, 40))
)
def test_never_a_code_never_a_sum_of_rates(columns: list[ColumnInfo], distinct: dict[str, int]) -> None:
    for plan in choose(columns, distinct):
        assert plan.measure.type in ("integer", "decimal") and not is_code(plan.measure)
        assert plan.measure.name not in ("kode", "kode_bps", "no", "tahun", "bobot")
        if plan.measure.name == "persen":
            assert plan.aggregate in ("none", "weighted")
        if plan.kind == "map":
            assert plan.by.region_level != "provinsi" and plan.by.code_system in ("", "kemendagri")
