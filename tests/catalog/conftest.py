"""Catalogue fixtures: role users of the test province and a helper that runs the workflow."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from lontar.accounts.models import Role
from lontar.catalog import roles, services
from lontar.catalog.models import DataClass, Dataset

CSV = (
    "kode_wilayah,nama_wilayah,tahun,jumlah_penduduk\n"
    "53.01,Kabupaten Kupang,2023,385000\n"
    "53.01,Kabupaten Kupang,2024,391539\n"
    "53.71,Kota Kupang,2023,440000\n"
    "53.71,Kota Kupang,2024,446000\n"
)
COLUMNS = [
    {"name": "kode_wilayah", "label": "Kode wilayah", "type": "region_code", "reference_kind": "kemendagri_kabkota"},
    {"name": "nama_wilayah", "label": "Nama wilayah", "type": "text"},
    {"name": "tahun", "label": "Tahun", "type": "integer", "reference_kind": "tahun"},
    {"name": "jumlah_penduduk", "label": "Jumlah penduduk", "type": "integer", "unit": "jiwa"},
]


@dataclass
class Actors:
    produsen: Any
    walidata: Any
    pembina: Any
    other_produsen: Any
    kab_walidata: Any
    clients: dict[str, Any]


@pytest.fixture
def actors(province, login) -> Actors:
    c_prod, produsen = login(province["province_opd"], Role.PRODUSEN_DATA, email="produsen@uji.go.id")
    c_wali, walidata = login(province["province_opd"], Role.WALIDATA, email="walidata@uji.go.id")
    c_pemb, pembina = login(province["province"], roles.PEMBINA, email="pembina@uji.go.id")
    c_other, other = login(province["kabupaten_opd"], Role.PRODUSEN_DATA, email="produsen.kab@uji.go.id")
    c_kabw, kab_walidata = login(province["kabupaten"], Role.WALIDATA, email="walidata.kab@uji.go.id")
    return Actors(
        produsen=produsen,
        walidata=walidata,
        pembina=pembina,
        other_produsen=other,
        kab_walidata=kab_walidata,
        clients={"produsen": c_prod, "walidata": c_wali, "pembina": c_pemb, "other": c_other, "kab_walidata": c_kabw},
    )


def csv_upload(name: str = "penduduk.csv", content: str = CSV) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content.encode("utf-8"), content_type="text/csv")


def base_data(slug: str, title: str, **extra: Any) -> dict[str, Any]:
    data = {
        "slug": slug,
        "title": title,
        "description": f"{title}: jumlah penduduk per kabupaten/kota di Provinsi NTT.",
        "topics": ["administrasi-kependudukan"],
        "tags": ["penduduk", "kependudukan"],
        "temporal_start": 2023,
        "temporal_end": 2024,
        "contact_email": "data@uji.go.id",
    }
    data.update(extra)
    return data


DATABASES = ["default", "datastore"]
_SQLITE_DATASTORE = "sqlite" in settings.DATABASES["datastore"]["ENGINE"]
#: Publishing loads files into the datastore. On SQLite the loader (like the worker that runs it
#: in production) must run outside any open transaction, so there these tests commit for real.
DB = pytest.mark.django_db(transaction=_SQLITE_DATASTORE, databases=DATABASES)
#: Tests that read datastore rows back through the read-only engine's own connection.
DB_COMMITTED = pytest.mark.django_db(transaction=True, databases=DATABASES)


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """Search results are cached per catalogue version; a rolled-back test must not leave any."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def urusan_topics(request) -> None:
    """The topics the data migration loads (a transactional test's flush removes them)."""
    if "django_db" not in {m.name for m in request.node.iter_markers()}:
        return
    request.getfixturevalue("_django_db_helper")
    from lontar.catalog.models import Topic
    from lontar.catalog.reference import urusan_list

    for u in urusan_list():
        Topic.objects.update_or_create(code=u.code, defaults={"slug": u.slug, "name": u.name, "group": u.group})


@pytest.fixture
def make_dataset(actors, province, django_capture_on_commit_callbacks) -> Callable[..., Dataset]:
    """make_dataset(slug, title, state="published", **fields) drives the real workflow to ``state``.

    The CSV is loaded into the datastore as in production (the job runs when the upload commits).
    """

    def _make(slug: str, title: str, state: str = "published", organisation: Any = None, **fields: Any) -> Dataset:
        org = organisation or province["province_opd"]
        produsen = actors.produsen if org == province["province_opd"] else fields.pop("produsen")
        walidata = fields.pop("walidata", actors.walidata)
        content = fields.pop("csv", CSV)
        columns = fields.pop("columns", COLUMNS)
        dataset = services.dataset_create(actor=produsen, organisation=org, data=base_data(slug, title, **fields))
        with django_capture_on_commit_callbacks(execute=True):
            resource = services.resource_add(
                actor=produsen,
                dataset=dataset,
                data={"name": "Tabel penduduk", "format": "CSV"},
                upload=csv_upload(content=content),
            )
        with django_capture_on_commit_callbacks(execute=True):
            services.columns_set(actor=produsen, resource=resource, columns=columns)
        steps: list[tuple[str, Callable[..., Dataset], Any]] = [
            ("submitted", services.dataset_submit, produsen),
            ("in_review", services.dataset_review_start, walidata),
            ("verified", services.dataset_verify, walidata),
        ]
        current = dataset
        for name, step, actor in steps:
            if state == "draft":
                break
            current = step(actor=actor, dataset=current, note=f"Langkah {name}.")
            if state == name:
                break
        current.refresh_from_db()
        return current

    return _make


__all__ = ["COLUMNS", "CSV", "DATABASES", "DB", "DB_COMMITTED", "Actors", "DataClass", "base_data", "csv_upload"]
