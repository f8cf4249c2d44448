"""What the catalogue demo publishes: real statistics with their sources, and labelled samples
("data contoh") in every workflow state and data class."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from lontar.catalog.demo import tables as t

SAMPLE_NOTE = (
    "Tabel kecil fakta publik yang diketik dari laporan resmi, setiap kolom dengan sumbernya; "
    "dimuat sebagai konten demo Lontar."
)


@dataclass(frozen=True)
class DemoDataset:
    slug: str
    title: str
    organisation: str
    description: str
    topics: tuple[str, ...]
    tags: tuple[str, ...]
    source: str
    table: Callable[[dict[str, list[dict[str, str]]]], str]
    columns: dict[str, tuple[str, str]]  # name -> (label, unit)
    temporal: tuple[int, int]
    state: str = "published"
    data_class: str = "publik"
    frequency: str = "tahunan"
    spatial_level: str = "kabupaten_kota"
    is_sample: bool = False
    is_prioritas: bool = False
    release_in_days: int | None = None
    note: str = ""
    resource_name: str = "Tabel data"
    notice: str = t.WILAYAH_NOTICE
    extra: dict[str, str] = field(default_factory=dict)


REGION_COLUMNS = {
    "kode_provinsi": ("Kode provinsi", ""),
    "nama_provinsi": ("Nama provinsi", ""),
    "kode_kabupaten_kota": ("Kode kabupaten/kota (Kemendagri)", ""),
    "nama_kabupaten_kota": ("Nama kabupaten/kota", ""),
    "satuan": ("Satuan", ""),
    "tahun": ("Tahun", ""),
}

REAL = [
    DemoDataset(
        slug="jumlah-penduduk-kabupaten-kota-dukcapil-2024",
        title="Jumlah penduduk menurut kabupaten/kota dan jenis kelamin, semester II 2024 (Dukcapil)",
        organisation="pemprov-ntt-diskominfo",
        description=(
            "Jumlah penduduk terdaftar di setiap kabupaten/kota di Provinsi Nusa Tenggara Timur menurut jenis "
            "kelamin, keadaan Desember 2024 (semester II), dari data administrasi kependudukan. Total provinsi "
            "5.700.772 jiwa. " + SAMPLE_NOTE
        ),
        topics=("administrasi-kependudukan", "statistik"),
        tags=("penduduk", "kependudukan", "dukcapil", "jenis kelamin"),
        source=(
            "Ditjen Dukcapil Kemendagri, Data Kependudukan Semester II (Desember) 2024; melalui cahyadsn/wilayah "
            "db/wilayah_penduduk.sql (commit 51994c566f7fe1f02331bc9ffdedd0552aa4a43c, MIT)."
        ),
        table=lambda ref: t.population_dukcapil(ref["kabkota"]),
        columns={
            **REGION_COLUMNS,
            "jenis_kelamin": ("Jenis kelamin", ""),
            "jumlah_penduduk": ("Jumlah penduduk", "jiwa"),
        },
        temporal=(2024, 2024),
        frequency="semesteran",
        resource_name="Penduduk per kabupaten/kota dan jenis kelamin, semester II 2024",
    ),
    DemoDataset(
        slug="proyeksi-penduduk-kabupaten-kota-2024",
        title="Proyeksi penduduk menurut kabupaten/kota, 2024 (BPS)",
        organisation="pemprov-ntt-bappeda",
        description=(
            "Proyeksi jumlah penduduk tahun 2024 untuk setiap kabupaten/kota di Provinsi Nusa Tenggara Timur "
            "menurut BPS. Catatan: ke-22 nilai berjumlah 5.656.049, sedangkan total pada artikel sumber "
            "5.656.039 (selisih 10; salah ketik di artikel). " + SAMPLE_NOTE
        ),
        topics=("administrasi-kependudukan", "statistik"),
        tags=("penduduk", "proyeksi", "bps"),
        source=(
            "BPS Provinsi NTT, proyeksi penduduk 2024, sebagaimana dimuat ulang sakunar.com, “Penduduk NTT Tahun "
            "2024 Mencapai 5,6 Juta…” (16 Desember 2024), https://sakunar.com/2024/12/16/penduduk-ntt-tahun-2024-"
            "mencapai-56-juta-tertinggi-di-kabupaten-ini/"
        ),
        table=lambda ref: t.population_projection(ref["statistik"]),
        columns={**REGION_COLUMNS, "jumlah_penduduk": ("Proyeksi jumlah penduduk", "jiwa")},
        temporal=(2024, 2024),
        resource_name="Proyeksi penduduk per kabupaten/kota, 2024",
    ),
    DemoDataset(
        slug="persentase-penduduk-miskin-kabupaten-kota-2025",
        title="Persentase penduduk miskin menurut kabupaten/kota, 2025 (dibulatkan)",
        organisation="pemprov-ntt-bappeda",
        description=(
            "Persentase penduduk miskin di setiap kabupaten/kota di Provinsi Nusa Tenggara Timur tahun 2025 "
            "menurut BPS, dibulatkan ke persen bulat sebagaimana dimuat sumbernya. " + SAMPLE_NOTE
        ),
        topics=("sosial", "statistik"),
        tags=("kemiskinan", "bps"),
        source=(
            "BPS, persentase penduduk miskin 2025 (dibulatkan ke persen bulat), sebagaimana didaftar "
            "Databoks/Katadata, “29,23% Penduduk di Kabupaten Sumba Tengah Masuk Kategori Miskin”, "
            "https://databoks.katadata.co.id/demografi/statistik/a029be3ae06a441/29-23-penduduk-di-kabupaten-"
            "sumba-tengah-masuk-kategori-miskin"
        ),
        table=lambda ref: t.poverty(ref["statistik"]),
        columns={**REGION_COLUMNS, "persentase_penduduk_miskin": ("Persentase penduduk miskin (dibulatkan)", "%")},
        temporal=(2025, 2025),
        resource_name="Persentase penduduk miskin per kabupaten/kota, 2025",
    ),
    DemoDataset(
        slug="peserta-didik-paud-kabupaten-kota-2022",
        title="Jumlah peserta didik PAUD menurut kabupaten/kota dan jenis satuan, 2022",
        organisation="pemprov-ntt-disdikbud",
        description=(
            "Jumlah peserta didik pendidikan anak usia dini (TK/SLB, TPA, KB, SPS) di setiap kabupaten/kota di "
            "Provinsi Nusa Tenggara Timur tahun 2022. Total provinsi 151.664 anak. " + SAMPLE_NOTE
        ),
        topics=("pendidikan",),
        tags=("paud", "peserta didik", "pendidikan"),
        source=(
            "Kemendikbud, portal APK/APM, “Data Peserta Didik Sekolah Nusa Tenggara Timur”, tab PAUD, tahun 2022, "
            "https://apkapm.data.kemdikbud.go.id/index.php/cberanda/pesertadidiksekolah?kode_wilayah=240000"
            "&tabs=paud&tahun=2022"
        ),
        table=lambda ref: t.paud_learners(ref["statistik"]),
        columns={
            **REGION_COLUMNS,
            "jenis_satuan_paud": ("Jenis satuan PAUD", ""),
            "jumlah_peserta_didik": ("Jumlah peserta didik", "anak"),
        },
        temporal=(2022, 2022),
        resource_name="Peserta didik PAUD per kabupaten/kota, 2022",
    ),
]

SAMPLE_PREFIX = "Data contoh: "
SAMPLES = [
    DemoDataset(
        slug="contoh-penduduk-desa-kelurahan-2020-2025",
        title=SAMPLE_PREFIX + "penduduk dan kepala keluarga per desa/kelurahan, 2020–2025",
        organisation="pemprov-ntt-dpmd",
        description=(
            "Tabel sintetis untuk memperlihatkan skala: setiap desa dan kelurahan di NTT (3.442 wilayah) untuk enam "
            "tahun. Angka penduduk dan kepala keluarga dibuat acak dan TIDAK menggambarkan keadaan nyata; kode dan "
            "nama wilayah asli (Kepmendagri 300.2.2-2138/2025)."
        ),
        topics=("pemberdayaan-masyarakat-desa",),
        tags=("data contoh", "desa", "kelurahan"),
        source="Data contoh sintetis dibuat oleh Lontar; kode dan nama wilayah dari cahyadsn/wilayah (MIT).",
        table=lambda ref: t.village_sample(ref["wilayah"]),
        columns={
            "kode_desa_kelurahan": ("Kode desa/kelurahan", ""),
            "nama_desa_kelurahan": ("Nama desa/kelurahan", ""),
            "jenis": ("Desa atau kelurahan", ""),
            "kode_kecamatan": ("Kode kecamatan", ""),
            "nama_kecamatan": ("Nama kecamatan", ""),
            "kode_kabupaten_kota": ("Kode kabupaten/kota", ""),
            "nama_kabupaten_kota": ("Nama kabupaten/kota", ""),
            "tahun": ("Tahun", ""),
            "jumlah_penduduk": ("Jumlah penduduk (contoh)", "jiwa"),
            "jumlah_kepala_keluarga": ("Jumlah kepala keluarga (contoh)", "KK"),
        },
        temporal=(2020, 2025),
        spatial_level="desa_kelurahan",
        is_sample=True,
        resource_name="Penduduk per desa/kelurahan (data contoh)",
    ),
]


def _kabkota(
    slug: str, title: str, org: str, topic: str, column: str, label: str, unit: str, **kw: object
) -> DemoDataset:
    year = 2025
    return DemoDataset(
        slug=slug,
        title=SAMPLE_PREFIX + title,
        organisation=org,
        description=(
            f"Tabel sintetis ({title}) untuk memperlihatkan alur kerja Satu Data. "
            "Angka dibuat acak dan tidak menggambarkan keadaan nyata."
        ),
        topics=(topic,),
        tags=("data contoh",),
        source="Data contoh sintetis dibuat oleh Lontar.",
        table=lambda ref: t.kabkota_sample(ref["kabkota"], slug, column, 10, 900, year),
        columns={**REGION_COLUMNS, column: (label, unit)},
        temporal=(year, year),
        is_sample=True,
        resource_name=title,
        **kw,  # type: ignore[arg-type]
    )


STATES = [
    _kabkota(
        "contoh-puskesmas-kabupaten-kota",
        "jumlah puskesmas per kabupaten/kota",
        "pemprov-ntt-dinkes",
        "kesehatan",
        "jumlah_puskesmas",
        "Jumlah puskesmas",
        "unit",
        state="draft",
    ),
    _kabkota(
        "contoh-panjang-jalan-provinsi",
        "panjang jalan provinsi per kabupaten/kota",
        "pemprov-ntt-dpupr",
        "pekerjaan-umum-penataan-ruang",
        "panjang_jalan_km",
        "Panjang jalan",
        "km",
        state="submitted",
    ),
    _kabkota(
        "contoh-kunjungan-wisatawan",
        "kunjungan wisatawan per kabupaten/kota",
        "pemprov-ntt-dispar",
        "pariwisata",
        "jumlah_kunjungan",
        "Jumlah kunjungan",
        "kunjungan",
        state="in_review",
    ),
    _kabkota(
        "contoh-produksi-padi",
        "produksi padi per kabupaten/kota",
        "pemprov-ntt-distan",
        "pertanian",
        "produksi_padi",
        "Produksi padi",
        "",
        state="returned",
        note="Satuan produksi padi belum diisi: ton atau kuintal? Lengkapi kamus data lalu ajukan lagi.",
    ),
    _kabkota(
        "contoh-jumlah-sekolah",
        "jumlah sekolah per kabupaten/kota",
        "pemprov-ntt-disdikbud",
        "pendidikan",
        "jumlah_sekolah",
        "Jumlah sekolah",
        "unit",
        state="verified",
        release_in_days=14,
    ),
    _kabkota(
        "contoh-prevalensi-stunting",
        "prevalensi stunting balita per kabupaten/kota",
        "pemprov-ntt-dinkes",
        "kesehatan",
        "prevalensi_stunting_persen",
        "Prevalensi stunting",
        "%",
        state="verified",
        is_prioritas=True,
    ),
    DemoDataset(
        slug="contoh-rekap-pegawai-perangkat-daerah",
        title=SAMPLE_PREFIX + "rekap pegawai per perangkat daerah (internal)",
        organisation="pemprov-ntt-bkd",
        description=(
            "Tabel sintetis berkelas INTERNAL: hanya untuk perangkat daerah, tidak pernah tampil di katalog publik."
        ),
        topics=("statistik",),
        tags=("data contoh", "kepegawaian"),
        source="Data contoh sintetis dibuat oleh Lontar.",
        table=lambda ref: t.staff_sample(["Diskominfo", "Bappeda", "Dinas Kesehatan", "Dinas Sosial", "BKD"]),
        columns={
            "perangkat_daerah": ("Perangkat daerah", ""),
            "jumlah_pns": ("Jumlah PNS", "orang"),
            "jumlah_pppk": ("Jumlah PPPK", "orang"),
            "tahun": ("Tahun", ""),
        },
        temporal=(2025, 2025),
        data_class="internal",
        spatial_level="provinsi",
        is_sample=True,
        notice="",
    ),
    DemoDataset(
        slug="contoh-penerima-bantuan-sosial",
        title=SAMPLE_PREFIX + "daftar penerima bantuan sosial (dikecualikan)",
        organisation="pemprov-ntt-dinsos",
        description=(
            "Tabel sintetis berkelas DIKECUALIKAN (UU 14/2008): nama dan nomor kartu dibuat-buat, "
            "tidak ada orang nyata."
        ),
        topics=("sosial",),
        tags=("data contoh", "bantuan sosial"),
        source="Data contoh sintetis dibuat oleh Lontar.",
        table=lambda ref: t.aid_sample(ref["wilayah"]),
        columns={
            "nomor": ("Nomor", ""),
            "nama_penerima": ("Nama penerima (contoh)", ""),
            "nomor_kartu": ("Nomor kartu (contoh)", ""),
            "kode_desa": ("Kode desa", ""),
            "jenis_bantuan": ("Jenis bantuan", ""),
            "tahun": ("Tahun", ""),
        },
        temporal=(2025, 2025),
        data_class="dikecualikan",
        spatial_level="desa_kelurahan",
        is_sample=True,
    ),
]

ALL = [*REAL, *SAMPLES, *STATES]
