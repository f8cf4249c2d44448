"""The world the access matrix runs in: organisations, one user per actor, sample records.

``build_world`` makes the users and the foundation records. The records of the domain apps
(PPID, catalogue, datastore; evaluations in tests/evaluations/access_world.py) are built by
the blocks below the first time a rule asks for them, and kept in the world: the world is
built once per URL group, and most groups need none of them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.test import Client

from lontar.accounts.models import Membership, User
from lontar.accounts.tokens import api_token_create
from lontar.audit.services import audit_record
from lontar.calendar.models import Holiday, HolidayKind, HolidaySource
from tests.access.engine import Actor, actors
from tests.fixtures import PASSWORD, _mark_verified


def build_world(province: dict[str, Any]) -> dict[str, Any]:
    """Users for every actor and one sample record of each kind in the "own" organisation."""
    places = {"own": province["kabupaten"], "other": province["kota"], "province": province["province"]}
    users: dict[Actor, User] = {}
    for actor in actors():
        if actor.anonymous:
            continue
        user = User.objects.create(email=f"{actor.role}.{actor.place}@matriks.go.id", full_name=str(actor))
        user.set_password(PASSWORD)
        user.save()
        Membership.objects.create(user=user, organisation=places[actor.place], role=actor.role)
        users[actor] = user
    own_user = User.objects.create(email="anggota.own@matriks.go.id", full_name="Anggota")
    membership = Membership.objects.create(user=own_user, organisation=places["own"], role="viewer")
    token, _raw = api_token_create(actor=own_user, name="matriks")
    with transaction.atomic():
        event = audit_record(
            action="accounts.user.created", actor=own_user, organisation=places["own"], target=own_user
        )
    holiday = Holiday.objects.create(
        date=dt.date(2031, 1, 1), name="Tahun Baru (uji)", kind=HolidayKind.NATIONAL, source=HolidaySource.PACKAGE
    )
    region = places["own"].region
    region.geometry = {
        "type": "Polygon",
        "coordinates": [[[123.5, -10.2], [123.9, -10.2], [123.9, -9.8], [123.5, -10.2]]],
    }
    region.save(update_fields=["geometry"])
    return {
        "places": places,
        "own_opd": province["kabupaten_opd"],
        "users": users,
        "organisation": places["own"],
        "member": own_user,
        "membership": membership,
        "token": token,
        "audit_event": event,
        "holiday": holiday,
    }


def _user(world: dict[str, Any], role: str, place: str = "own") -> User:
    return world["users"][Actor(role, place)]


# ---- PPID (lontar.ppid) ----------------------------------------------------------------------
#: a small valid PDF (identity document, delivered file)
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _checked_pdf(name: str, allowed: tuple, max_bytes: int) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from lontar.core.uploads import check_upload

    upload = SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")
    return check_upload(upload, allowed=allowed, max_bytes=max_bytes)


def ppid_world(world: dict[str, Any]) -> dict[str, Any]:
    """PPID Utama bodies in all three places (a Pelaksana under the own one) and one request
    to the own body, filed online: assigned to the own Pelaksana, answered with a written notice
    (granted, one delivered file) and objected to by the requester."""
    if "ppid" in world:
        return world["ppid"]
    from lontar.ppid import services, uploads
    from lontar.ppid.choices import BodyKind, Decision, ObjectionGround, ObtainMethod, RequesterType
    from lontar.ppid.privacy import links
    from lontar.ppid.validation import RequestData

    places = world["places"]
    bodies = {
        place: services.public_body_create(
            actor=None, organisation=places[place], kind=BodyKind.UTAMA, code=f"matriks-{place}"
        )
        for place in ("own", "other", "province")
    }
    pelaksana = services.public_body_create(
        actor=None, organisation=world["own_opd"], kind=BodyKind.PELAKSANA, code="matriks-own-opd", parent=bodies["own"]
    )
    data = RequestData(
        requester_type=RequesterType.PERORANGAN,
        name="Pemohon Matriks",
        identity_number="5301011501900001",
        address="Jl. Contoh No. 1, Oelamasi",
        information_requested="Dokumen anggaran Dinas Kominfo tahun 2025 (DPA).",
        purpose="Penelitian kebijakan publik",
        obtain_method=ObtainMethod.SOFTCOPY,
        copy_method="email",
        email="pemohon@contoh.id",
    )
    request, token = services.information_request_submit(
        body=bodies["own"],
        data=data,
        identity_document=_checked_pdf("ktp.pdf", uploads.IDENTITY_TYPES, uploads.IDENTITY_MAX_BYTES),
    )
    ppid = _user(world, "ppid")
    services.information_request_assign(actor=ppid, request=request, to=pelaksana)
    delivered = _checked_pdf("dpa.pdf", uploads.DELIVERY_TYPES, uploads.DELIVERY_MAX_BYTES)
    services.information_request_issue_notice(
        actor=ppid,
        request=request,
        data=services.NoticeData(
            decision=Decision.GRANTED, material="DPA 2025", delivery="E-mail", files=[("dpa.pdf", delivered)]
        ),
    )
    request.refresh_from_db()
    objection = services.objection_file(
        request=request,
        grounds=[ObjectionGround.D],
        explanation="Informasi yang diberikan tidak sesuai dengan yang diminta.",
        token=token,
    )
    notice = request.notice
    notice_file = notice.files.get()
    dip_entry = _dip_entry(ppid, bodies["own"])
    world["ppid"] = {
        "body": bodies["own"],
        "request": request,
        "token": token,
        "document": request.documents.get(),
        "notice": notice,
        "notice_file": notice_file,
        "pdf_link": links.sign(notice.pk, salt=links.PDF_SALT),
        "file_link": links.sign(notice_file.pk, salt=links.FILE_SALT),
        "objection": objection,
        "dip_entry": dip_entry,
    }
    return world["ppid"]


def _dip_entry(actor: Any, body: Any) -> Any:
    """A DIP entry of the own body with an uploaded document (public page, staff edit/delete)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from lontar.ppid.models import DipCategory, InformationForm
    from lontar.ppid.services.dip import DipEntryData, dip_entry_create

    data = DipEntryData(
        number="001",
        summary="Laporan keuangan tahunan",
        holder="Subbagian Keuangan",
        responsible="Kepala Dinas",
        made_when="2025",
        form=InformationForm.BOTH,
        retention="10 tahun",
        category=DipCategory.BERKALA,
    )
    document = SimpleUploadedFile("laporan.pdf", PDF_BYTES, content_type="application/pdf")
    return dip_entry_create(actor=actor, body=body, data=data, document=document)


# ---- Catalogue (lontar.catalog) --------------------------------------------------------------
CATALOG_CSV = "tahun,jumlah\n2023,10\n2024,12\n"


def _dataset_data(slug: str, title: str, data_class: str) -> dict[str, Any]:
    return {
        "slug": slug,
        "title": title,
        "description": f"{title}: data uji matriks akses Kabupaten Kupang.",
        "topics": ["administrasi-kependudukan"],
        "tags": ["uji"],
        "data_class": data_class,
        "temporal_start": 2023,
        "temporal_end": 2024,
        "contact_email": "data@matriks.go.id",
    }


def catalog_world(world: dict[str, Any]) -> dict[str, Any]:
    """In the own kabupaten instansi: an internal draft dataset with a CSV file (never loaded:
    its load runs after a commit that never comes), a public dataset with a PDF, published
    through the workflow, an MS-Keg with an MS-Var, a public MS-Ind carried by the public dataset,
    and a data request."""
    if "catalog" in world:
        return world["catalog"]
    from django.core.files.uploadedfile import SimpleUploadedFile

    from lontar.catalog import services
    from lontar.catalog.models import Topic
    from lontar.catalog.services import datarequests, statmeta

    own = world["places"]["own"]
    produsen, walidata = _user(world, "produsen_data"), _user(world, "walidata")
    draft = services.dataset_create(
        actor=produsen, organisation=own, data=_dataset_data("matriks-internal", "Data internal matriks", "internal")
    )
    csv = services.resource_add(
        actor=produsen,
        dataset=draft,
        data={"name": "Tabel", "format": "CSV"},
        upload=SimpleUploadedFile("tabel.csv", CATALOG_CSV.encode(), content_type="text/csv"),
    )
    public = services.dataset_create(
        actor=produsen, organisation=own, data=_dataset_data("matriks-publik", "Data publik matriks", "publik")
    )
    pdf = services.resource_add(
        actor=produsen,
        dataset=public,
        data={"name": "Laporan", "format": "PDF"},
        upload=SimpleUploadedFile("laporan.pdf", PDF_BYTES, content_type="application/pdf"),
    )
    services.dataset_submit(actor=produsen, dataset=public, note="Mohon diperiksa.")
    services.dataset_review_start(actor=walidata, dataset=public, note="Mulai.")
    public = services.dataset_verify(actor=walidata, dataset=public, note="Sesuai.")  # published: no release date
    activity = statmeta.activity_save(
        actor=produsen,
        organisation=own,
        data={
            "title": "Pendataan matriks akses",
            "year": 2026,
            "statistics_kind": "sektoral",
            "collection_method": "kompilasi_administrasi",
            "sector": Topic.objects.get(slug="administrasi-kependudukan"),
            "unit_name": "Bidang Statistik",
            "responsible_name": "Kepala Bidang",
            "objective": "Menguji matriks akses.",
            "frequency": "tahunan",
            "coverage": "Kabupaten Kupang",
            "techniques": ["data_sekunder"],
            "modes": ["sistem_administrasi"],
            "observation_unit": "Desa",
            "presentation_levels": ["kabupaten_kota"],
        },
    )
    variable = statmeta.variable_save(
        actor=produsen,
        activity=activity,
        data={"name": "jumlah", "alias": "Jumlah", "definition": "Jumlah uji.", "unit": "unit", "data_type": "integer"},
    )
    indicator = statmeta.indicator_save(
        actor=produsen,
        organisation=own,
        data={
            "name": "Indikator matriks",
            "definition": "Jumlah uji.",
            "method": "Dihitung.",
            "unit": "unit",
            "is_public": True,
            "datasets": [public],
        },
    )
    request = datarequests.datarequest_submit(
        data={
            "title": "Data matriks",
            "description": "Mohon data uji matriks akses.",
            "requester_name": "Peminta Data",
            "requester_email": "peminta@contoh.id",
        },
        organisation=own,
    )
    world["catalog"] = {
        "draft": draft,
        "draft_resource": csv,
        "public": public,
        "public_resource": pdf,
        "activity": activity,
        "variable": variable,
        "indicator": indicator,
        "data_request": request,
    }
    return world["catalog"]


# ---- Datastore (lontar.datastore) ------------------------------------------------------------
def datastore_world(world: dict[str, Any]) -> dict[str, Any]:
    """A table of the own kabupaten instansi, loaded and activated but not public."""
    if "datastore" in world:
        return world["datastore"]
    from pathlib import Path

    from django.conf import settings

    from lontar.datastore.query import engine
    from lontar.datastore.services import datastore_activate, datastore_ingest

    # The staff pages preview rows through the read-only engine's own connection. On SQLite (the
    # test runner's shared in-memory database) open it before the load: opening it while this
    # test's uncommitted load holds the schema lock fails; once open, the preview just finds no rows.
    engine.run("SELECT 1", (), tables=())
    path = Path(settings.MEDIA_ROOT) / "matriks.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(CATALOG_CSV, encoding="utf-8")
    table = datastore_ingest(
        actor=None, path=path, resource_key="matriks/tabel", organisation=world["places"]["own"], source_name=path.name
    )
    world["datastore"] = {"table": datastore_activate(actor=None, table=table)}
    return world["datastore"]


def client_for(actor: Actor, world: dict[str, Any]) -> Client:
    client = Client()
    if not actor.anonymous:
        user = world["users"][actor]
        client.force_login(user)
        _mark_verified(client, user)
    return client
