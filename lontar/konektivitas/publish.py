"""The site registry and the weekly status as Satu Data datasets (issue 13 §4).

One catalogue dataset, published by the province's Diskominfo, with two tabular resources:

* ``titik-layanan``: every active site with its public fields only — code, name, kind, Kemendagri
  codes and names of its kabupaten/kota and desa, point with its source and accuracy, the
  responsible agency, the main connection's technology and programme, the latest status and the
  rule that produced it. Never costs, contracts, providers' contract data or internal notes.
* ``status-mingguan``: one row per site and ISO week (the ``SiteWeeklyStatus`` history).

Region columns carry Kemendagri codes (``53.71``, ``53.71.01.1001``) so that the datastore
recognises them as region columns and the map and filters work on them.

The dataset goes through the catalogue's own workflow once (:func:`publication_create`: created,
loaded, described, submitted, verified and published by an actor who may do each step — in the
demo the superuser). After that the data are refreshed without a new revision
(:func:`publication_refresh`): each table is loaded into a new datastore version under the
resource's own key and activated, through the datastore's services, so the CKAN
``datastore_search``, the Datasette-style API, the dump and the map serve the new rows at once
(old readers see the old rows or the new ones, never a mix). The metadata, the data dictionary and
the published version stay as the Walidata verified them; a change of columns needs a new
revision through the catalogue. The refresh runs as a background task after an import or a
weekly recompute (:func:`publication_refresh_enqueue`).

Licence: CC BY 4.0, the default of the province's open data (``lontar/catalog/data/licences.json``).
The registry is the province's own record (no third-party terms: the Podes coverage classes, under
BPS's terms, are not published here; reference ``infrastructure.md`` §6). While the registry holds
sample rows the dataset is marked as sample data and says so in its description.
"""

from __future__ import annotations

import csv
import logging
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from lontar.catalog import services as catalog_services
from lontar.catalog.selectors.manage import datasets_for_actor
from lontar.catalog.selectors.public import public_datasets
from lontar.catalog.services.datastore_bridge import (
    dictionary_from_table,
    resource_feed_refreshed,
    resource_ingest,
    resource_key,
)
from lontar.datastore.ingest.errors import IngestError
from lontar.datastore.selectors import column_overrides_of, tables_of
from lontar.datastore.services import DatastoreError, datastore_activate, datastore_ingest
from lontar.konektivitas.models import Connection, ConnectionRole, ConnectionStatus, Site, SiteWeeklyStatus
from lontar.organisations.selectors import organisation_by_slug, region_by_code

logger = logging.getLogger(__name__)

DATASET_SLUG = "titik-layanan-konektivitas-ntt"
PUBLISHER_SLUG = "pemprov-ntt-diskominfo"
LICENCE = "cc-by-4.0"
PROVINCE = ("53", "NUSA TENGGARA TIMUR")
CONTACT = ("Diskominfo Provinsi NTT", "diskominfo@demo.lontar.id")


class PublishError(Exception):
    """The publication cannot be made (missing agency, refused step); the message says why."""


@dataclass(frozen=True)
class Column:
    name: str
    label: str
    unit: str = ""
    description: str = ""


REGISTRY_COLUMNS: tuple[Column, ...] = (
    Column("kode_titik", "Kode titik layanan"),
    Column("nama_titik", "Nama titik layanan"),
    Column(
        "jenis",
        "Jenis titik layanan",
        description="kantor_opd, kantor_kecamatan, kantor_desa, sekolah, madrasah, puskesmas, pustu_polindes, "
        "rumah_sakit, mpp, ruang_publik, lainnya",
    ),
    Column("kode_provinsi", "Kode provinsi (Kemendagri)"),
    Column("nama_provinsi", "Nama provinsi"),
    Column("kode_kabupaten_kota", "Kode kabupaten/kota (Kemendagri)"),
    Column("nama_kabupaten_kota", "Nama kabupaten/kota"),
    Column("kode_desa_kelurahan", "Kode desa/kelurahan (Kemendagri)"),
    Column("nama_desa_kelurahan", "Nama desa/kelurahan"),
    Column("lintang", "Lintang", "derajat"),
    Column("bujur", "Bujur", "derajat"),
    Column("sumber_lokasi", "Sumber lokasi"),
    Column("akurasi_lokasi_m", "Akurasi lokasi", "m"),
    Column("lokasi_terverifikasi", "Lokasi terverifikasi"),
    Column("instansi_penanggung_jawab", "Instansi penanggung jawab"),
    Column("teknologi_utama", "Teknologi koneksi utama"),
    Column("program", "Program koneksi utama"),
    Column(
        "status_konektivitas",
        "Status konektivitas terakhir",
        description="baik, sedang, buruk, tidak_ada, tidak_diketahui",
    ),
    Column("dasar_status", "Dasar status", description="diukur, kontrak, ketersediaan, cakupan, tanpa_data"),
    Column("minggu_status", "Minggu status (Senin)"),
    Column("terpencil", "Daerah terpencil"),
    Column("perbatasan", "Daerah perbatasan"),
    Column("data_contoh", "Data contoh"),
)
STATUS_COLUMNS: tuple[Column, ...] = (
    Column("kode_titik", "Kode titik layanan"),
    Column("jenis", "Jenis titik layanan"),
    Column("kode_kabupaten_kota", "Kode kabupaten/kota (Kemendagri)"),
    Column("kode_desa_kelurahan", "Kode desa/kelurahan (Kemendagri)"),
    Column("minggu", "Minggu (Senin)"),
    Column("status_konektivitas", "Status konektivitas"),
    Column("dasar_status", "Dasar status"),
    Column("nilai_mbps", "Nilai yang dipakai", "Mbps"),
    Column("patokan_mbps", "Patokan kecepatan baik", "Mbps"),
    Column("data_contoh", "Data contoh"),
)


def _yes(value: bool) -> str:
    return "true" if value else "false"


def _main_connections() -> dict[int, tuple[str, str]]:
    """site id -> (technology, programme) of its current main connection."""
    found: dict[int, tuple[int, str, str]] = {}
    rows = Connection.objects.filter(status__in=(ConnectionStatus.AKTIF, ConnectionStatus.GANGGUAN)).values_list(
        "site_id", "role", "technology", "programme"
    )
    for site_id, role, technology, programme in rows.iterator(chunk_size=5000):
        rank = 0 if role == ConnectionRole.UTAMA else 1
        if site_id not in found or rank < found[site_id][0]:
            found[site_id] = (rank, technology, programme)
    return {k: (v[1], v[2]) for k, v in found.items()}


def registry_rows() -> Iterator[list[Any]]:
    """The public fields of every active site, in code order (header first)."""
    yield [c.name for c in REGISTRY_COLUMNS]
    main = _main_connections()
    sites = (
        Site.objects.filter(is_active=True)
        .order_by("code")
        .values_list(
            "pk",
            "code",
            "name",
            "kind",
            "kabupaten_id",
            "kabupaten__name",
            "desa_id",
            "desa__name",
            "lat",
            "lng",
            "location_source",
            "location_accuracy_m",
            "location_verified",
            "organisation__name",
            "status",
            "status_rule",
            "status_week",
            "remote",
            "border",
            "is_sample",
        )
    )
    for row in sites.iterator(chunk_size=5000):
        (pk, code, name, kind, kab, kab_name, desa, desa_name, lat, lng, source, accuracy, verified, org) = row[:14]
        status, rule, week, remote, border, is_sample = row[14:]
        technology, programme = main.get(pk, ("", ""))
        yield [
            code,
            name,
            kind,
            *PROVINCE,
            kab,
            kab_name.upper(),
            desa,
            desa_name.upper(),
            lat,
            lng,
            source,
            "" if accuracy is None else round(accuracy),
            _yes(verified),
            org,
            technology,
            programme,
            status,
            rule,
            week.isoformat() if week else "",
            _yes(remote),
            _yes(border),
            _yes(is_sample),
        ]


def status_rows() -> Iterator[list[Any]]:
    """Every site's weekly status, by site code then week (header first)."""
    yield [c.name for c in STATUS_COLUMNS]
    rows = (
        SiteWeeklyStatus.objects.filter(site__is_active=True)
        .order_by("site__code", "week")
        .values_list(
            "site__code",
            "site__kind",
            "site__kabupaten_id",
            "site__desa_id",
            "week",
            "status",
            "rule",
            "value",
            "benchmark_mbps",
            "site__is_sample",
        )
    )
    for code, kind, kab, desa, week, status, rule, value, bench, is_sample in rows.iterator(chunk_size=5000):
        yield [
            code,
            kind,
            kab,
            desa,
            week.isoformat(),
            status,
            rule,
            "" if value is None else round(value, 2),
            "" if bench is None else bench,
            _yes(is_sample),
        ]


@dataclass(frozen=True)
class Table:
    slug: str
    name: str
    description: str
    columns: tuple[Column, ...]

    def rows(self) -> Iterator[list[Any]]:
        return registry_rows() if self.slug == "titik-layanan" else status_rows()


TABLES = (
    Table(
        "titik-layanan",
        "Daftar titik layanan dan status konektivitasnya",
        "Satu baris per titik layanan aktif (kantor, sekolah, puskesmas, …) dengan kode wilayah Kemendagri, "
        "titik lokasi beserta sumber dan akurasinya, teknologi koneksi utama dan status konektivitas terakhir.",
        REGISTRY_COLUMNS,
    ),
    Table(
        "status-mingguan",
        "Status konektivitas mingguan per titik layanan",
        "Satu baris per titik layanan dan minggu: status (baik, sedang, buruk, tidak ada, tidak diketahui), "
        "dasar penetapannya menurut urutan Giga (kecepatan terukur, kecepatan kontrak, ketersediaan, cakupan "
        "seluler desa), nilai yang dipakai dan patokan kecepatan baik.",
        STATUS_COLUMNS,
    ),
)


def write_csv(rows: Iterable[Sequence[Any]], path: Path) -> int:
    """Write ``rows`` (header first) to ``path``; the number of data rows."""
    count = -1
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        for row in rows:
            writer.writerow(row)
            count += 1
    return max(count, 0)


def _has_sample() -> bool:
    return Site.objects.filter(is_sample=True).exists()


def _first_year() -> int:
    first = SiteWeeklyStatus.objects.order_by("week").values_list("week", flat=True).first()
    return first.year if first else timezone.localdate().year


def _dataset_data(sample: bool) -> dict[str, Any]:
    note = (
        " Saat ini tabel berisi data contoh (titik, teknologi, pengukuran dan status sintetis di atas kode desa "
        "yang nyata), bukan data resmi."
        if sample
        else ""
    )
    return {
        "slug": DATASET_SLUG,
        "title": "Titik layanan dan status konektivitas internet di Provinsi Nusa Tenggara Timur",
        "description": (
            "Daftar titik layanan pemerintah (kantor OPD, kantor kecamatan, kantor desa/kelurahan, sekolah, "
            "puskesmas dan lainnya) di 22 kabupaten/kota beserta status konektivitas internetnya per minggu, "
            "dari Katalog TIK & Konektivitas Lontar. Status diturunkan dengan urutan Giga (UNICEF/ITU): kecepatan "
            "unduh terukur, lalu kecepatan kontrak, ketersediaan koneksi, dan cakupan seluler desa. Diperbarui "
            "otomatis setiap kali data titik diimpor atau status mingguan dihitung ulang. Biaya, kontrak dan data "
            "internal lain tidak diterbitkan." + note
        ),
        "topics": ["komunikasi-informatika"],
        "tags": ["konektivitas", "internet", "titik layanan", "blank spot", "bakti"],
        "licence": LICENCE,
        "data_class": "publik",
        "update_frequency": "mingguan",
        "temporal_start": _first_year(),
        "temporal_end": timezone.localdate().year,
        "spatial_level": "titik",
        "spatial_region": region_by_code(PROVINCE[0]),
        "contact_name": CONTACT[0],
        "contact_email": CONTACT[1],
        "source": (
            "Katalog TIK & Konektivitas Lontar (registri titik layanan, pengukuran Cek koneksi, cakupan seluler)."
        ),
        "is_sample": sample,
    }


def published_dataset() -> Any:
    """The published, public dataset (None until :func:`publication_create` has run)."""
    return public_datasets().filter(slug=DATASET_SLUG).select_related("organisation").first()


def _load_resource(actor: Any, dataset: Any, table: Table, tmp: Path) -> bool:
    """Add ``table`` as a described CSV resource; False (nothing added) when it has no rows yet."""
    path = tmp / f"{table.slug}.csv"
    if write_csv(table.rows(), path) == 0:
        return False
    with path.open("rb") as fh:
        resource = catalog_services.resource_add(
            actor=actor,
            dataset=dataset,
            upload=UploadedFile(fh, name=path.name, content_type="text/csv", size=path.stat().st_size),
            background_load=False,
            data={"name": table.name, "slug": table.slug, "format": "CSV", "description": table.description},
        )
    loaded = resource_ingest(resource_id=resource.pk)
    if loaded is None or loaded.status != "ready":
        raise PublishError(f"{table.slug}: loading failed ({loaded.error_message if loaded else 'no table'})")
    described = {c.name: c for c in table.columns}
    columns = []
    for column in dictionary_from_table(loaded):
        mine = described.get(column.name)
        columns.append(
            {
                "name": column.name,
                "label": mine.label if mine else column.label,
                "unit": mine.unit if mine else "",
                "description": mine.description if mine else "",
                "type": column.type,
                "reference_kind": column.reference_kind,
            }
        )
    catalog_services.columns_set(actor=actor, resource=resource, columns=columns)
    return True


def publication_create(*, producer: Any, walidata: Any) -> Any:
    """Create, load, verify and publish the dataset through the catalogue's workflow (once).

    Returns the dataset; an existing one (by slug) is returned unchanged. ``producer`` must be a
    Produsen Data of the province's Diskominfo and ``walidata`` its Walidata (or a superuser). A
    table with no rows yet (the weekly status before the first recompute) is left out: a new
    revision adds it. All or nothing: a refused step leaves no dataset behind.
    """
    existing = datasets_for_actor(walidata).filter(slug=DATASET_SLUG).first()
    if existing is not None:
        return existing
    organisation = organisation_by_slug(PUBLISHER_SLUG, active_only=True)
    if organisation is None:
        raise PublishError(f"the publisher {PUBLISHER_SLUG} is missing: run load_organisations first")
    if not Site.objects.filter(is_active=True).exists():
        raise PublishError("there are no sites to publish yet")
    note = "Diterbitkan dari Katalog TIK & Konektivitas; diperbarui otomatis."
    try:
        with transaction.atomic(), tempfile.TemporaryDirectory() as tmp:
            dataset = catalog_services.dataset_create(
                actor=producer, organisation=organisation, data=_dataset_data(_has_sample())
            )
            for table in TABLES:
                _load_resource(producer, dataset, table, Path(tmp))
            dataset = catalog_services.dataset_submit(actor=producer, dataset=dataset, note=note)
            dataset = catalog_services.dataset_review_start(actor=walidata, dataset=dataset, note=note)
            dataset = catalog_services.dataset_verify(actor=walidata, dataset=dataset, note=note)
            if dataset.state != "published":  # verification publishes at once when no release date is set
                dataset = catalog_services.dataset_publish(actor=walidata, dataset=dataset, note=note)
            return dataset
    except (ValidationError, PermissionDenied) as exc:
        messages = getattr(exc, "messages", None) or [str(exc)]
        raise PublishError("; ".join(str(m) for m in messages)) from exc


@dataclass
class RefreshResult:
    tables: dict[str, int]

    def __str__(self) -> str:
        return ", ".join(f"{slug}: {n:,} rows" for slug, n in self.tables.items()) or "nothing to refresh"


def _published_types(table: Any) -> dict[str, Any]:
    """The served version's column types as overrides, so that a refresh keeps the types the
    Walidata verified (a column empty at first stays text; region columns are detected again)."""
    types: dict[str, Any] = {c["name"]: c["type"] for c in table.columns if c.get("type") != "region"}
    types.update(column_overrides_of(table.pk) or {})
    return types


def publication_refresh() -> RefreshResult:
    """Load the current rows into a new version of each published table and serve it.

    Does nothing (an empty result) while the dataset is not published and public. A table whose
    new version fails to load keeps serving the old one (the failure is logged and recorded on
    the version by the datastore).
    """
    result = RefreshResult(tables={})
    dataset = published_dataset()
    if dataset is None:
        return result
    resources = {r.slug: r for r in dataset.resources.filter(removed_at__isnull=True)}
    with tempfile.TemporaryDirectory() as tmp:
        for table in TABLES:
            resource = resources.get(table.slug)
            if resource is None:
                continue
            key = resource_key(resource)
            active = tables_of([key], active_only=True)
            overrides = _published_types(active[0]) if active else {}
            path = Path(tmp) / f"{table.slug}.csv"
            count = write_csv(table.rows(), path)
            try:
                loaded = datastore_ingest(
                    actor=None,
                    path=path,
                    resource_key=key,
                    column_overrides=overrides or None,
                    organisation=dataset.organisation,
                    source_name=path.name,
                    owner=True,
                )
                with transaction.atomic():
                    datastore_activate(actor=None, table=loaded, owner=True, public=True)
                    resource_feed_refreshed(resource=resource, path=path, table=loaded)
            except (DatastoreError, IngestError) as exc:  # the old version stays served
                logger.warning("konektivitas: refreshing %s failed: %s", table.slug, exc)
                continue
            result.tables[table.slug] = count
    return result


def publication_refresh_enqueue() -> None:
    """Refresh the published tables in the background once the caller's transaction commits
    (call it after an import or a weekly recompute)."""
    from lontar.konektivitas.tasks import publication_refresh_task

    transaction.on_commit(lambda: publication_refresh_task.enqueue())


def demo_publish(*, changed: bool = True) -> str:
    """``konektivitas_demo``: publish once as the demo superuser; later, refresh the tables when
    the sample data ``changed`` (so that running the demo twice changes nothing)."""
    from lontar.accounts.selectors import user_by_email

    if published_dataset() is not None:
        return f"refreshed ({publication_refresh()})" if changed else "already published, unchanged"
    superuser = user_by_email("superadmin@demo.lontar.id", active_only=True)
    if superuser is None or not superuser.is_superuser:
        raise PublishError("the demo superuser is missing: run `manage.py demo_users` first")
    dataset = publication_create(producer=superuser, walidata=superuser)
    return f"dataset {dataset.slug} {dataset.state}"
