"""Shared pieces of the DIP tests: entry data, consequence tests, a public (catalogued) dataset."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from lontar.catalog.models import CatalogEntry, Dataset, DatasetVersion
from lontar.ppid.models import ConsequenceTest, DipCategory, InformationForm, PublicBody
from lontar.ppid.services.dip import DipEntryData


def entry_data(**overrides: Any) -> DipEntryData:
    values: dict[str, Any] = {
        "number": "001",
        "summary": "Laporan keuangan tahunan",
        "holder": "Subbagian Keuangan",
        "responsible": "Kepala Dinas",
        "made_when": "Maret 2025",
        "made_where": "Kupang",
        "year": 2025,
        "form": InformationForm.BOTH,
        "retention": "10 tahun",
        "category": DipCategory.BERKALA,
    }
    values.update(overrides)
    return DipEntryData(**values)


def make_test(body: PublicBody, information: str = "Rekam medis pegawai", ground: str = "h") -> ConsequenceTest:
    return ConsequenceTest.objects.create(
        body=body,
        information=information,
        exempted_parts="Diagnosis dan riwayat pengobatan",
        ground=ground,
        legal_basis="UU 14/2008 Pasal 17 huruf h",
        harm="Mengungkap rahasia pribadi",
        public_interest="Tidak lebih besar dari kerugiannya",
        closed_period="Selama yang bersangkutan hidup",
        closed_until=dt.date(2040, 1, 1),
        decided_by="PPID Utama",
        decided_on=dt.date(2024, 12, 2),
    )


def make_dataset(organisation: Any, slug: str, *, public: bool) -> Dataset:
    dataset = Dataset.objects.create(slug=slug, title=f"Dataset {slug}", organisation=organisation)
    if public:
        now = timezone.now()
        version = DatasetVersion.objects.create(
            dataset=dataset, number=1, snapshot={}, data_class=dataset.data_class, published_at=now
        )
        CatalogEntry.objects.create(
            dataset=dataset,
            version=version,
            name=slug,
            title=dataset.title,
            organisation=organisation,
            licence=dataset.licence,
            metadata_created=now,
            metadata_modified=now,
        )
    return dataset
