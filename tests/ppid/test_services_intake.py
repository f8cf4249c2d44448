"""Intake: numbering, deadlines, encryption at rest, documents, e-mail, validation."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from lontar.accounts.models import Role
from lontar.audit.models import AuditEvent
from lontar.calendar.models import Holiday
from lontar.ppid.choices import Channel, Status
from lontar.ppid.models import IdentityDocument, InformationRequest, RequestEvent
from lontar.ppid.privacy import tracking
from lontar.ppid.services import information_request_register, information_request_submit
from tests.ppid.conftest import NIK, checked_pdf, request_data
from tests.stored import acl_is_private, is_private

pytestmark = pytest.mark.django_db(transaction=False)


def test_submit_numbers_dates_and_history(submit, bodies):
    req, token = submit()
    year = timezone.localdate().year
    assert req.number == f"PPID-5300-{year}-000001"
    assert req.status == Status.RECEIVED
    assert req.channel == Channel.ONLINE
    assert req.received_on == timezone.localdate()
    assert req.clock_start_on == req.received_on
    assert req.due_on > req.received_on
    assert tracking.matches(token, req.tracking_digest)
    assert token not in req.tracking_digest
    second, _ = submit()
    assert second.number == f"PPID-5300-{year}-000002"
    kab, _ = submit("kabupaten")
    assert kab.number == f"PPID-5301-{year}-000001"
    assert list(RequestEvent.objects.filter(request=req).values_list("action", "to_status")) == [
        ("submitted", "received")
    ]
    assert AuditEvent.objects.filter(action="ppid.information_request.submitted", target_id=str(req.pk)).exists()


def test_pelaksana_default_format_and_custom_format(bodies, submit):
    body = bodies["province"]
    body.number_format = "{code}/{year}/{month:02d}/{seq:04d}"
    body.save()
    req, _ = submit()
    today = timezone.localdate()
    assert req.number == f"NTT/{today.year}/{today.month:02d}/0001"


def test_due_date_skips_days_off_in_table(submit):
    today = timezone.localdate()
    for i in range(1, 15):
        Holiday.objects.create(date=today + dt.timedelta(days=i), name=f"uji {i}", kind="lainnya", source="admin")
    req, _ = submit()
    assert req.due_on > today + dt.timedelta(days=14)


@pytest.mark.django_db(transaction=True)
def test_personal_data_is_encrypted_in_the_raw_row(submit):
    req, _ = submit()
    table = InformationRequest._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT identity_number, address, phone, email, name FROM {table} WHERE id = %s", [req.pk])
        identity, address, phone, email, name = cursor.fetchone()
    raw = " ".join([identity, address, phone, email])
    assert NIK not in raw and "5301" not in identity
    assert "Oelamasi" not in address and "3456" not in phone and "contoh.id" not in email
    assert name == "Contoh Pemohon Satu"  # names stay readable for the register
    fresh = InformationRequest.objects.get(pk=req.pk)
    assert fresh.identity_number == NIK and fresh.email == "pemohon@contoh.id"
    assert fresh.identity_index and NIK not in fresh.identity_index


def test_identity_document_stored_privately(submit):
    req, _ = submit()
    doc = IdentityDocument.objects.get(request=req)
    assert doc.content_type == "application/pdf"
    # under PRIVATE_FILES_ROOT, not MEDIA_ROOT (or under private/ in the bucket, with a private ACL)
    assert is_private(doc.file.storage, doc.file.name) and acl_is_private(doc.file.storage, doc.file.name)
    assert not doc.file.name.endswith("ktp.pdf")
    with pytest.raises(ValueError):
        doc.file.url


def test_confirmation_email_sent_on_commit(bodies, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        req, token = information_request_submit(
            body=bodies["province"], data=request_data(), identity_document=checked_pdf()
        )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["pemohon@contoh.id"]
    assert req.number in message.subject
    assert token in message.body and req.number in message.body


def test_no_email_without_address(bodies, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        information_request_submit(
            body=bodies["province"], data=request_data(email=""), identity_document=checked_pdf()
        )
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"identity_number": "123"}, "identity_number"),
        ({"identity_number": "9901011501900001"}, "identity_number"),
        ({"identity_number": "5301013201900001"}, "identity_number"),
        ({"name": "Budi\r\nBcc: korban@contoh.id"}, "name"),
        ({"email": "a@b.id\r\nBcc: korban@contoh.id"}, "email"),
        ({"email": "", "phone": ""}, "email"),
        ({"obtain_method": "softcopy", "copy_method": ""}, "copy_method"),
        ({"information_requested": "x"}, "information_requested"),
        ({"purpose": "ok\x00ok"}, "purpose"),
        ({"requester_type": "robot"}, "requester_type"),
    ],
)
def test_submit_rejects_bad_input_and_writes_nothing(bodies, overrides, field):
    with pytest.raises(ValidationError) as exc:
        information_request_submit(
            body=bodies["province"], data=request_data(**overrides), identity_document=checked_pdf()
        )
    assert field in exc.value.message_dict
    assert InformationRequest.objects.count() == 0
    assert IdentityDocument.objects.count() == 0


def test_submit_requires_identity_document_and_proxy_letter(bodies):
    with pytest.raises(ValidationError) as exc:
        information_request_submit(body=bodies["province"], data=request_data(), identity_document=None)
    assert "identity_document" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        information_request_submit(
            body=bodies["province"], data=request_data(by_proxy=True), identity_document=checked_pdf()
        )
    assert "power_of_attorney" in exc.value.message_dict


def test_badan_hukum_takes_decree_number(bodies):
    req, _ = information_request_submit(
        body=bodies["province"],
        data=request_data(requester_type="badan_hukum", identity_number="AHU-0012345.AH.01.07.Tahun 2020"),
        identity_document=checked_pdf(),
    )
    assert req.identity_number == "AHU-0012345.AH.01.07.Tahun 2020"


def test_staff_register_needs_ppid_role_of_that_body(bodies, login):
    _, kab_ppid = login(bodies["kabupaten"].organisation, Role.PPID)
    with pytest.raises(PermissionDenied):
        information_request_register(
            actor=kab_ppid, body=bodies["province"], data=request_data(), channel=Channel.WALK_IN
        )
    req, token = information_request_register(
        actor=kab_ppid, body=bodies["kabupaten"], data=request_data(), channel=Channel.ORAL
    )
    assert req.channel == Channel.ORAL and req.registered_by == kab_ppid and token
    assert AuditEvent.objects.filter(action="ppid.information_request.registered", actor_id=kab_ppid.pk).exists()


def test_staff_register_backdating_limits(bodies, login):
    _, ppid = login(bodies["province"].organisation, Role.PPID)
    today = timezone.localdate()
    req, _ = information_request_register(
        actor=ppid,
        body=bodies["province"],
        data=request_data(),
        channel=Channel.POST,
        received_on=today - dt.timedelta(days=3),
    )
    assert req.received_on == today - dt.timedelta(days=3)
    for bad in (today + dt.timedelta(days=1), today - dt.timedelta(days=40)):
        with pytest.raises(ValidationError) as exc:
            information_request_register(
                actor=ppid, body=bodies["province"], data=request_data(), channel=Channel.POST, received_on=bad
            )
        assert "received_on" in exc.value.message_dict
    with pytest.raises(ValidationError):
        information_request_register(actor=ppid, body=bodies["province"], data=request_data(), channel=Channel.ONLINE)
