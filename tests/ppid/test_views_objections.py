"""Keberatan pages: filing from the tracking page, staff answer/response/dispute, the register."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from lontar.accounts.models import Role
from lontar.ppid.choices import ObjectionStatus
from lontar.ppid.models import Objection

pytestmark = pytest.mark.django_db
EXPLANATION = "Permohonan saya tidak dijawab sampai batas waktu berakhir."


@pytest.fixture
def answered_request(submit, bodies, login):
    req, token = submit()
    staff, _ = login(bodies["province"].organisation, Role.PPID)
    staff.post(
        reverse("ppid:staff_notice", args=[req.pk]),
        {
            "decision": "granted",
            "material": "DPA 2025",
            "delivery": "E-mail",
            "cost": "25000",
            "payment_method": "Transfer",
        },
    )
    req.refresh_from_db()
    return req, token, staff


def test_tracking_page_lists_grounds_and_files_an_objection(client, answered_request):
    req, token, _ = answered_request
    page = client.post(reverse("ppid:track"), {"number": req.number, "token": token}).content.decode()
    assert 'name="grounds" value="f"' in page and 'value="c" disabled' in page
    bad = client.post(
        reverse("ppid:track_objection"),
        {"number": req.number, "token": token, "grounds": ["c"], "explanation": EXPLANATION},
    )
    assert bad.status_code == 400 and Objection.objects.count() == 0
    ok = client.post(
        reverse("ppid:track_objection"),
        {"number": req.number, "token": token, "grounds": ["f"], "explanation": EXPLANATION},
    )
    assert ok.status_code == 200
    objection = Objection.objects.get()
    assert objection.number in ok.content.decode()
    wrong = client.post(
        reverse("ppid:track_objection"),
        {"number": req.number, "token": "x", "grounds": ["f"], "explanation": EXPLANATION},
    )
    assert wrong.status_code == 404 and Objection.objects.count() == 1


def test_atasan_answers_and_ppid_records_dispute_through_pages(answered_request, bodies, login, client):
    req, token, staff = answered_request
    client.post(
        reverse("ppid:track_objection"),
        {"number": req.number, "token": token, "grounds": ["f"], "explanation": EXPLANATION},
    )
    objection = Objection.objects.get()
    atasan, _ = login(bodies["province"].organisation, Role.ATASAN_PPID)
    detail = atasan.get(reverse("ppid:staff_detail", args=[req.pk])).content.decode()
    assert objection.number in detail and "jawab" in detail
    url = lambda action: reverse("ppid:staff_objection_action", args=[objection.pk, action])  # noqa: E731
    assert (
        staff.post(url("jawab"), {"decision": "upheld", "answer": "Biaya dihapus.", "atasan_name": "Sekda"}).status_code
        == 403
    )
    assert atasan.post(url("jawab"), {"decision": "upheld"}).status_code == 400
    done = atasan.post(
        url("jawab"), {"decision": "upheld", "answer": "Biaya dihapus seluruhnya.", "atasan_name": "Sekretaris Daerah"}
    )
    assert done.status_code == 302
    objection.refresh_from_db()
    assert objection.status == ObjectionStatus.ANSWERED
    assert (
        atasan.post(
            url("jawab"), {"decision": "upheld", "answer": "Biaya dihapus seluruhnya.", "atasan_name": "Sekda"}
        ).status_code
        == 409
    )
    assert staff.post(url("tanggapan"), {"response": "accepted"}).status_code == 302
    today = timezone.localdate().isoformat()
    assert staff.post(url("sengketa"), {"registered_on": "bukan-tanggal", "stage": "registered"}).status_code == 400
    assert (
        staff.post(
            url("sengketa"), {"registered_on": today, "stage": "mediation", "register_number": "KI/1"}
        ).status_code
        == 302
    )
    objection.refresh_from_db()
    assert objection.dispute.stage == "mediation"
    assert staff.post(url("tidak-ada"), {}).status_code == 404
    register = staff.get(reverse("ppid:staff_objections")).content.decode()
    assert objection.number in register and "Sekretaris Daerah" in register
    tracked = client.post(reverse("ppid:track"), {"number": req.number, "token": token}).content.decode()
    assert "Biaya dihapus seluruhnya." in tracked


def test_other_body_cannot_see_or_act_on_the_objection(answered_request, bodies, login, client):
    req, token, _staff = answered_request
    client.post(
        reverse("ppid:track_objection"),
        {"number": req.number, "token": token, "grounds": ["d"], "explanation": EXPLANATION},
    )
    objection = Objection.objects.get()
    kab_atasan, _ = login(bodies["kabupaten"].organisation, Role.ATASAN_PPID)
    response = kab_atasan.post(
        reverse("ppid:staff_objection_action", args=[objection.pk, "jawab"]),
        {"decision": "upheld", "answer": "Biaya dihapus seluruhnya.", "atasan_name": "Sekda"},
    )
    assert response.status_code == 404
    assert objection.number not in kab_atasan.get(reverse("ppid:staff_objections")).content.decode()


def test_staff_registers_an_objection_on_behalf(answered_request):
    req, _, staff = answered_request
    response = staff.post(
        reverse("ppid:staff_objection_new", args=[req.pk]),
        {"grounds": ["d"], "explanation": EXPLANATION, "channel": "post"},
    )
    assert response.status_code == 302
    assert Objection.objects.get().channel == "post"
    assert staff.post(reverse("ppid:staff_objection_new", args=[req.pk]), {"grounds": ["d"]}).status_code == 400
