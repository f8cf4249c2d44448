"""Drive the real services to put the demo datasets in place (used by ``catalog_demo``)."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone

from lontar.accounts.models import User
from lontar.catalog import roles, services
from lontar.catalog.demo import tables
from lontar.catalog.demo.specs import DemoDataset
from lontar.catalog.models import ActivityMetadata, Dataset, Topic
from lontar.catalog.services import statmeta
from lontar.catalog.services.datastore_bridge import dictionary_from_table, resource_ingest
from lontar.datastore.models import TableStatus
from lontar.organisations.models import Organisation
from lontar.organisations.selectors import organisation_by_slug, region_by_code

CONTACT = "satudata@demo.lontar.id"
STEPS = {
    "draft": [],
    "submitted": ["submit"],
    "in_review": ["submit", "review"],
    "returned": ["submit", "review", "return"],
    "verified": ["submit", "review", "verify"],
    "published": ["submit", "review", "verify"],
}


class DemoError(Exception):
    """The demo cannot be built (missing reference data or demo users)."""


@dataclass
class Actors:
    superuser: User
    walidata: User
    produsen: User | None


def references() -> dict[str, list[dict[str, str]]]:
    return {
        "kabkota": tables.read_csv("ntt_kabupaten_kota.csv"),
        "statistik": tables.read_csv("ntt_statistik_kabkota_sampel.csv"),
        "wilayah": tables.read_csv("ntt_wilayah_kemendagri_2025.csv"),
    }


def organisation(slug: str) -> Organisation:
    org = organisation_by_slug(slug)
    if org is None:
        raise DemoError(f"organisation {slug} is missing: run load_regions and load_organisations first")
    return org


def producer_for(actors: Actors, org: Organisation) -> User:
    if actors.produsen is not None and roles.can_produce(actors.produsen, org):
        return actors.produsen
    return actors.superuser


def stunting_activity(actor: User, org: Organisation) -> ActivityMetadata:
    """MS-Keg (with MS-Var and MS-Ind) of a sample activity, for the Data Prioritas sample."""
    existing = ActivityMetadata.objects.filter(
        organisation=org, title__startswith="Data contoh: pendataan status gizi"
    ).first()
    if existing is not None:
        return existing
    today = timezone.localdate()
    activity = statmeta.activity_save(
        actor=actor,
        organisation=org,
        data={
            "title": "Data contoh: pendataan status gizi balita",
            "year": today.year,
            "statistics_kind": "sektoral",
            "collection_method": "kompilasi_administrasi",
            "sector": Topic.objects.get(slug="kesehatan"),
            "unit_name": "Bidang Kesehatan Masyarakat",
            "responsible_name": "Kepala Bidang (contoh)",
            "objective": "Memantau prevalensi stunting balita per kabupaten/kota.",
            "frequency": "tahunan",
            "coverage": "Provinsi Nusa Tenggara Timur",
            "techniques": ["data_sekunder"],
            "modes": ["sistem_administrasi"],
            "observation_unit": "Balita",
            "presentation_levels": ["provinsi", "kabupaten_kota"],
            "schedule": {"pengumpulan": {"start": dt.date(today.year, 1, 1), "end": dt.date(today.year, 3, 31)}},
            "dissemination": {"digital": dt.date(today.year, 6, 30)},
        },
    )
    variable = statmeta.variable_save(
        actor=actor,
        activity=activity,
        data={
            "name": "prevalensi_stunting_persen",
            "alias": "Prevalensi stunting",
            "definition": "Persentase balita dengan tinggi badan menurut umur di bawah -2 SD standar WHO.",
            "unit": "%",
            "data_type": "decimal",
            "is_public": True,
        },
    )
    statmeta.indicator_save(
        actor=actor,
        organisation=org,
        data={
            "name": "Prevalensi stunting balita (data contoh)",
            "definition": variable.definition,
            "method": "Jumlah balita pendek dan sangat pendek dibagi jumlah balita diukur, dikali 100.",
            "unit": "%",
            "activity": activity,
            "component_variables": [variable],
            "estimation_level": ["kabupaten_kota"],
        },
    )
    return activity


def _data(spec: DemoDataset, activity: ActivityMetadata | None) -> dict[str, Any]:
    release = timezone.localdate() + dt.timedelta(days=spec.release_in_days) if spec.release_in_days else None
    return {
        "slug": spec.slug,
        "title": spec.title,
        "description": spec.description,
        "topics": list(spec.topics),
        "tags": list(spec.tags),
        "data_class": spec.data_class,
        "update_frequency": spec.frequency,
        "temporal_start": spec.temporal[0],
        "temporal_end": spec.temporal[1],
        "spatial_level": spec.spatial_level,
        "spatial_region": region_by_code("53"),
        "contact_name": "Tim Satu Data",
        "contact_email": CONTACT,
        "is_prioritas": spec.is_prioritas,
        "release_date": release,
        "source": spec.source,
        "is_sample": spec.is_sample,
        "activity": activity,
    }


def _load(spec: DemoDataset, dataset: Dataset, actor: User, ref: dict, progress: Callable) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{spec.slug}.csv"
        path.write_text(spec.table(ref), encoding="utf-8")
        with path.open("rb") as fh:
            resource = services.resource_add(
                actor=actor,
                dataset=dataset,
                upload=UploadedFile(fh, name=path.name, content_type="text/csv", size=path.stat().st_size),
                background_load=False,
                data={"name": spec.resource_name, "format": "CSV", "description": spec.notice},
            )
    table = resource_ingest(resource_id=resource.pk, progress=progress)
    if table is None or table.status != TableStatus.READY:
        raise DemoError(f"{spec.slug}: loading failed ({table.error_message if table else 'no table'})")
    columns = []
    for column in dictionary_from_table(table):
        label, unit = spec.columns.get(column.name, (column.label, ""))
        columns.append(
            {
                "name": column.name,
                "label": label,
                "type": column.type,
                "unit": unit,
                "reference_kind": column.reference_kind,
            }
        )
    services.columns_set(actor=actor, resource=resource, columns=columns)


def _walk(spec: DemoDataset, dataset: Dataset, producer: User, walidata: User) -> Dataset:
    step_services = {
        "submit": (services.dataset_submit, producer, "Data sudah lengkap dengan kamus datanya; mohon diperiksa."),
        "review": (services.dataset_review_start, walidata, "Mulai diperiksa terhadap prinsip Satu Data."),
        "return": (services.dataset_return, walidata, spec.note or "Mohon dilengkapi."),
        "verify": (services.dataset_verify, walidata, "Sesuai standar data, metadata dan kode referensi."),
    }
    for step in STEPS[spec.state]:
        service, actor, note = step_services[step]
        dataset = service(actor=actor, dataset=dataset, note=note)
    return dataset


def build(spec: DemoDataset, actors: Actors, ref: dict, progress: Callable) -> Dataset | None:
    """Create one demo dataset in its state; None when it already exists."""
    if Dataset.objects.filter(slug=spec.slug).exists():
        return None
    org = organisation(spec.organisation)
    producer = producer_for(actors, org)
    activity = stunting_activity(producer, org) if spec.is_prioritas else None
    dataset = services.dataset_create(actor=producer, organisation=org, data=_data(spec, activity))
    _load(spec, dataset, producer, ref, progress)
    try:
        return _walk(spec, dataset, producer, actors.walidata)
    except ValidationError as exc:
        raise DemoError(f"{spec.slug}: {'; '.join(exc.messages)}") from exc
