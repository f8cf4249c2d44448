"""MS-Keg, MS-Var and MS-Ind in the shape BPS collects them (blocks and items of the forms of
Peraturan BPS 5/2020), as JSON and as an XLSX workbook with one sheet per form.

Keys are the Indonesian item names of the forms so that the file can be re-typed or imported
into the BPS metadata application without guessing.
"""

from __future__ import annotations

from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from lontar.catalog.models import ActivityMetadata, IndicatorMetadata, UpdateFrequency, VariableMetadata
from lontar.catalog.models.statmeta import (
    CollectionMethod,
    CollectionMode,
    CollectionStaff,
    CollectionTechnique,
    DisseminationProduct,
    PresentationLevel,
    SchedulePhase,
    StatisticsKind,
    VariableDataType,
)
from lontar.core.spreadsheets import escape_formula, workbook_bytes

FORMAT_VERSION = "lontar-bps-metadata/1"

#: labels as the BPS forms write them (fixed Indonesian: this is an exchange format, not UI)
METHOD_ID: dict[str, str] = {
    CollectionMethod.FULL_ENUMERATION: "Pencacahan lengkap",
    CollectionMethod.SURVEY: "Survei",
    CollectionMethod.ADMINISTRATIVE: "Kompilasi produk administrasi",
    CollectionMethod.OTHER: "Cara lain sesuai dengan perkembangan TI",
}
KIND_ID: dict[str, str] = {StatisticsKind.SEKTORAL: "Statistik sektoral", StatisticsKind.KHUSUS: "Statistik khusus"}
TECHNIQUE_ID = {
    CollectionTechnique.INTERVIEW: "Wawancara",
    CollectionTechnique.SELF_COMPLETION: "Mengisi kuesioner sendiri (swacacah)",
    CollectionTechnique.OBSERVATION: "Pengamatan",
    CollectionTechnique.SECONDARY: "Pengumpulan data sekunder",
    CollectionTechnique.OTHER: "Lainnya",
}
MODE_ID = {
    CollectionMode.PAPI: "PAPI",
    CollectionMode.CAPI: "CAPI",
    CollectionMode.CAWI: "CAWI",
    CollectionMode.MAIL: "Surat",
    CollectionMode.ADMIN_SYSTEM: "Sistem administrasi",
    CollectionMode.OTHER: "Lainnya",
}
LEVEL_ID = {
    PresentationLevel.NASIONAL: "Nasional",
    PresentationLevel.PROVINSI: "Provinsi",
    PresentationLevel.KABKOTA: "Kabupaten/Kota",
    PresentationLevel.KECAMATAN: "Kecamatan",
    PresentationLevel.DESA: "Desa/Kelurahan",
    PresentationLevel.OTHER: "Lainnya",
}
STAFF_ID: dict[str, str] = {
    CollectionStaff.STAFF: "Staf instansi penyelenggara",
    CollectionStaff.PARTNERS: "Mitra/tenaga kontrak",
    CollectionStaff.BOTH: "Staf instansi penyelenggara dan mitra",
    CollectionStaff.OTHER: "Lainnya",
}
PHASE_ID = {
    SchedulePhase.PLANNING: "Perencanaan kegiatan",
    SchedulePhase.DESIGN: "Desain",
    SchedulePhase.COLLECTION: "Pengumpulan data",
    SchedulePhase.PROCESSING: "Pengolahan data",
    SchedulePhase.ANALYSIS: "Analisis",
    SchedulePhase.DISSEMINATION: "Diseminasi hasil",
    SchedulePhase.EVALUATION: "Evaluasi",
}
PRODUCT_ID = {
    DisseminationProduct.PRINTED: "Tercetak (hardcopy)",
    DisseminationProduct.DIGITAL: "Digital (softcopy)",
    DisseminationProduct.MICRODATA: "Data mikro",
}
FREQUENCY_ID: dict[str, str] = {
    UpdateFrequency.DAILY: "Harian",
    UpdateFrequency.WEEKLY: "Mingguan",
    UpdateFrequency.MONTHLY: "Bulanan",
    UpdateFrequency.QUARTERLY: "Triwulanan",
    UpdateFrequency.SEMIANNUAL: "Semesteran",
    UpdateFrequency.ANNUAL: "Tahunan",
    UpdateFrequency.FIVE_YEARLY: "Lima tahunan",
    UpdateFrequency.IRREGULAR: "Tidak tetap",
}
TYPE_ID: dict[str, str] = {
    VariableDataType.INTEGER: "Bilangan bulat",
    VariableDataType.DECIMAL: "Desimal",
    VariableDataType.TEXT: "Teks",
    VariableDataType.DATE: "Tanggal",
    VariableDataType.BOOLEAN: "Ya/Tidak",
}


def _yes(value: bool) -> str:
    return "Ya" if value else "Tidak"


def ms_keg(a: ActivityMetadata) -> dict[str, Any]:
    org = a.organisation
    return {
        "Blok I. Penyelenggara": {
            "Judul kegiatan": a.title,
            "Tahun": a.year,
            "Jenis statistik": KIND_ID.get(a.statistics_kind, a.statistics_kind),
            "Cara pengumpulan data": METHOD_ID.get(a.collection_method, a.collection_method),
            "Sektor kegiatan": f"{a.sector.code} {a.sector.name}",
            "Nomor rekomendasi/registrasi BPS": a.bps_registration,
            "Instansi penyelenggara": org.name,
            "Alamat": org.address,
            "Telepon": org.phone,
            "Email": org.email,
        },
        "Blok II. Penanggung jawab": {
            "Unit eselon penanggung jawab": a.unit_name,
            "Nama": a.responsible_name,
            "Jabatan": a.responsible_position,
            "Email": a.responsible_email,
            "Telepon": a.responsible_phone,
        },
        "Blok III. Perencanaan dan persiapan": {
            "Latar belakang kegiatan": a.background,
            "Tujuan kegiatan": a.objective,
            "Jadwal kegiatan": [
                {
                    "Tahap": PHASE_ID[SchedulePhase(p)],
                    "Awal": (a.schedule.get(p) or {}).get("start"),
                    "Akhir": (a.schedule.get(p) or {}).get("end"),
                }
                for p in SchedulePhase.values
                if p in a.schedule
            ],
            "Variabel yang dikumpulkan": [v.name for v in a.variables.all()],
        },
        "Blok IV. Desain kegiatan": {
            "Frekuensi penyelenggaraan": FREQUENCY_ID.get(a.frequency, a.frequency),
            "Cakupan wilayah": a.coverage,
            "Metode pengumpulan data": [TECHNIQUE_ID[CollectionTechnique(t)] for t in a.techniques],
            "Sarana pengumpulan data": [MODE_ID[CollectionMode(m)] for m in a.modes],
            "Unit pengumpulan data": a.observation_unit,
        },
        "Blok V. Desain sampel": {
            "Jenis rancangan sampel": "Sampel" if a.is_sample_based else "Tidak menggunakan sampel",
            "Kerangka sampel": a.sampling_frame,
            "Metode pemilihan sampel": a.sampling_method,
            "Unit sampel": a.sampling_unit,
            "Jumlah sampel": a.sample_size,
        },
        "Blok VI. Pengumpulan data": {
            "Upaya menjaga kualitas": a.quality_checks,
            "Petugas pengumpulan data": STAFF_ID.get(a.staff, a.staff),
            "Jumlah petugas": a.staff_count,
        },
        "Blok VII. Pengolahan dan analisis": {
            "Tahapan pengolahan data": a.processing,
            "Metode analisis": a.analysis_method,
            "Level penyajian hasil analisis": [LEVEL_ID[PresentationLevel(v)] for v in a.presentation_levels],
        },
        "Blok VIII. Diseminasi hasil": {
            "Produk kegiatan yang tersedia untuk umum": [
                {"Produk": PRODUCT_ID[DisseminationProduct(p)], "Rencana rilis": a.dissemination[p]}
                for p in DisseminationProduct.values
                if p in a.dissemination
            ],
        },
    }


def ms_var(v: VariableMetadata) -> dict[str, Any]:
    return {
        "Nama variabel": v.name,
        "Alias": v.alias,
        "Konsep": v.concept,
        "Definisi": v.definition,
        "Referensi pemilihan/alasan": v.reason,
        "Referensi waktu": v.time_reference,
        "Ukuran": v.measure,
        "Satuan": v.unit,
        "Tipe data": TYPE_ID.get(v.data_type, v.data_type),
        "Klasifikasi isian": v.reference_classification,
        "Isian": [{"Kode": code, "Arti": label} for code, label in v.value_domain],
        "Aturan validasi": v.validation_rule,
        "Kalimat pertanyaan": v.question_text,
        "Dapat diakses umum": _yes(v.is_public),
        "Kegiatan penghasil": v.activity.title,
    }


def ms_ind(i: IndicatorMetadata) -> dict[str, Any]:
    return {
        "Nama indikator": i.name,
        "Konsep": i.concept,
        "Definisi": i.definition,
        "Interpretasi": i.interpretation,
        "Metode/rumus perhitungan": i.method,
        "Ukuran": i.measure,
        "Satuan": i.unit,
        "Klasifikasi penyajian": i.disaggregation,
        "Indikator komposit": _yes(i.is_composite),
        "Indikator pembangun": [c.name for c in i.component_indicators.all()],
        "Variabel pembangun": [
            {"Variabel": v.name, "Kegiatan penghasil": v.activity.title} for v in i.component_variables.all()
        ],
        "Level estimasi": [LEVEL_ID[PresentationLevel(v)] for v in i.estimation_level],
        "Dapat diakses umum": _yes(i.is_public),
        "Kegiatan penghasil": i.activity.title if i.activity else "",
    }


def activity_document(a: ActivityMetadata) -> dict[str, Any]:
    """Everything about one activity: its MS-Keg, its variables and its indicators."""
    return {
        "format": FORMAT_VERSION,
        "MS-Keg": ms_keg(a),
        "MS-Var": [ms_var(v) for v in a.variables.all()],
        "MS-Ind": [ms_ind(i) for i in a.indicators.all()],
    }


def safe_cell(value: Any) -> Any:
    """Lists as one text; text a spreadsheet would read as a formula escaped."""
    if isinstance(value, list):
        value = "; ".join(_flat(v) for v in value)
    return escape_formula(value)


def _flat(value: Any) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items() if v not in (None, ""))
    return str(value)


def _records_sheet(wb: Workbook, title: str, rows: list[dict[str, Any]]) -> None:
    ws = wb.create_sheet(title)
    if not rows:
        ws.append(["(kosong)"])
        return
    headers = list(rows[0])
    ws.append(headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append([safe_cell(row[h]) for h in headers])


def activity_workbook(a: ActivityMetadata) -> bytes:
    """The same document as an XLSX workbook: MS-Keg (block, item, value), MS-Var, MS-Ind."""
    doc = activity_document(a)
    wb = Workbook()
    ws = wb.active
    ws.title = "MS-Keg"
    ws.append(["Blok", "Rincian", "Isian"])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for block, items in doc["MS-Keg"].items():
        for item, value in items.items():
            ws.append([block, item, safe_cell(value)])
    _records_sheet(wb, "MS-Var", doc["MS-Var"])
    _records_sheet(wb, "MS-Ind", doc["MS-Ind"])
    return workbook_bytes(wb)
