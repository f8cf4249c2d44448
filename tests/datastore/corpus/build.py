"""Build the layout corpus: real NTT statistics (data/reference) laid out the way BPS and
offices publish them, and synthetic tables labelled "data contoh".

Run ``.venv/bin/python tests/datastore/corpus/build.py`` after changing a case; the files are
committed (the test reads them, it does not build them). Expectations live in manifest.yaml.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT))

from tests.datastore.corpus.layouts import Layout, Table, write, write_csv  # noqa: E402

FILES = HERE / "files"
REFERENCE = ROOT / "data" / "reference"
SOURCE_BPS = "Sumber: BPS Provinsi Nusa Tenggara Timur (proyeksi penduduk 2024); Dukcapil, semester II 2024"
CONTOH = "(data contoh)"


def _read(name: str) -> list[dict[str, str]]:
    with (REFERENCE / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


STAT = _read("ntt_statistik_kabkota_sampel.csv")
KAB = _read("ntt_kabupaten_kota.csv")


def population() -> Table:
    rows: list[list[object]] = [
        [r["nama"], int(r["penduduk_bps_proyeksi_2024"]), int(r["penduduk_dukcapil_2024s2"])] for r in STAT
    ]
    return Table(["Kabupaten/Kota", "Proyeksi Penduduk BPS", "Penduduk Dukcapil"], rows)  # type: ignore[arg-type]


def population_by_sex() -> Table:
    rows = [
        [
            r["nama"],
            int(r["penduduk_laki2_dukcapil_2024s2"]),
            int(r["penduduk_perempuan_dukcapil_2024s2"]),
            int(r["penduduk_dukcapil_2024s2"]),
        ]
        for r in KAB
    ]
    return Table(
        ["Kabupaten/Kota", "Laki-laki", "Perempuan", "Jumlah"],
        rows,  # type: ignore[arg-type]
        groups=[("Jumlah Penduduk (jiwa)", 1, 3)],
    )


def paud() -> Table:
    keys = ["tk_slb", "tpa", "kb", "sps", "total"]
    rows = [[r["nama"], *(int(r[f"peserta_didik_paud_2022_{k}"]) for k in keys)] for r in STAT]
    return Table(
        ["Kabupaten/Kota", "TK/SLB", "TPA", "KB", "SPS", "Jumlah"],
        rows,  # type: ignore[arg-type]
        groups=[("Peserta Didik PAUD 2022", 1, 5)],
    )


def by_year(marks: bool = False) -> Table:
    """Synthetic (data contoh): a population-like series per kabupaten, years as columns."""
    years = [2020, 2021, 2022, 2023]
    rows: list[list[object]] = []
    for i, r in enumerate(STAT):
        base = int(r["penduduk_bps_proyeksi_2024"])
        values: list[object] = [round(base * (1 - 0.012 * (2024 - y))) for y in years]
        if marks and i == 2:
            values[0] = "-"
        if marks and i == 5:
            values[1] = "…"
        if marks and i == 7:
            values[3] = f"{values[3]}*"
        rows.append([r["nama"], *values])
    return Table(["Kabupaten/Kota", *(str(y) for y in years)], rows)  # type: ignore[arg-type]


def by_month() -> Table:
    """Synthetic (data contoh): rainfall in mm per month for a few stations."""
    months = ["Januari", "Februari", "Maret", "April", "Mei", "Juni"]
    stations = ["Stasiun Meteorologi El Tari", "Stasiun Klimatologi Lasiana", "Stasiun Meteorologi Frans Sales Lega"]
    rows: list[list[object]] = []
    for s, name in enumerate(stations):
        rows.append([name, *(round(100.5 + 37.25 * s + 11.5 * m, 1) for m in range(len(months)))])
    return Table(["Stasiun", *months], rows)  # type: ignore[arg-type]


def marked(kind: str) -> Table:
    """Real figures with synthetic marks in a few cells."""
    rows: list[list[object]] = []
    for i, r in enumerate(STAT[:10]):
        value: object = int(r["penduduk_dukcapil_2024s2"])
        percent: object = f"{int(r['persen_penduduk_miskin_2025_dibulatkan'])},5"
        if i in (1, 4):
            value = kind
        if i == 6:
            percent = kind
        rows.append([r["nama"], value, percent])
    return Table(["Kabupaten/Kota", "Penduduk", "Persen Miskin"], rows)  # type: ignore[arg-type]


def revised() -> Table:
    rows: list[list[object]] = []
    suffixes = {0: "*", 2: "r", 3: "¹", 5: " *", 8: "x"}
    for i, r in enumerate(STAT[:10]):
        value = f"{int(r['penduduk_bps_proyeksi_2024']):,}".replace(",", ".")
        rows.append([r["nama"], value + suffixes.get(i, ""), f"{r['persen_penduduk_miskin_2025_dibulatkan']},0"])
    return Table(["Kabupaten/Kota", "Penduduk", "Persen Miskin"], rows)  # type: ignore[arg-type]


def kab_text() -> Table:
    return Table(["Kabupaten/Kota", "Jenis", "Ibukota"], [[r["nama"], r["jenis"], r["ibukota"]] for r in KAB])  # type: ignore[arg-type]


def kab_codes() -> Table:
    rows = [[r["kode_bps"], r["nama"], int(r["jumlah_kecamatan"]), int(r["jumlah_desa"])] for r in KAB]
    return Table(["Kode BPS", "Kabupaten/Kota", "Jumlah Kecamatan", "Jumlah Desa"], rows)  # type: ignore[arg-type]


TITLE_POP = ["Tabel 3.1.1 Jumlah Penduduk Menurut Kabupaten/Kota di Provinsi Nusa Tenggara Timur, 2024"]
NOTES = [
    "Catatan: angka proyeksi penduduk hasil SP2020",
    "Keterangan: - = nihil; … = data tidak tersedia",
    "*) angka sementara",
    SOURCE_BPS,
]


def build() -> list[Path]:
    FILES.mkdir(exist_ok=True)
    made: list[Path] = []

    def put(name: str, table: Table, layout: Layout, **kwargs: object) -> None:
        made.append(write(FILES / name, table, layout, **kwargs))  # type: ignore[arg-type]

    bps = Layout(title=TITLE_POP, column_numbers=True, footer=[SOURCE_BPS])
    put("01_bps_title_source.csv", population(), bps)
    put("02_bps_title_source_unpadded.csv", population(), Layout(**{**bps.__dict__, "pad": False}))
    put("03_bps_title_source.xlsx", population(), bps)
    put(
        "04_bps_semicolon_indonesian.csv",
        population(),
        Layout(**{**bps.__dict__, "delimiter": ";", "indonesian_numbers": True}),
    )
    put("05_bps_notes_footer.csv", population(), Layout(title=TITLE_POP, column_numbers=True, footer=NOTES))
    put("06_merged_header.xlsx", population_by_sex(), Layout())
    put("07_merged_header.csv", population_by_sex(), Layout())
    put(
        "08_merged_header_bps.xlsx",
        population_by_sex(),
        Layout(title=["Tabel 3.1.2 Penduduk Menurut Jenis Kelamin, 2024"], column_numbers=True, footer=[SOURCE_BPS]),
    )
    put(
        "09_paud_merged.xlsx",
        paud(),
        Layout(
            title=["Peserta Didik PAUD per Jenis Layanan, 2022"],
            footer=["Sumber: Kemendikbud, Data Peserta Didik (APK/APM), 2022"],
        ),
    )
    year_title = [f"Jumlah Penduduk Menurut Kabupaten/Kota, 2020-2023 {CONTOH}"]
    put("10_years_marks.csv", by_year(marks=True), Layout(title=year_title, column_numbers=True, footer=NOTES))
    years_grouped = by_year()
    years_grouped.groups = [("Jumlah Penduduk (jiwa)", 1, 4)]
    put("11_years_merged.xlsx", years_grouped, Layout(title=year_title, column_numbers=True, footer=[SOURCE_BPS]))
    put("12_years_long.csv", by_year(), Layout(title=year_title, footer=[SOURCE_BPS]))
    put("13_mark_dash.csv", marked("-"), Layout(title=TITLE_POP))
    put("14_mark_ellipsis.csv", marked("…"), Layout(title=TITLE_POP))
    put("15_mark_dots.csv", marked("..."), Layout())
    put("16_mark_na.csv", marked("NA"), Layout())
    put("17_mark_n_a.xlsx", marked("n/a"), Layout(title=TITLE_POP))
    put("18_mark_x.csv", marked("x"), Layout(footer=["x) data tidak dapat ditampilkan", SOURCE_BPS]))
    put("19_revised.csv", revised(), Layout(title=TITLE_POP, footer=["*) angka sementara", "r) angka revisi"]))
    put(
        "20_months.csv",
        by_month(),
        Layout(title=[f"Curah Hujan (mm) per Bulan {CONTOH}"], footer=["Sumber: BMKG (data contoh)"]),
    )
    put("21_months_long.xlsx", by_month(), Layout(title=[f"Curah Hujan (mm) per Bulan {CONTOH}"]))
    put("22_paud_long.xlsx", paud(), Layout())
    put("23_text_only.csv", kab_text(), Layout(title=["Daftar Kabupaten/Kota"], footer=["Sumber: Kemendagri, 2025"]))
    put("24_kode_bps.csv", kab_codes(), Layout(footer=["Sumber: Kepmendagri 300.2.2-2138/2025"]))
    put(
        "25_titles_no_blank.csv",
        population(),
        Layout(title=[*TITLE_POP, "(jiwa)"], blank_after_title=False, footer=[SOURCE_BPS], blank_before_footer=False),
    )
    put("26_cp1252.csv", marked("…"), Layout(title=TITLE_POP, delimiter=";"), encoding="cp1252")
    put("27_bom_semicolon.csv", population(), Layout(delimiter=";", footer=[SOURCE_BPS]), encoding="utf-8-sig")
    put("28_plain_xlsx.xlsx", population(), Layout())
    put("29_plain.csv", population(), Layout())
    _special(made)
    return made


def _special(made: list[Path]) -> None:
    """Files the layout writer cannot express: blank rows, trailing empty columns, hostile ones."""
    text = (FILES / "29_plain.csv").read_text(encoding="utf-8").splitlines()
    lines = [text[0] + ",,", *(line + ",," for line in text[1:6]), ",,,,", ",,,,", *(line + ",," for line in text[6:])]
    (FILES / "30_blank_rows_empty_columns.csv").write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    made.append(FILES / "30_blank_rows_empty_columns.csv")

    notes = "\r\n".join(["Catatan: tabel ini hanya berisi catatan", "Keterangan: tidak ada data", SOURCE_BPS])
    (FILES / "31_hostile_only_notes.csv").write_text(notes + "\r\n", encoding="utf-8")
    made.append(FILES / "31_hostile_only_notes.csv")

    wide = Table(
        ["Wilayah", *(f"K{i}" for i in range(1000))],
        [["Kota Kupang", *range(1000)]],
        groups=[("Kelompok", 1, 1000)],
    )
    made.append(write_csv(FILES / "32_hostile_wide_merged.csv", wide, Layout()))

    header = "\r\n".join(f"Judul baris {i},keterangan {i},lagi {i}" for i in range(500))
    data = "\r\n".join(f"Kab {i},{i},{i * 2}" for i in range(20))
    (FILES / "33_hostile_deep_header.csv").write_text(header + "\r\n" + data + "\r\n", encoding="utf-8")
    made.append(FILES / "33_hostile_deep_header.csv")

    mixed = ["Kabupaten/Kota,Nilai,Catatan"]
    marks = ["-", "…", "NA", "12a", "x", "1.234*", "5"]
    mixed += [f"Kab {i},{marks[i % len(marks)]},{marks[(i + 3) % len(marks)]}" for i in range(14)]
    (FILES / "34_hostile_mixed_marks.csv").write_text("\r\n".join(mixed) + "\r\n", encoding="utf-8")
    made.append(FILES / "34_hostile_mixed_marks.csv")

    (FILES / "35_reference_kabkota.csv").write_bytes((REFERENCE / "ntt_kabupaten_kota.csv").read_bytes())
    made.append(FILES / "35_reference_kabkota.csv")


if __name__ == "__main__":
    for path in build():
        print(path.relative_to(ROOT))
