"""Site import: the data-quality report (each broken row with its line and an Indonesian message),
nothing half-imported, explicit skip, swapped-coordinate fix, idempotent upsert, XLSX too."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from lontar.accounts.models import Role
from lontar.audit.models import AuditEvent
from lontar.konektivitas.models import ImportBatch, ImportStatus, Site
from lontar.konektivitas.services.imports import import_apply, import_upload
from tests.konektivitas.sites_helpers import IN_KOTA, IN_SEA, KAB_DESA, desa, outlines

HEADER = "kode,nama,jenis,kode_desa,lintang,bujur,npsn"


@pytest.fixture
def actor(province, login):
    outlines()
    desa(KAB_DESA)
    desa("53.71.01.1001")
    _, user = login(province["kabupaten"], Role.PENGELOLA_TIK)
    return user


def line(i, *, lat=None, lng=None, desa_code=KAB_DESA, npsn=None, name=None, kind="sekolah"):
    lat = -10.3 + (i % 250) * 0.002 if lat is None else lat
    lng = 123.8 + (i // 250) * 0.002 if lng is None else lng
    npsn = f"5030{i:04d}" if npsn is None else npsn
    return f"K-{i:04d},{name or f'SD Negeri {i}'},{kind},{desa_code},{lat},{lng},{npsn}"


def upload(province, actor, lines, name="titik.csv"):
    content = "\n".join([HEADER, *lines]).encode()
    return import_upload(actor=actor, organisation=province["kabupaten_opd"], upload=SimpleUploadedFile(name, content))


def test_clean_file_imported_and_idempotent(province, actor):
    batch = upload(province, actor, [line(i) for i in range(5)])
    assert (batch.total_rows, batch.error_rows, batch.report["new"]) == (5, 0, 5)
    assert Site.objects.count() == 0  # checked, not imported
    import_apply(actor=actor, batch=batch)
    assert Site.objects.count() == 5 and Site.objects.get(code="K-0003").kabupaten_id == "53.01"
    again = upload(province, actor, [line(i) for i in range(5)])
    assert again.report["matched"] == 5
    import_apply(actor=actor, batch=again)
    again.refresh_from_db()
    assert (again.created_count, again.updated_count, Site.objects.count()) == (0, 0, 5)
    with pytest.raises(ValidationError):
        import_apply(actor=actor, batch=again)  # applied once only


def test_one_percent_broken_rows_block_until_skipped(province, actor):
    rows = [line(i) for i in range(200)]
    rows[36] = line(36, lat=IN_SEA[0], lng=IN_SEA[1])  # file line 38: in the sea
    rows[120] = line(120, desa_code="53.01.09.2999")  # line 122: unknown desa
    batch = upload(province, actor, rows)
    assert batch.error_rows == 2
    by_line = {e["line"]: e["message"] for e in batch.report["errors"]}
    assert set(by_line) == {38, 122}
    assert "laut" in by_line[38] and "tidak dikenal" in by_line[122]
    with pytest.raises(ValidationError, match="tidak ada yang diimpor"):
        import_apply(actor=actor, batch=batch)
    assert Site.objects.count() == 0
    assert not AuditEvent.objects.filter(action="konektivitas.import.applied").exists()
    import_apply(actor=actor, batch=batch, skip_broken=True)
    batch.refresh_from_db()
    assert (batch.status, batch.created_count, batch.skipped_count) == (ImportStatus.APPLIED, 198, 2)
    assert Site.objects.count() == 198 and not Site.objects.filter(code__in=["K-0036", "K-0120"]).exists()


def test_bad_places_and_ids(province, actor):
    rows = [
        line(0, lat=123.9, lng=-10.0),  # 2: swapped
        line(1, lat=-5.0, lng=110.0),  # 3: outside NTT
        line(2, lat=IN_KOTA[0], lng=IN_KOTA[1]),  # 4: in Kota Kupang, desa code of Kabupaten Kupang
        line(3, npsn="50399999"),  # 5
        line(4, npsn="50399999"),  # 6: duplicate NPSN in the file
        line(5, npsn="123"),  # 7: not 8 digits
        line(6, kind="warung"),  # 8: unknown kind
        "K-9999,,sekolah,53.01.01.2001,-10.0,124.0,",  # 9: no name
    ]
    batch = upload(province, actor, rows)
    found = {(e["line"], e["code"]) for e in batch.report["errors"]}
    assert found == {
        (2, "swapped"),
        (3, "outside"),
        (4, "other_kabupaten"),
        (6, "duplicate"),
        (7, "format"),
        (8, "choice"),
        (9, "required"),
    }
    assert batch.report["fixes"] == [{"line": 2, "kind": "swap", "lat": -10.0, "lng": 123.9}]
    messages = {e["line"]: e["message"] for e in batch.report["errors"]}
    assert "tertukar" in messages[2] and "Kota Kupang" in messages[4] and "baris 5" in messages[6]


def test_swap_fix_applied_when_chosen(province, actor):
    batch = upload(province, actor, [line(0, lat=123.9, lng=-10.0), line(1)])
    import_apply(actor=actor, batch=batch, fix_swapped=True)
    site = Site.objects.get(code="K-0000")
    assert (site.lat, site.lng) == (-10.0, 123.9)


def test_npsn_registered_to_another_site_and_upsert_by_npsn(province, actor):
    import_apply(actor=actor, batch=upload(province, actor, [line(0), line(1)]))
    # a new code with K-0000's NPSN updates K-0000 (upsert by external id)...
    renamed = upload(province, actor, [line(0, name="SD Negeri Satu").replace("K-0000", "BARU-1")])
    assert renamed.report["matched"] == 1
    import_apply(actor=actor, batch=renamed)
    assert Site.objects.get(code="K-0000").name == "SD Negeri Satu" and Site.objects.count() == 2
    # ...but an existing code with another site's NPSN is refused
    clash = upload(province, actor, [line(1, npsn="50300000")])
    assert clash.report["errors"][0]["code"] == "taken" and "K-0000" in clash.report["errors"][0]["message"]


def test_near_duplicates_are_warnings(province, actor):
    batch = upload(
        province, actor, [line(0, name="SD Negeri 1 Oelamasi"), line(1, lat=-10.3003, name="SDN 1 Oelamasi")]
    )
    assert batch.error_rows == 0
    assert [(w["line"], w["code"]) for w in batch.report["warnings"]] == [(3, "near_duplicate")]


def test_missing_columns_and_unreadable_files(province, actor):
    with pytest.raises(ValidationError, match="jenis, kode_desa, lintang, bujur"):
        import_upload(
            actor=actor,
            organisation=province["kabupaten_opd"],
            upload=SimpleUploadedFile("x.csv", b"kode,nama\nA,B\n"),
        )
    with pytest.raises(ValidationError):
        import_upload(
            actor=actor,
            organisation=province["kabupaten_opd"],
            upload=SimpleUploadedFile("x.xlsx", b"PK\x03\x04 not really a workbook" * 10),
        )
    assert not ImportBatch.objects.exists()


def test_xlsx(province, actor):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER.split(","))
    sheet.append(["X-1", "Puskesmas Uji", "Puskesmas", KAB_DESA, -10.0, 124.0, ""])
    buffer = io.BytesIO()
    book.save(buffer)
    batch = import_upload(
        actor=actor,
        organisation=province["kabupaten_opd"],
        upload=SimpleUploadedFile("titik.xlsx", buffer.getvalue()),
    )
    assert (batch.report["format"], batch.error_rows) == ("xlsx", 0)
    import_apply(actor=actor, batch=batch)
    assert Site.objects.get(code="X-1").kind == "puskesmas"


def test_values_in_range_and_flags(province, actor):
    content = "\n".join(
        [
            "kode,nama,jenis,kode_desa,lintang,bujur,akurasi_m,terpencil,listrik",
            f"R-1,SD Satu,sekolah,{KAB_DESA},-10.0,124.0,-5,ya,pln",
            f"R-2,SD Dua,sekolah,{KAB_DESA},-10.01,124.01,10,mungkin,nuklir",
            f'R-3,SD Tiga,sekolah,{KAB_DESA},"-10,02",124.02,,tidak,surya',
        ]
    ).encode()
    batch = import_upload(
        actor=actor, organisation=province["kabupaten_opd"], upload=SimpleUploadedFile("r.csv", content)
    )
    found = sorted((e["line"], e["field"]) for e in batch.report["errors"])
    assert found == [(2, "location_accuracy_m"), (3, "power"), (3, "remote")]
    import_apply(actor=actor, batch=batch, skip_broken=True)
    site = Site.objects.get()
    assert (site.code, site.lat, site.remote, site.power) == ("R-3", -10.02, False, "surya")


def test_apply_reuses_the_check_while_the_registry_is_unchanged(province, actor, monkeypatch):
    from lontar.konektivitas.services import imports

    batch = upload(province, actor, [line(i) for i in range(5)] + [line(5, lat=IN_SEA[0], lng=IN_SEA[1])])
    kept = imports._checked_name(batch)
    assert imports.storage.exists(kept)
    checks = []
    monkeypatch.setattr(
        imports, "check_file", lambda *a, **k: checks.append(1) or (_ for _ in ()).throw(AssertionError)
    )
    import_apply(actor=actor, batch=batch, skip_broken=True)
    batch.refresh_from_db()
    assert checks == [] and (batch.created_count, batch.skipped_count) == (5, 1)
    assert Site.objects.count() == 5 and Site.objects.get(code="K-0002").organisation == province["kabupaten_opd"]
    assert not imports.storage.exists(kept)  # forgotten after the apply; the stored file stays
    assert imports.storage.exists(batch.stored_name)


def test_a_registry_change_after_the_upload_means_the_full_check_again(province, actor):
    batch = upload(province, actor, [line(i) for i in range(3)])
    assert batch.error_rows == 0
    assert batch.report["new"] == 3
    # meanwhile someone registers a site holding the NPSN of the file's third row: the apply must see
    # it (the row now updates that site, upsert by external id) instead of trusting the upload's check
    Site.objects.create(
        code="LAIN-1", name="SD lain", kind="sekolah", desa_id=KAB_DESA, kabupaten_id="53.01", lat=-10.3,
        lng=123.9, organisation=province["kabupaten_opd"], npsn="50300002",
    )  # fmt: skip
    import_apply(actor=actor, batch=batch)
    batch.refresh_from_db()
    assert (batch.created_count, batch.updated_count, batch.report["matched"]) == (2, 1, 1)
    assert Site.objects.count() == 3 and not Site.objects.filter(code="K-0002").exists()
    assert Site.objects.get(code="LAIN-1").name == "SD Negeri 2"


def test_a_broken_kept_check_or_another_fix_choice_is_not_trusted(province, actor):
    from django.core.files.base import ContentFile

    from lontar.konektivitas.services import imports

    batch = upload(province, actor, [line(i) for i in range(3)])
    imports.storage.delete(imports._checked_name(batch))
    imports.storage.save(imports._checked_name(batch), ContentFile(b"not zlib"))
    import_apply(actor=actor, batch=batch)
    assert Site.objects.count() == 3
    swapped = upload(province, actor, [line(10, lat=123.8, lng=-10.3)])
    import_apply(actor=actor, batch=swapped, fix_swapped=True)  # checked again with the fix
    assert Site.objects.get(code="K-0010").lat == -10.3
