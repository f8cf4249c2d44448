"""Sample Daftar Informasi Publik entries ("data contoh") for every sample public body.

Each body gets entries in every category; the exempt one rests on the body's first consequence
test. A body whose organisation publishes datasets in the Satu Data catalogue (``catalog_demo``
runs before ``ppid_demo``) gets entries linking to them. Bodies that already have sample entries
are skipped, so loading twice adds nothing.
"""

from __future__ import annotations

from django.db import transaction

from lontar.audit.services import audit_record
from lontar.catalog.selectors.public import public_datasets
from lontar.ppid.models import DipCategory, DipEntry, InformationForm, PublicBody

#: (category, summary, holder, made_when, year, form, retention)
ENTRIES = [
    (
        DipCategory.BERKALA,
        "Laporan Kinerja Instansi Pemerintah (LKjIP) tahun anggaran 2024",
        "Subbagian Perencanaan dan Keuangan",
        "Maret 2025",
        2025,
        InformationForm.BOTH,
        "10 tahun",
    ),
    (
        DipCategory.BERKALA,
        "Ringkasan Dokumen Pelaksanaan Anggaran (DPA) tahun 2025",
        "Subbagian Perencanaan dan Keuangan",
        "Januari 2025",
        2025,
        InformationForm.SOFTCOPY,
        "10 tahun",
    ),
    (
        DipCategory.SERTA_MERTA,
        "Informasi peringatan dini dan penanganan keadaan darurat (bencana, wabah, gangguan layanan)",
        "Sekretariat",
        "Setiap terjadi keadaan darurat",
        None,
        InformationForm.SOFTCOPY,
        "5 tahun",
    ),
    (
        DipCategory.SETIAP_SAAT,
        "Daftar Informasi Publik dan standar layanan informasi publik",
        "PPID",
        "Diperbarui setiap tahun",
        2025,
        InformationForm.BOTH,
        "Selama berlaku",
    ),
    (
        DipCategory.SETIAP_SAAT,
        "Keputusan dan kebijakan yang ditetapkan beserta dokumen pendukungnya",
        "Subbagian Umum dan Kepegawaian",
        "2024",
        2024,
        InformationForm.HARDCOPY,
        "Permanen",
    ),
]


def _entries(body: PublicBody, start: int) -> list[DipEntry]:
    name = body.organisation.name
    made_where = body.organisation.region.name if body.organisation.region_id else "Kupang"
    rows: list[DipEntry] = []

    def add(**fields: object) -> None:
        rows.append(
            DipEntry(
                body=body,
                number=f"{start + len(rows):03d}",
                responsible=f"Kepala {name} (data contoh)",
                made_where=made_where,
                is_sample=True,
                **fields,
            )
        )

    for category, summary, holder, made_when, year, form, retention in ENTRIES:
        add(
            category=category,
            summary=f"{summary} (data contoh)",
            holder=holder,
            made_when=made_when,
            year=year,
            form=form,
            retention=retention,
        )
    test = body.consequence_tests.order_by("id").first()
    if test is not None:
        add(
            category=DipCategory.DIKECUALIKAN,
            summary=f"{test.information} (data contoh)",
            holder="Subbagian Umum dan Kepegawaian",
            made_when="Sejak 2020",
            year=2020,
            form=InformationForm.HARDCOPY,
            retention=test.closed_period,
            consequence_test=test,
        )
    public = public_datasets().filter(organisation=body.organisation).order_by("title")
    for dataset in public[:2]:
        add(
            category=DipCategory.SETIAP_SAAT,
            summary=f"{dataset.title} — dataset Satu Data NTT (data contoh)",
            holder="Pengelola Data (Produsen Data)",
            made_when=str(dataset.temporal_end or dataset.temporal_start or "Setiap tahun"),
            year=dataset.temporal_end,
            form=InformationForm.SOFTCOPY,
            retention="Permanen",
            dataset=dataset,
        )
    return rows


def load_sample_dip() -> int:
    """Sample DIP entries for every sample body without any; returns how many were written."""
    with_entries = DipEntry.objects.filter(is_sample=True).values("body_id")
    bodies = (
        PublicBody.objects.filter(is_sample=True)
        .exclude(pk__in=with_entries)
        .select_related("organisation__region")
        .order_by("id")
    )
    written = 0
    with transaction.atomic():
        for body in bodies:
            taken = set(DipEntry.objects.filter(body=body).values_list("number", flat=True))
            start = 1
            while any(f"{start + i:03d}" in taken for i in range(len(ENTRIES) + 3)):
                start += 10
            rows = _entries(body, start)
            DipEntry.objects.bulk_create(rows)
            written += len(rows)
        if written:
            audit_record(action="ppid.sample_data.loaded", data={"dip_entries": written})
    return written
