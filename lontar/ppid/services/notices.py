"""The written notice (pemberitahuan tertulis) and uji konsekuensi records."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lontar.audit.services import audit_record
from lontar.core import documents
from lontar.core.files import atomic_with_files, delete_on_rollback
from lontar.core.uploads import CheckedUpload
from lontar.ppid import emails, handoffs, notice_pdf
from lontar.ppid.choices import DELIVERING_DECISIONS, Decision, ExemptionGround, Status
from lontar.ppid.models import ConsequenceTest, InformationRequest, Notice, NoticeFile, PublicBody, RedactedPart
from lontar.ppid.permissions import can_handle, can_manage_body
from lontar.ppid.services._common import require, today, transition
from lontar.ppid.validation import single_line_problem, text_problem

MAX_COST = Decimal("100000000")


@dataclass
class RedactionData:
    part: str
    reason: str
    ground: str
    consequence_test: ConsequenceTest | None = None


@dataclass
class NoticeData:
    decision: str
    material: str = ""
    delivery: str = ""
    holder: str = ""
    exemption_ground: str = ""
    consequence_test: ConsequenceTest | None = None
    cost: Decimal = Decimal(0)
    payment_method: str = ""
    explanation: str = ""
    redactions: list[RedactionData] = field(default_factory=list)
    files: list[tuple[str, CheckedUpload]] = field(default_factory=list)


def _same_tree(body: PublicBody, other: PublicBody) -> bool:
    """``other`` is ``body``, its PPID Utama, or a sibling/child under the same Utama."""
    root = body.parent_id or body.pk
    return other.pk == root or other.parent_id == root


def _text_errors(data: NoticeData) -> dict[str, str]:
    errors: dict[str, str] = {}
    for name in ("material", "delivery", "explanation"):
        problem = text_problem(getattr(data, name))
        if problem:
            errors[name] = problem
    for name in ("holder", "payment_method"):
        problem = single_line_problem(getattr(data, name))
        if problem:
            errors[name] = problem
    return errors


def _decision_errors(data: NoticeData, body: PublicBody) -> dict[str, str]:
    errors: dict[str, str] = {}
    required: dict[str, tuple[str, ...]] = {
        Decision.GRANTED: ("material", "delivery"),
        Decision.PARTIAL: ("material", "delivery"),
        Decision.REFUSED: ("exemption_ground", "explanation"),
        Decision.NOT_HELD: ("holder", "explanation"),
        Decision.NOT_DOCUMENTED: ("explanation",),
    }
    needs = required.get(data.decision)
    if needs is None:
        return {"decision": _("Choose the decision.")}
    for name in needs:
        if not str(getattr(data, name)).strip():
            errors[name] = _("Required for this decision.")
    if data.decision == Decision.REFUSED:
        errors.update(_refusal_errors(data, body))
    if data.decision == Decision.PARTIAL and not data.redactions:
        errors["redactions"] = _("List the blacked-out parts and the reason for each.")
    if data.files and data.decision not in DELIVERING_DECISIONS:
        errors["files"] = _("Files are delivered only when the information is granted in full or in part.")
    return errors


def _refusal_errors(data: NoticeData, body: PublicBody) -> dict[str, str]:
    test = data.consequence_test
    if test is None:
        return {"consequence_test": _("A refusal rests on a consequence test (uji konsekuensi); choose one.")}
    if not _same_tree(body, test.body):
        return {"consequence_test": _("Choose a consequence test of this public body.")}
    if data.exemption_ground and data.exemption_ground != test.ground:
        return {
            "exemption_ground": _("The ground must be the one the consequence test rests on (Pasal 17 %(g)s).")
            % {"g": test.ground}
        }
    return {}


def _redaction_errors(data: NoticeData, body: PublicBody) -> dict[str, str]:
    for item in data.redactions:
        if not item.part.strip() or not item.reason.strip() or item.ground not in ExemptionGround.values:
            return {"redactions": _("Each blacked-out part needs a description, a reason and a Pasal 17 ground.")}
        if single_line_problem(item.part) or text_problem(item.reason):
            return {"redactions": _("Remove control characters from the blacked-out parts.")}
        if item.consequence_test is not None and not _same_tree(body, item.consequence_test.body):
            return {"redactions": _("Choose a consequence test of this public body.")}
    return {}


def notice_data_errors(data: NoticeData, body: PublicBody) -> dict[str, list[str]]:
    errors = _text_errors(data)
    errors.update(_decision_errors(data, body))
    errors.update(_redaction_errors(data, body))
    if data.cost < 0 or data.cost > MAX_COST:
        errors["cost"] = _("Enter a cost between 0 and 100,000,000 rupiah.")
    return {name: [message] for name, message in errors.items()}


@dataclass
class _Draft:
    notice: Notice
    redactions: list[RedactedPart]
    files: list[NoticeFile]
    uploads: list[CheckedUpload]


def _draft(request: InformationRequest, data: NoticeData, actor: Any) -> _Draft:
    """The notice, its blacked-out parts and its files as unsaved rows, to render before writing."""
    notice = Notice(
        request=request,
        number=f"{request.number}/PT",
        decision=data.decision,
        holder=data.holder.strip(),
        exemption_ground=data.exemption_ground or (data.consequence_test.ground if data.consequence_test else ""),
        consequence_test=data.consequence_test if data.decision == Decision.REFUSED else None,
        material=data.material.strip(),
        delivery=data.delivery.strip(),
        cost=data.cost,
        payment_method=data.payment_method.strip(),
        explanation=data.explanation.strip(),
        issued_on=today(),
        issued_by=actor,
    )
    redactions = [
        RedactedPart(
            notice=notice,
            part=item.part.strip(),
            reason=item.reason.strip(),
            ground=item.ground,
            consequence_test=item.consequence_test,
        )
        for item in data.redactions
    ]
    files = [
        NoticeFile(
            notice=notice,
            name=name[:150],
            content_type=upload.type.content_type,
            size=upload.size,
            sha256=upload.sha256,
        )
        for name, upload in data.files
    ]
    return _Draft(notice, redactions, files, [upload for _name, upload in data.files])


def _render(notice: Notice, redactions: list[RedactedPart], files: list[NoticeFile]) -> documents.RenderedPdf:
    """Give the notice a new verification code and its digests; the PDF to store with it.

    Runs before the transaction: no row is locked while WeasyPrint renders.
    """
    code = notice_pdf.new_code()
    digest = notice_pdf.content_digest(notice, code, redactions, files)
    pdf = notice_pdf.render_pdf(notice, code=code, digest=digest, redactions=redactions, files=files)
    notice.verification_code = code
    notice.content_sha256 = digest
    notice.pdf_sha256 = pdf.sha256
    return pdf


def _write(locked: InformationRequest, draft: _Draft, pdf: documents.RenderedPdf) -> None:
    """Store the files and write the rows, inside ``atomic_with_files()`` (files go if it rolls back)."""
    notice = draft.notice
    notice.request = locked
    documents.store_pdf(notice.pdf, pdf)
    notice.save(force_insert=True)
    for part in draft.redactions:
        part.save(force_insert=True)
    for stored, upload in zip(draft.files, draft.uploads, strict=True):
        stored.file.save(upload.storage_name, upload.file, save=False)
        delete_on_rollback(stored.file.storage, stored.file.name)
        stored.save(force_insert=True)


def notice_pdf_backfill(*, notice: Notice) -> Notice:
    """Give a notice written without a PDF (older sample data) its PDF, once. Issued notices have one.

    Called by ``manage.py ppid_notice_pdfs``, never by a page: pages only read.
    """
    if notice.pdf:
        return notice
    notice = Notice.objects.select_related("request__public_body", "consequence_test").get(pk=notice.pk)
    redactions, files = notice_pdf.saved_parts(notice)
    pdf = _render(notice, redactions, files)
    with atomic_with_files():
        locked = (
            Notice.objects.select_for_update().select_related("request__public_body__organisation").get(pk=notice.pk)
        )
        if locked.pdf:
            return locked
        locked.verification_code = notice.verification_code
        locked.content_sha256 = notice.content_sha256
        locked.pdf_sha256 = notice.pdf_sha256
        documents.store_pdf(locked.pdf, pdf)
        locked.save(update_fields=["verification_code", "content_sha256", "pdf_sha256", "pdf", "updated_at"])
        audit_record(
            action="ppid.notice.pdf_generated",
            organisation=locked.request.public_body.organisation,
            target=locked,
            data={"number": locked.number, "pdf_sha256": locked.pdf_sha256},
        )
    return locked


def information_request_issue_notice(
    *, actor: Any, request: InformationRequest, data: NoticeData
) -> InformationRequest:
    """Issue the written notice: the decision, what is given, blacked-out parts, costs; files attached.

    The PDF is rendered first; the transaction then locks the request only to store and write.
    """
    require(can_handle(actor, request))
    errors = notice_data_errors(data, request.public_body)
    if errors:
        raise ValidationError(errors)
    draft = _draft(request, data, actor)
    pdf = _render(draft.notice, draft.redactions, draft.files)

    def prepare(locked: InformationRequest) -> dict:
        _write(locked, draft, pdf)
        return {"notice_issued_on": draft.notice.issued_on}

    with atomic_with_files():
        result = transition(
            request,
            actor=actor,
            action="notice_issued",
            allowed_from={Status.RECEIVED, Status.ASSIGNED},
            refused=_("A written notice can be issued only for a request waiting for one; this one is “%(status)s”."),
            prepare=prepare,
            to_status=Status.NOTICE_ISSUED,
            audit_data={"decision": data.decision, "ground": data.exemption_ground, "files": len(data.files)},
        )
        emails.send_on_commit(emails.send_notice_issued, request_id=request.pk)
        handoffs.notice_issued(result, draft.notice, actor)
    return result


@dataclass
class ConsequenceTestData:
    information: str
    exempted_parts: str
    ground: str
    legal_basis: str
    harm: str
    public_interest: str
    closed_period: str
    decided_by: str
    decided_on: dt.date
    closed_until: dt.date | None = None


def consequence_test_errors(data: ConsequenceTestData) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for name in ("information", "closed_period", "decided_by"):
        value = getattr(data, name).strip()
        problem = single_line_problem(value) or (None if value else _("This field is required."))
        if problem:
            errors[name] = [problem]
    for name in ("exempted_parts", "legal_basis", "harm", "public_interest"):
        value = getattr(data, name).strip()
        problem = text_problem(value) or (None if value else _("This field is required."))
        if problem:
            errors[name] = [problem]
    if data.ground not in ExemptionGround.values:
        errors["ground"] = [_("Choose the Pasal 17 ground.")]
    if data.closed_until is not None and data.closed_until < data.decided_on:
        errors["closed_until"] = [_("The information cannot be closed until before the decision date.")]
    return errors


def consequence_test_create(*, actor: Any, body: PublicBody, data: ConsequenceTestData) -> ConsequenceTest:
    """Record a consequence test that notices of ``body`` (and its tree) can rest on."""
    require(can_manage_body(actor, body))
    errors = consequence_test_errors(data)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        test = ConsequenceTest.objects.create(
            body=body,
            created_by=actor,
            **{k: (v.strip() if isinstance(v, str) else v) for k, v in data.__dict__.items()},
        )
        audit_record(
            action="ppid.consequence_test.created",
            actor=actor,
            organisation=body.organisation,
            target=test,
            data={"ground": test.ground},
        )
    return test
