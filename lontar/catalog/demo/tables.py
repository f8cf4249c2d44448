"""The demo tables, built from the reference data shipped in data/reference (pure functions).

Real figures keep their source (data/reference/SOURCES.md); the village table is synthetic and
labelled "data contoh".
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterable, Sequence
from pathlib import Path

from django.conf import settings

PROVINCE_CODE, PROVINCE_NAME = "53", "NUSA TENGGARA TIMUR"
VILLAGE_YEARS = tuple(range(2020, 2026))

#: MIT notice of cahyadsn/wilayah, kept with everything made from its codes, names and counts
WILAYAH_NOTICE = (
    "Kode dan nama wilayah: cahyadsn/wilayah (Kepmendagri No. 300.2.2-2138 Tahun 2025), lisensi MIT.\n\n"
    "Copyright (c) 2017 Cahya DSN\n\n"
    "Permission is hereby granted, free of charge, to any person obtaining a copy of this software and "
    'associated documentation files (the "Software"), to deal in the Software without restriction, '
    "including without limitation the rights to use, copy, modify, merge, publish, distribute, "
    "sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is "
    "furnished to do so, subject to the following conditions:\n\n"
    "The above copyright notice and this permission notice shall be included in all copies or substantial "
    "portions of the Software.\n\n"
    'THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT '
    "NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND "
    "NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES "
    "OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN "
    "CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE."
)


def reference_dir() -> Path:
    return Path(settings.BASE_DIR) / "data" / "reference"


def read_csv(name: str, directory: Path | None = None) -> list[dict[str, str]]:
    with (directory or reference_dir()).joinpath(name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def to_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


KABKOTA = ["kode_provinsi", "nama_provinsi", "kode_kabupaten_kota", "nama_kabupaten_kota"]


def _region(row: dict[str, str]) -> list[str]:
    return [PROVINCE_CODE, PROVINCE_NAME, row["kode_kemendagri"], row["nama"].upper()]


def population_dukcapil(rows: list[dict[str, str]]) -> str:
    """Penduduk per kabupaten/kota and sex, Dukcapil semester II 2024 (long format)."""
    body = []
    for row in rows:
        for sex, column in (
            ("LAKI-LAKI", "penduduk_laki2_dukcapil_2024s2"),
            ("PEREMPUAN", "penduduk_perempuan_dukcapil_2024s2"),
        ):
            body.append([*_region(row), sex, row[column], "JIWA", 2024])
    return to_csv([*KABKOTA, "jenis_kelamin", "jumlah_penduduk", "satuan", "tahun"], body)


def population_projection(rows: list[dict[str, str]]) -> str:
    body = [[*_region(r), r["penduduk_bps_proyeksi_2024"], "JIWA", 2024] for r in rows]
    return to_csv([*KABKOTA, "jumlah_penduduk", "satuan", "tahun"], body)


def poverty(rows: list[dict[str, str]]) -> str:
    body = [[*_region(r), r["persen_penduduk_miskin_2025_dibulatkan"], "PERSEN", 2025] for r in rows]
    return to_csv([*KABKOTA, "persentase_penduduk_miskin", "satuan", "tahun"], body)


PAUD_KINDS = (
    ("TK/SLB", "peserta_didik_paud_2022_tk_slb"),
    ("TPA", "peserta_didik_paud_2022_tpa"),
    ("KB", "peserta_didik_paud_2022_kb"),
    ("SPS", "peserta_didik_paud_2022_sps"),
)


def paud_learners(rows: list[dict[str, str]]) -> str:
    body = [[*_region(r), kind, r[column], "ORANG", 2022] for r in rows for kind, column in PAUD_KINDS]
    return to_csv([*KABKOTA, "jenis_satuan_paud", "jumlah_peserta_didik", "satuan", "tahun"], body)


def _synthetic(code: str, salt: str, low: int, high: int) -> int:
    digest = hashlib.sha256(f"{salt}:{code}".encode()).digest()
    return low + int.from_bytes(digest[:4], "big") % (high - low)


def village_sample(rows: list[dict[str, str]], years: Sequence[int] = VILLAGE_YEARS) -> str:
    """Data contoh: synthetic population of every desa and kelurahan for several years."""
    names = {r["kode"]: r["nama"] for r in rows}
    body = []
    for r in rows:
        if r["tingkat"] not in ("desa", "kelurahan"):
            continue
        kec = r["kode_induk"]
        kab = kec[:5]
        base = _synthetic(r["kode"], "penduduk", 400, 6000)
        growth = 1 + _synthetic(r["kode"], "tumbuh", 2, 25) / 1000
        for i, year in enumerate(years):
            people = round(base * growth**i)
            body.append(
                [
                    r["kode"],
                    r["nama"],
                    r["tingkat"],
                    kec,
                    names.get(kec, ""),
                    kab,
                    names.get(kab, ""),
                    year,
                    people,
                    round(people / 3.9),
                ]
            )
    header = [
        "kode_desa_kelurahan",
        "nama_desa_kelurahan",
        "jenis",
        "kode_kecamatan",
        "nama_kecamatan",
        "kode_kabupaten_kota",
        "nama_kabupaten_kota",
        "tahun",
        "jumlah_penduduk",
        "jumlah_kepala_keluarga",
    ]
    return to_csv(header, body)


def kabkota_sample(rows: list[dict[str, str]], salt: str, column: str, low: int, high: int, year: int) -> str:
    """Data contoh: one synthetic figure per kabupaten/kota (for datasets in workflow states)."""
    body = [[*_region(r), _synthetic(r["kode_kemendagri"], salt, low, high), year] for r in rows]
    return to_csv([*KABKOTA, column, "tahun"], body)


def staff_sample(units: Sequence[str]) -> str:
    body = [[u, _synthetic(u, "pns", 20, 600), _synthetic(u, "pppk", 0, 200), 2025] for u in units]
    return to_csv(["perangkat_daerah", "jumlah_pns", "jumlah_pppk", "tahun"], body)


def aid_sample(village_rows: list[dict[str, str]], count: int = 60) -> str:
    """Data contoh for an exempt list: made-up recipients (no real person, no identity number)."""
    villages = [r for r in village_rows if r["tingkat"] == "desa"][:count]
    body = [
        [i + 1, f"Penerima contoh {i + 1:03d}", f"CONTOH-{i + 1:04d}", v["kode"], "PKH", 2025]
        for i, v in enumerate(villages)
    ]
    return to_csv(["nomor", "nama_penerima", "nomor_kartu", "kode_desa", "jenis_bantuan", "tahun"], body)
