"""Transitions: each service with its role check, state check, history row and audit event."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone, translation

from lontar.accounts.models import Role
from lontar.audit.models import AuditEvent
from lontar.core.uploads import check_upload
from lontar.ppid import services
from lontar.ppid.choices import Decision, Status
from lontar.ppid.models import InformationRequest, Notice, NoticeFile
from lontar.ppid.selectors.requests import information_request_get_for_actor
from lontar.ppid.services import ConsequenceTestData, InvalidTransition, NoticeData, RedactionData
from lontar.ppid.uploads import DELIVERY_MAX_BYTES, DELIVERY_TYPES
from tests.ppid.conftest import pdf_upload

pytestmark = pytest.mark.django_db
REASON = "Dokumen masih dihimpun dari dua bidang."


@pytest.fixture(autouse=True)
def _english():
    """Messages are matched in English here; test_i18n checks the Indonesian ones."""
    with translation.override("en"):
        yield


@pytest.fixture
def actors(bodies, login):
    return {
        "ppid": login(bodies["province"].organisation, Role.PPID)[1],
        "pelaksana": login(bodies["province_opd"].organisation, Role.PPID_PELAKSANA)[1],
        "atasan": login(bodies["province"].organisation, Role.ATASAN_PPID)[1],
        "kab_ppid": login(bodies["kabupaten"].organisation, Role.PPID)[1],
        "kab_pelaksana": login(bodies["kabupaten_opd"].organisation, Role.PPID_PELAKSANA)[1],
        "admin": login(bodies["province"].organisation, Role.ADMIN)[1],
        "kab_admin": login(bodies["kabupaten"].organisation, Role.ADMIN, email="admin.kab@uji.go.id")[1],
    }


def _test(body, actor, ground="h"):
    return services.consequence_test_create(
        actor=actor,
        body=body,
        data=ConsequenceTestData(
            information="Rekam medis pegawai",
            exempted_parts="Diagnosis dan riwayat pengobatan",
            ground=ground,
            legal_basis="UU 14/2008 Pasal 17 huruf h; UU 17/2023",
            harm="Mengungkap rahasia pribadi",
            public_interest="Tidak ada kepentingan publik yang lebih besar",
            closed_period="Selama pegawai hidup",
            decided_by="PPID Utama Provinsi NTT",
            decided_on=timezone.localdate(),
        ),
    )


def _actions(req: InformationRequest) -> list[str]:
    return list(req.events.order_by("id").values_list("action", flat=True))


def test_full_path_granted_with_file(submit, bodies, actors, django_capture_on_commit_callbacks):
    req, _ = submit()
    req = services.information_request_assign(actor=actors["ppid"], request=req, to=bodies["province_opd"])
    assert req.status == Status.ASSIGNED and req.assigned_to == bodies["province_opd"]
    req = services.information_request_extend(actor=actors["pelaksana"], request=req, reason=REASON)
    assert req.extended_due_on > req.due_on and req.extension_reason == REASON
    upload = check_upload(pdf_upload("dpa.pdf"), allowed=DELIVERY_TYPES, max_bytes=DELIVERY_MAX_BYTES)
    data = NoticeData(
        decision=Decision.GRANTED, material="DPA 2025", delivery="Softcopy lewat e-mail", files=[("dpa.pdf", upload)]
    )
    with django_capture_on_commit_callbacks(execute=True):
        req = services.information_request_issue_notice(actor=actors["pelaksana"], request=req, data=data)
    assert req.status == Status.NOTICE_ISSUED and req.notice_issued_on == timezone.localdate()
    notice = Notice.objects.get(request=req)
    assert notice.number == f"{req.number}/PT" and notice.files.count() == 1
    req = services.information_request_deliver(actor=actors["pelaksana"], request=req)
    req = services.information_request_close(actor=actors["ppid"], request=req)
    assert req.status == Status.CLOSED and req.closed_on == timezone.localdate()
    assert _actions(req) == ["submitted", "assigned", "extended", "notice_issued", "delivered", "closed"]
    audited = AuditEvent.objects.filter(target_id=str(req.pk), action__startswith="ppid.information_request.")
    assert set(audited.values_list("action", flat=True)) == {
        f"ppid.information_request.{a}"
        for a in ("submitted", "assigned", "extended", "notice_issued", "delivered", "closed")
    }


def test_extension_only_once_and_only_in_time(submit, actors):
    req, _ = submit()
    req = services.information_request_extend(actor=actors["ppid"], request=req, reason=REASON)
    with pytest.raises(ValidationError, match="one extension"):
        services.information_request_extend(actor=actors["ppid"], request=req, reason=REASON)
    late, _ = submit()
    InformationRequest.objects.filter(pk=late.pk).update(
        clock_start_on=timezone.localdate() - dt.timedelta(days=20), due_on=timezone.localdate() - dt.timedelta(days=1)
    )
    with pytest.raises(ValidationError, match="first 10 working days"):
        services.information_request_extend(actor=actors["ppid"], request=late, reason=REASON)
    with pytest.raises(ValidationError) as exc:
        services.information_request_extend(actor=actors["ppid"], request=late, reason="short")
    assert "reason" in exc.value.message_dict


def test_incomplete_then_completed_restarts_the_clock(submit, actors):
    req, _ = submit()
    req = services.information_request_mark_incomplete(
        actor=actors["ppid"], request=req, reason="Salinan KTP tidak terbaca."
    )
    assert req.status == Status.INCOMPLETE and req.completion_due_on > timezone.localdate()
    with pytest.raises(InvalidTransition):
        services.information_request_extend(actor=actors["ppid"], request=req, reason=REASON)
    req = services.information_request_complete(actor=actors["ppid"], request=req)
    assert req.status == Status.RECEIVED and req.clock_start_on == timezone.localdate()
    assert req.events.filter(action="marked_incomplete", note_is_public=True).exists()


def test_incomplete_procedure_is_a_setting_and_has_a_time_limit(submit, bodies, actors):
    req, _ = submit()
    InformationRequest.objects.filter(pk=req.pk).update(clock_start_on=timezone.localdate() - dt.timedelta(days=10))
    with pytest.raises(ValidationError, match="within 3 working days"):
        services.information_request_mark_incomplete(
            actor=actors["ppid"], request=req, reason="Salinan KTP tidak terbaca."
        )
    bodies["province"].incomplete_sop_enabled = False
    bodies["province"].save()
    other, _ = submit()
    with pytest.raises(ValidationError, match="does not use"):
        services.information_request_mark_incomplete(
            actor=actors["ppid"], request=other, reason="Salinan KTP tidak terbaca."
        )


def test_completion_after_its_deadline_is_refused(submit, actors):
    req, _ = submit()
    req = services.information_request_mark_incomplete(
        actor=actors["ppid"], request=req, reason="Salinan KTP tidak terbaca."
    )
    InformationRequest.objects.filter(pk=req.pk).update(completion_due_on=timezone.localdate() - dt.timedelta(days=1))
    with pytest.raises(ValidationError, match="Close this request"):
        services.information_request_complete(actor=actors["ppid"], request=req)
    closed = services.information_request_close(
        actor=actors["ppid"], request=req, note="Tidak dilengkapi dalam 3 hari kerja."
    )
    assert closed.status == Status.CLOSED


def test_assign_only_to_own_pelaksana(submit, bodies, actors):
    req, _ = submit()
    with pytest.raises(ValidationError):
        services.information_request_assign(actor=actors["ppid"], request=req, to=bodies["kabupaten_opd"])
    with pytest.raises(ValidationError):
        services.information_request_assign(actor=actors["ppid"], request=req, to=bodies["province"])
    req = services.information_request_assign(actor=actors["ppid"], request=req, to=bodies["province_opd"])
    with pytest.raises(ValidationError, match="already assigned"):
        services.information_request_assign(actor=actors["ppid"], request=req, to=bodies["province_opd"])


def test_refusal_needs_ground_and_consequence_test(submit, bodies, actors):
    req, _ = submit()
    with pytest.raises(ValidationError) as exc:
        services.information_request_issue_notice(
            actor=actors["ppid"], request=req, data=NoticeData(decision=Decision.REFUSED, explanation="Rahasia pribadi")
        )
    assert {"exemption_ground", "consequence_test"} <= set(exc.value.message_dict)
    test = _test(bodies["province"], actors["ppid"])
    with pytest.raises(ValidationError) as exc:
        services.information_request_issue_notice(
            actor=actors["ppid"],
            request=req,
            data=NoticeData(
                decision=Decision.REFUSED, exemption_ground="a", consequence_test=test, explanation="x" * 12
            ),
        )
    assert "exemption_ground" in exc.value.message_dict
    kab_test = _test(bodies["kabupaten"], actors["kab_ppid"])
    with pytest.raises(ValidationError) as exc:
        services.information_request_issue_notice(
            actor=actors["ppid"],
            request=req,
            data=NoticeData(
                decision=Decision.REFUSED, exemption_ground="h", consequence_test=kab_test, explanation="x" * 12
            ),
        )
    assert "consequence_test" in exc.value.message_dict
    req = services.information_request_issue_notice(
        actor=actors["ppid"],
        request=req,
        data=NoticeData(
            decision=Decision.REFUSED, exemption_ground="h", consequence_test=test, explanation="Rahasia pribadi"
        ),
    )
    assert req.notice.consequence_test == test and req.notice.exemption_ground == "h"
    with pytest.raises(ValidationError, match="no information to deliver"):
        services.information_request_deliver(actor=actors["ppid"], request=req)
    with pytest.raises(ValidationError):
        services.information_request_close(actor=actors["ppid"], request=req, note="")
    assert (
        services.information_request_close(
            actor=actors["ppid"], request=req, note="Ditolak, pemohon diberi tahu."
        ).status
        == "closed"
    )


def test_partial_needs_redactions_and_not_held_needs_holder(submit, actors):
    req, _ = submit()
    with pytest.raises(ValidationError) as exc:
        services.information_request_issue_notice(
            actor=actors["ppid"],
            request=req,
            data=NoticeData(decision=Decision.PARTIAL, material="Kontrak", delivery="Salinan"),
        )
    assert "redactions" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.information_request_issue_notice(
            actor=actors["ppid"],
            request=req,
            data=NoticeData(decision=Decision.NOT_HELD, explanation="Bukan kewenangan kami"),
        )
    assert "holder" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.information_request_issue_notice(
            actor=actors["ppid"],
            request=req,
            data=NoticeData(decision=Decision.GRANTED, material="x", delivery="y", cost=Decimal(-1)),
        )
    assert "cost" in exc.value.message_dict
    req = services.information_request_issue_notice(
        actor=actors["ppid"],
        request=req,
        data=NoticeData(
            decision=Decision.PARTIAL,
            material="Kontrak pengadaan",
            delivery="Salinan cetak, diambil langsung",
            cost=Decimal(5000),
            payment_method="Tunai di loket PPID",
            redactions=[RedactionData(part="Nomor rekening penyedia", reason="Data pribadi penyedia", ground="h")],
        ),
    )
    assert req.notice.redactions.get().ground == "h"
    assert NoticeFile.objects.count() == 0


def test_invalid_transitions_are_refused_with_a_clear_message(submit, actors):
    req, _ = submit()
    req = services.information_request_withdraw(
        actor=actors["ppid"], request=req, reason="Pemohon menelepon untuk membatalkan."
    )
    assert req.status == Status.WITHDRAWN
    for call in (
        lambda: services.information_request_assign(
            actor=actors["ppid"], request=req, to=req.public_body.pelaksana.get()
        ),
        lambda: services.information_request_extend(actor=actors["ppid"], request=req, reason=REASON),
        lambda: services.information_request_close(actor=actors["ppid"], request=req, note=REASON),
        lambda: services.information_request_withdraw(actor=actors["ppid"], request=req, reason=REASON),
        lambda: services.information_request_issue_notice(
            actor=actors["ppid"], request=req, data=NoticeData(decision=Decision.NOT_DOCUMENTED, explanation=REASON)
        ),
    ):
        with pytest.raises(InvalidTransition) as exc:
            call()
        assert "withdrawn" in str(exc.value).lower() or "ditarik" in str(exc.value).lower()
    assert _actions(req) == ["submitted", "withdrawn"]


def test_staff_withdrawal_needs_a_reason(submit, actors):
    req, _ = submit()
    with pytest.raises(ValidationError):
        services.information_request_withdraw(actor=actors["ppid"], request=req, reason="")


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("ppid", True),
        ("admin", True),
        ("pelaksana", False),
        ("atasan", False),
        ("kab_ppid", False),
        ("kab_admin", False),
    ],
)
def test_who_may_assign(submit, bodies, actors, who, allowed):
    req, _ = submit()
    call = lambda: services.information_request_assign(actor=actors[who], request=req, to=bodies["province_opd"])  # noqa: E731
    if allowed:
        assert call().status == Status.ASSIGNED
    else:
        with pytest.raises(PermissionDenied):
            call()


def test_pelaksana_acts_only_once_assigned(submit, bodies, actors):
    req, _ = submit()
    with pytest.raises(PermissionDenied):
        services.information_request_extend(actor=actors["pelaksana"], request=req, reason=REASON)
    req = services.information_request_assign(actor=actors["ppid"], request=req, to=bodies["province_opd"])
    with pytest.raises(PermissionDenied):
        services.information_request_extend(actor=actors["kab_pelaksana"], request=req, reason=REASON)
    with pytest.raises(PermissionDenied):
        services.information_request_close(actor=actors["pelaksana"], request=req, note=REASON)
    assert services.information_request_extend(actor=actors["pelaksana"], request=req, reason=REASON).is_extended


def test_visibility_is_scoped_and_out_of_scope_is_404(submit, bodies, actors):
    prov, _ = submit()
    kab, _ = submit("kabupaten")
    get = information_request_get_for_actor
    assert get(actor=actors["ppid"], pk=prov.pk) == prov
    assert get(actor=actors["atasan"], pk=prov.pk) == prov
    assert get(actor=actors["admin"], pk=kab.pk) == kab
    for who, pk in (
        ("kab_ppid", prov.pk),
        ("kab_admin", prov.pk),
        ("ppid", kab.pk),
        ("pelaksana", prov.pk),
        ("kab_pelaksana", kab.pk),
    ):
        with pytest.raises(Http404):
            get(actor=actors[who], pk=pk)
    services.information_request_assign(actor=actors["ppid"], request=prov, to=bodies["province_opd"])
    assert get(actor=actors["pelaksana"], pk=prov.pk) == prov
    with pytest.raises(Http404):
        get(actor=actors["ppid"], pk=10**9)
