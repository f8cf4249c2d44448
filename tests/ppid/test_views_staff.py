"""Staff pages under /ppid/kelola/: inbox, detail, actions, intake, notice, documents."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from lontar.accounts.models import Role
from lontar.audit.models import AuditEvent
from lontar.ppid.choices import Status
from lontar.ppid.models import ConsequenceTest, InformationRequest
from tests.ppid.conftest import NIK, pdf_upload

pytestmark = pytest.mark.django_db


def test_staff_pages_need_sign_in_and_a_ppid_role(client, login, bodies):
    response = client.get(reverse("ppid:staff_inbox"))
    assert response.status_code == 302 and "/akun/" in response["Location"]
    viewer, _ = login(bodies["province"].organisation, Role.WALIDATA)
    assert viewer.get(reverse("ppid:staff_inbox")).status_code == 403


def test_inbox_lists_own_requests_with_deadlines(submit, bodies, login):
    prov, _ = submit()
    kab, _ = submit("kabupaten")
    overdue, _ = submit()
    InformationRequest.objects.filter(pk=overdue.pk).update(
        clock_start_on=timezone.localdate() - dt.timedelta(days=30), due_on=timezone.localdate() - dt.timedelta(days=2)
    )
    client, _ = login(bodies["province"].organisation, Role.PPID)
    page = client.get(reverse("ppid:staff_inbox"))
    html = page.content.decode()
    assert page.status_code == 200
    assert prov.number in html and overdue.number in html and kab.number not in html
    assert "badge-danger" in html
    only_overdue = client.get(reverse("ppid:staff_inbox"), {"overdue": "on"}).content.decode()
    assert overdue.number in only_overdue and prov.number not in only_overdue
    by_nik = client.get(reverse("ppid:staff_inbox"), {"q": NIK}).content.decode()
    assert prov.number in by_nik
    by_name = client.get(reverse("ppid:staff_inbox"), {"q": "Satu", "status": "all"}).content.decode()
    assert prov.number in by_name
    junk = client.get(reverse("ppid:staff_inbox"), {"status": "<script>", "body": "abc", "page": "x" * 50})
    assert junk.status_code == 200


def test_kabupaten_ppid_gets_404_for_province_request(submit, bodies, login):
    prov, _ = submit()
    client, _ = login(bodies["kabupaten"].organisation, Role.PPID)
    assert client.get(reverse("ppid:staff_detail", args=[prov.pk])).status_code == 404
    post = client.post(reverse("ppid:staff_action", args=[prov.pk, "perpanjang"]), {"reason": "x" * 20})
    assert post.status_code == 404
    assert client.get(reverse("ppid:staff_detail", args=[10**8])).status_code == 404


def test_detail_shows_personal_data_only_to_handlers_and_logs_document_access(submit, bodies, login):
    req, _ = submit()
    ppid, _ = login(bodies["province"].organisation, Role.PPID)
    atasan, _ = login(bodies["province"].organisation, Role.ATASAN_PPID)
    page = ppid.get(reverse("ppid:staff_detail", args=[req.pk])).content.decode()
    assert NIK in page
    assert NIK not in atasan.get(reverse("ppid:staff_detail", args=[req.pk])).content.decode()
    doc = req.documents.get()
    url = reverse("ppid:staff_document", args=[req.pk, doc.pk])
    assert atasan.get(url).status_code == 403
    response = ppid.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    assert AuditEvent.objects.filter(action="ppid.identity_document.viewed", target_id=str(req.pk)).count() == 1


def test_actions_through_the_page(submit, bodies, login):
    req, _ = submit()
    client, _ = login(bodies["province"].organisation, Role.PPID)
    url = lambda action: reverse("ppid:staff_action", args=[req.pk, action])  # noqa: E731
    response = client.post(url("disposisi"), {"to": bodies["province_opd"].pk, "reason": ""})
    assert response.status_code == 302
    assert client.post(url("perpanjang"), {"reason": "pendek"}).status_code == 400
    response = client.post(url("perpanjang"), {"reason": "Perlu menghimpun data dari tiga bidang."})
    assert response.status_code == 302
    again = client.post(url("perpanjang"), {"reason": "Perlu menghimpun data dari tiga bidang."})
    assert again.status_code == 400
    assert client.post(url("serahkan"), {}).status_code == 409
    assert client.post(url("tidak-ada"), {}).status_code == 404
    assert client.get(url("perpanjang")).status_code == 405
    bad_assign = client.post(url("disposisi"), {"to": "999999"})
    assert bad_assign.status_code == 400
    req.refresh_from_db()
    assert req.status == Status.ASSIGNED and req.is_extended


def test_notice_form_issues_notice_with_a_file_and_refuses_disguised_files(submit, bodies, login):
    req, _ = submit()
    client, _ = login(bodies["province"].organisation, Role.PPID)
    url = reverse("ppid:staff_notice", args=[req.pk])
    assert client.get(url).status_code == 200
    bad = client.post(
        url,
        {
            "decision": "granted",
            "material": "DPA",
            "delivery": "E-mail",
            "cost": "0",
            "file_0": pdf_upload("x.pdf", b"MZ.."),
        },
    )
    assert bad.status_code == 400
    assert "file_0" in bad.context["form"].errors
    missing = client.post(url, {"decision": "refused", "cost": "0"})
    assert missing.status_code == 400
    ok = client.post(
        url,
        {
            "decision": "granted",
            "material": "DPA 2025",
            "delivery": "E-mail",
            "cost": "0",
            "file_0": pdf_upload("dpa.pdf"),
        },
    )
    assert ok.status_code == 302
    req.refresh_from_db()
    assert req.status == Status.NOTICE_ISSUED and req.notice.files.count() == 1
    stored = req.notice.files.get()
    assert client.get(reverse("ppid:staff_notice_file", args=[req.pk, stored.pk])).status_code == 200


def test_requester_sees_notice_and_downloads_file_from_tracking_page(submit, bodies, login, client):
    req, token = submit()
    staff, _ = login(bodies["province"].organisation, Role.PPID)
    staff.post(
        reverse("ppid:staff_notice", args=[req.pk]),
        {
            "decision": "granted",
            "material": "DPA 2025",
            "delivery": "E-mail",
            "cost": "0",
            "file_0": pdf_upload("dpa.pdf"),
        },
    )
    page = client.post(reverse("ppid:track"), {"number": req.number, "token": token})
    html = page.content.decode()
    assert "DPA 2025" in html
    link = html.split('href="/ppid/lacak/berkas/')[1].split('"')[0]
    download = client.get(f"/ppid/lacak/berkas/{link}")
    assert download.status_code == 200
    assert client.get("/ppid/lacak/berkas/forged:signature/").status_code == 404


def test_staff_intake_shows_token_once(bodies, login):
    client, _ = login(bodies["province"].organisation, Role.PPID)
    data = {
        "public_body": bodies["province"].pk,
        "channel": "walk_in",
        "received_on": "",
        "requester_type": "perorangan",
        "name": "Contoh Pemohon Loket",
        "identity_number": NIK,
        "address": "Jl. Contoh No. 3",
        "phone": "0380 123456",
        "email": "",
        "occupation": "",
        "information_requested": "Jadwal pelayanan puskesmas tahun 2026",
        "purpose": "Keperluan keluarga",
        "obtain_method": "hardcopy",
        "copy_method": "pick_up",
    }
    response = client.post(reverse("ppid:staff_intake"), data)
    assert response.status_code == 200
    req = InformationRequest.objects.get()
    assert req.channel == "walk_in" and req.number in response.content.decode()
    other, _ = login(bodies["kabupaten"].organisation, Role.PPID)
    refused = other.post(reverse("ppid:staff_intake"), data)
    assert refused.status_code == 400
    assert InformationRequest.objects.count() == 1


def test_consequence_test_pages(bodies, login):
    client, _ = login(bodies["province"].organisation, Role.PPID)
    assert client.get(reverse("ppid:staff_tests")).status_code == 200
    data = {
        "body": bodies["province"].pk,
        "information": "Rekam medis pegawai",
        "exempted_parts": "Diagnosis",
        "ground": "h",
        "legal_basis": "UU 14/2008 Pasal 17 huruf h",
        "harm": "Rahasia pribadi terbuka",
        "public_interest": "Tidak ada",
        "closed_period": "Selama pegawai hidup",
        "closed_until": "",
        "decided_by": "PPID Utama",
        "decided_on": timezone.localdate().isoformat(),
    }
    future = client.post(reverse("ppid:staff_test_new"), {**data, "decided_on": "2999-01-01"})
    assert future.status_code == 400
    assert client.post(reverse("ppid:staff_test_new"), data).status_code == 302
    assert ConsequenceTest.objects.get().ground == "h"


@pytest.mark.parametrize("role", [Role.ATASAN_PPID, Role.PPID_PELAKSANA])
def test_consequence_test_form_is_refused_to_roles_that_manage_no_body(bodies, login, role):
    """Like intake: the form is for the PPID of a body; an atasan or a Pelaksana gets 403, not an empty form."""
    client, _ = login(bodies["province"].organisation, role)
    assert client.get(reverse("ppid:staff_tests")).status_code == 200
    assert client.get(reverse("ppid:staff_test_new")).status_code == 403
    assert client.post(reverse("ppid:staff_test_new"), {"body": bodies["province"].pk}).status_code == 403
    assert not ConsequenceTest.objects.exists()


def test_notice_form_is_403_for_a_visible_request_the_actor_may_not_answer(submit, bodies, login):
    """docs/ppid.md: a visible request and a role that may not act is a 403; out of scope is a 404."""
    req, _ = submit()
    url = reverse("ppid:staff_notice", args=[req.pk])
    atasan, _ = login(bodies["province"].organisation, Role.ATASAN_PPID)
    assert atasan.get(reverse("ppid:staff_detail", args=[req.pk])).status_code == 200
    assert atasan.get(url).status_code == 403
    assert atasan.post(url, {"decision": "granted", "material": "DPA", "delivery": "E-mail"}).status_code == 403
    other, _ = login(bodies["kabupaten"].organisation, Role.PPID)
    assert other.get(url).status_code == 404
    req.refresh_from_db()
    assert req.status == Status.RECEIVED
