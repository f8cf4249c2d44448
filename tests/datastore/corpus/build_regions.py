"""Build the region files of the corpus (40_…49_): region codes in every shape, names only,
BPS codes, total rows, codes of another province (issue 16 §3–4, charts §6).

Real figures come from data/reference (SOURCES.md there); made-up figures are in files whose
name says ``contoh`` (data contoh). Run ``.venv/bin/python tests/datastore/corpus/build_regions.py``
after changing a case; the files are committed, expectations live in manifest.yaml.
"""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
FILES = HERE / "files"
REFERENCE = ROOT / "data" / "reference"


def _read(name: str) -> list[dict[str, str]]:
    with (REFERENCE / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


KAB = _read("ntt_kabupaten_kota.csv")
STAT = {r["kode_kemendagri"]: r for r in _read("ntt_statistik_kabkota_sampel.csv")}
WILAYAH = _read("ntt_wilayah_kemendagri_2025.csv")
#: how offices write the names (short forms, capitals, hyphens)
VARIANTS = {
    "53.01": "Kab. Kupang",
    "53.02": "TTS",
    "53.03": "Kab TTU",
    "53.14": "Kabupaten Rote-Ndao",
    "53.18": "SUMBA BARAT DAYA",
    "53.20": "Kab. Sabu  Raijua",
    "53.71": "Kota Kupang",
}


def _contoh(key: str, low: int, high: int) -> int:
    digest = hashlib.sha256(key.encode()).digest()
    return low + int.from_bytes(digest[:4], "big") % (high - low)


def _write(name: str, header: list[str], rows: list[list[object]]) -> None:
    with (FILES / name).open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def build() -> None:
    total = sum(int(r["penduduk_dukcapil_2024s2"]) for r in KAB)
    _write(
        "40_bps_codes_province_row.csv",
        ["Kode BPS", "Kabupaten/Kota", "Penduduk (jiwa)"],
        [["5300", "Nusa Tenggara Timur", total]]
        + [[r["kode_bps"], r["nama"], r["penduduk_dukcapil_2024s2"]] for r in KAB],
    )
    _write(
        "41_kemendagri_undotted_jumlah.csv",
        ["kode_wilayah", "nama_wilayah", "jumlah_kecamatan", "jumlah_desa"],
        [[r["kode_kemendagri"].replace(".", ""), r["nama"], r["jumlah_kecamatan"], r["jumlah_desa"]] for r in KAB]
        + [["", "Jumlah", sum(int(r["jumlah_kecamatan"]) for r in KAB), sum(int(r["jumlah_desa"]) for r in KAB)]],
    )
    _write(
        "42_names_variants_jumlah.csv",
        ["Kabupaten/Kota", "Luas (km2)"],
        [[VARIANTS.get(r["kode_kemendagri"], r["nama"].removeprefix("Kabupaten ")), r["luas_km2"]] for r in KAB]
        + [["JUMLAH", "46378.105"]],
    )
    swapped = [[r["kode_bps"], r["nama"], r["penduduk_dukcapil_2024s2"]] for r in KAB]
    swapped[7][0] = "5303"  # Kabupaten Ende written with Kabupaten Kupang's BPS code
    _write("43_bps_one_conflict_contoh.csv", ["kode_bps", "kabupaten_kota", "penduduk"], swapped)
    desa = [w for w in WILAYAH if w["tingkat"] in ("desa", "kelurahan")][:40]
    _write(
        "44_desa_undotted_contoh.csv",
        ["kode_desa", "nama_desa", "tahun", "jumlah_penduduk"],
        [[w["kode"].replace(".", ""), w["nama"], 2024, _contoh(w["kode"], 300, 5000)] for w in desa],
    )
    kec = [w for w in WILAYAH if w["tingkat"] == "kecamatan" and w["kode_induk"] in ("53.01", "53.71")]
    villages = {k["kode"]: sum(1 for w in WILAYAH if w["kode_induk"] == k["kode"]) for k in kec}
    _write(
        "45_kecamatan_dotted.csv",
        ["kode_kecamatan", "kecamatan", "jumlah_desa_kelurahan"],
        [[k["kode"], k["nama"], villages[k["kode"]]] for k in kec],
    )
    rows: list[list[object]] = []
    for sex, column in (
        ("Laki-laki", "penduduk_laki2_dukcapil_2024s2"),
        ("Perempuan", "penduduk_perempuan_dukcapil_2024s2"),
    ):
        rows.append(["53", "Nusa Tenggara Timur", sex, sum(int(r[column]) for r in KAB)])
        rows += [[r["kode_kemendagri"], r["nama"], sex, r[column]] for r in KAB]
    _write("46_sex_long_province_rows.csv", ["kode", "nama", "jenis_kelamin", "jumlah_penduduk"], rows)
    _write(
        "47_percent_weight.csv",
        ["kabupaten_kota", "persentase_penduduk_miskin", "bobot_penduduk"],
        [
            [
                r["nama"],
                STAT[r["kode_kemendagri"]]["persen_penduduk_miskin_2025_dibulatkan"],
                r["penduduk_dukcapil_2024s2"],
            ]
            for r in KAB
        ],
    )
    _write(
        "48_per_capita_years_contoh.csv",
        ["kode_kemendagri", "nama", "tahun", "pengeluaran_per_kapita"],
        [
            [r["kode_kemendagri"], r["nama"], y, _contoh(f"{r['kode_kemendagri']}{y}", 7000, 15000)]
            for r in KAB
            for y in (2022, 2023, 2024)
        ],
    )
    bali = [
        ("51.01", "Jembrana"),
        ("51.02", "Tabanan"),
        ("51.03", "Badung"),
        ("51.04", "Gianyar"),
        ("51.71", "Denpasar"),
    ]
    _write(
        "49_other_province_contoh.csv",
        ["kode_wilayah", "nama", "nilai"],
        [[code, name, _contoh(code, 10, 99)] for code, name in bali],
    )


if __name__ == "__main__":
    build()
