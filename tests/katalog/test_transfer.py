"""Export in the SIA-SPBE layout and import of the same layout: round trip, idempotence, bad rows."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from django.utils import translation

from lontar.accounts.models import Role
from lontar.audit.models import AuditEvent
from lontar.katalog import services
from lontar.katalog.models import Application, InfrastructureAsset, Service, Stage
from lontar.katalog.sia import importer
from tests.katalog.helpers import make_app, make_asset, make_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry(province):
    kab, opd = province["kabupaten"], province["kabupaten_opd"]
    dc = make_asset(kab, "Pusat Data Kab", attributes={"tier": "2", "lokasi": "Oelamasi"})
    splp = make_asset(kab, "SPLP Kab", kind="splp")
    new = make_app(opd, "Aplikasi Surat Baru", hosting=dc, basis=["web", "mobile"], sso=True, links={"splp": [splp]})
    old = make_app(opd, "=Aplikasi Surat Lama", description="Baris satu\nbaris dua")
    services.application_set_stage(actor=None, application=old, stage=Stage.KONSOLIDASI, replaced_by=new)
    services.application_update(actor=None, application=new, values={}, links={"integrations": [old]})
    make_service(opd, "Persuratan", applications=[new, old])
    make_app(province["kota"], "Aplikasi Kota")
    return {"new": new, "old": old}


def _export(client, slug, fmt, kind=""):
    url = reverse("katalog:manage_export", args=[slug, fmt]) + (f"?jenis={kind}" if kind else "")
    response = client.get(url)
    assert response.status_code == 200
    return response.content


def test_xlsx_round_trip_recreates_everything(registry, login, province):
    client, user = login(province["kabupaten"], Role.PENGELOLA_TIK)
    body = _export(client, province["kabupaten"].slug, "xlsx")
    tables = importer.read_file("x.xlsx", body)
    assert [len(tables[k]) for k in ("aset", "aplikasi", "layanan")] == [2, 2, 1]
    headers = set(tables["aplikasi"][0][1])
    assert {"Nama Aplikasi", "Uraian", "Fungsi", "Luaran", "Basis Aplikasi", "Tipe Lisensi Aplikasi"} <= headers
    # the same file again changes nothing
    result = importer.import_tables(actor=user, tables=tables)
    assert sum(result.created.values()) == 0 and sum(result.updated.values()) == 0
    assert sum(result.unchanged.values()) == 5
    # into an empty registry: everything comes back, links included
    snapshot = {a.code: (a.name, a.stage, a.basis, a.description) for a in Application.objects.all()}
    Service.objects.all().delete()
    Application.objects.filter(organisation__parent=province["kabupaten"]).delete()
    InfrastructureAsset.objects.all().delete()
    result = importer.import_tables(actor=user, tables=tables)
    assert result.created == {"aset": 2, "aplikasi": 2, "layanan": 1}
    for code, values in snapshot.items():
        app = Application.objects.get(code=code)
        assert (app.name, app.stage, app.basis, app.description) == values
    old = Application.objects.get(code=registry["old"].code)
    assert old.replaced_by.code == registry["new"].code
    new = Application.objects.get(code=registry["new"].code)
    assert new.hosting.name == "Pusat Data Kab" and new.hosting.attributes == {"tier": "2", "lokasi": "Oelamasi"}
    assert [a.code for a in new.integrations.all()] == [old.code]
    assert new.splp.get().name == "SPLP Kab"
    assert Service.objects.get().applications.count() == 2


def test_csv_round_trip(registry, login, province):
    client, user = login(province["kabupaten"], Role.PENGELOLA_TIK)
    body = _export(client, province["kabupaten"].slug, "csv", "aplikasi")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0][:3] == ["ID", "Nama Aplikasi", "Akronim"]
    assert "'=Aplikasi Surat Lama" in [r[1] for r in rows]  # formula escaped
    assert len(rows) == 3  # the kota's application is not in the kabupaten's export
    tables = importer.read_file("a.csv", body, "aplikasi")
    result = importer.import_tables(actor=user, tables=tables)
    assert result.unchanged["aplikasi"] == 2
    assert Application.objects.filter(name="=Aplikasi Surat Lama").exists()


def test_one_broken_row_imports_nothing(registry, login, province):
    client, user = login(province["kabupaten"], Role.PENGELOLA_TIK)
    body = _export(client, province["kabupaten"].slug, "csv", "aplikasi").decode("utf-8-sig")
    lines = body.splitlines()
    header = next(csv.reader([lines[0]]))
    good = dict.fromkeys(header, "")
    good.update(
        {
            "Nama Aplikasi": "Aplikasi Baru Satu",
            "Kelas Kepemilikan": "khusus_pemda",
            "Perangkat Daerah": province["kabupaten_opd"].slug,
            "Tahap": "operasional",
            "SSO": "Ya",
        }
    )
    bad = {**good, "Nama Aplikasi": "Aplikasi Rusak", "Tahap": "hampir jadi", "SSO": "mungkin"}
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header)
    writer.writeheader()
    writer.writerow(good)
    writer.writerow({**good, "Nama Aplikasi": "Aplikasi Baru Dua"})
    writer.writerow(bad)
    before = (Application.objects.count(), AuditEvent.objects.count())
    with translation.override("id"), pytest.raises(importer.ImportFailed) as exc:
        importer.import_tables(actor=user, tables=importer.read_file("x.csv", out.getvalue().encode(), "aplikasi"))
    assert (Application.objects.count(), AuditEvent.objects.count()) == before
    messages = exc.value.errors
    assert len(messages) == 2
    assert all(m.startswith("Aplikasi, baris 4:") for m in messages), messages
    assert any("Tahap" in m for m in messages) and any("SSO" in m for m in messages)


def test_import_refuses_records_out_of_reach(registry, login, province):
    client, user = login(province["kota"], Role.PENGELOLA_TIK)
    admin_client, _admin = login(province["province"], Role.ADMIN)
    body = _export(admin_client, province["kabupaten"].slug, "csv", "aplikasi")
    with pytest.raises(importer.ImportFailed) as exc:
        importer.import_tables(actor=user, tables=importer.read_file("x.csv", body, "aplikasi"))
    assert len(exc.value.errors) == 2
    # and the kota's pengelola cannot export the kabupaten
    assert client.get(reverse("katalog:manage_export", args=[province["kabupaten"].slug, "xlsx"])).status_code == 404


def test_import_page_shows_errors_by_line(registry, login, province):
    client, _user = login(province["kabupaten"], Role.PENGELOLA_TIK)
    content = b"ID,Nama Aplikasi\nX-1,Tanpa kolom lain\n"
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        reverse("katalog:manage_import"), {"file": SimpleUploadedFile("a.csv", content), "jenis": "aplikasi"}
    )
    assert response.status_code == 400
    assert "Uraian" in response.content.decode()  # the missing columns are named
    assert client.get(reverse("katalog:manage_import")).status_code == 200


def test_unreadable_files_refused(province, login):
    _client, user = login(province["kabupaten"], Role.PENGELOLA_TIK)
    with translation.override("id"):
        for name, content in (
            ("x.xlsx", b"bukan zip"),
            ("x.xlsx", b"PK\x03\x04rusak"),
            ("x.csv", b"\xff\xfe\x00b"),
            ("x.csv", b"ID,Nama Aplikasi\n"),
        ):
            with pytest.raises(importer.ImportFailed) as exc:
                importer.import_tables(actor=user, tables=importer.read_file(name, content, "aplikasi"))
            assert exc.value.errors and all(isinstance(m, str) and m for m in exc.value.errors)
