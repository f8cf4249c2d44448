"""Receiving requests: the public form (online) and staff intake (walk-in, e-mail, post, oral)."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from lontar.audit.services import audit_record
from lontar.calendar.selectors import add_working_days_from_db
from lontar.core.files import atomic_with_files, delete_on_rollback
from lontar.core.uploads import CheckedUpload
from lontar.ppid import emails
from lontar.ppid.choices import STAFF_CHANNELS, Channel, DocumentKind, RequesterType, Status
from lontar.ppid.models import IdentityDocument, InformationRequest, PublicBody, RequestCounter
from lontar.ppid.permissions import can_manage_body
from lontar.ppid.privacy import tracking
from lontar.ppid.privacy.identity import identity_index
from lontar.ppid.rules import deadlines, numbering
from lontar.ppid.services._common import record_event, require, today
from lontar.ppid.validation import RequestData, request_data_errors

#: how far back staff may date a request they register (a letter that arrived earlier)
MAX_BACKDATE_DAYS = 30


def _validate(body: PublicBody, data: RequestData, documents: dict[str, CheckedUpload | None]) -> RequestData:
    clean = data.normalised()
    errors = request_data_errors(clean)
    if not body.is_active:
        errors.setdefault("public_body", []).append(_("This public body does not take requests."))
    if clean.by_proxy and documents.get(DocumentKind.POWER_OF_ATTORNEY) is None:
        errors.setdefault("power_of_attorney", []).append(
            _("A request filed on someone else's behalf needs the power of attorney (surat kuasa).")
        )
    if errors:
        raise ValidationError(errors)
    return clean


def _locked_counter(body: PublicBody, year: int) -> RequestCounter:
    RequestCounter.objects.get_or_create(body=body, year=year)
    return RequestCounter.objects.select_for_update().get(body=body, year=year)


def allocate_number(body: PublicBody, received_on: dt.date) -> str:
    """The next nomor pendaftaran of ``body``; call inside the creating transaction."""
    counter = _locked_counter(body, received_on.year)
    counter.last_value += 1
    counter.save(update_fields=["last_value"])
    number = numbering.format_number(
        body.number_format,
        region_code=body.region_code,
        code=body.code.upper(),
        year=received_on.year,
        month=received_on.month,
        seq=counter.last_value,
    )
    if InformationRequest.objects.filter(number=number).exists():
        raise ValidationError(
            _(
                "The numbering format of this public body produced %(number)s, which is already in use. "
                "Ask the PPID to change the format in the body's settings."
            )
            % {"number": number},
            code="number_collision",
        )
    return number


def _save_documents(request: InformationRequest, documents: dict[str, CheckedUpload | None]) -> None:
    """Store the files inside ``atomic_with_files()``: they are deleted if the request is not recorded."""
    for kind, upload in documents.items():
        if upload is None:
            continue
        doc = IdentityDocument(
            request=request, kind=kind, content_type=upload.type.content_type, size=upload.size, sha256=upload.sha256
        )
        doc.file.save(upload.storage_name, upload.file, save=False)
        delete_on_rollback(doc.file.storage, doc.file.name)
        doc.save()


def _create(
    *,
    actor: Any,
    body: PublicBody,
    data: RequestData,
    channel: str,
    received_at: dt.datetime,
    documents: dict[str, CheckedUpload | None],
) -> tuple[InformationRequest, str]:
    received_on = timezone.localdate(received_at)
    token = tracking.new_token()
    with atomic_with_files():
        request = InformationRequest.objects.create(
            public_body=body,
            number=allocate_number(body, received_on),
            tracking_digest=tracking.digest(token),
            status=Status.RECEIVED,
            channel=channel,
            identity_index=identity_index(data.identity_number),
            received_on=received_on,
            received_at=received_at,
            clock_start_on=received_on,
            due_on=add_working_days_from_db(received_on, deadlines.NOTICE_DAYS),
            registered_by=actor if getattr(actor, "is_authenticated", False) else None,
            **asdict(data),
        )
        _save_documents(request, documents)
        record_event(
            request, action="submitted" if channel == Channel.ONLINE else "registered", from_status="", actor=actor
        )
        audit_record(
            action=f"ppid.information_request.{'submitted' if channel == Channel.ONLINE else 'registered'}",
            actor=actor,
            organisation=body.organisation,
            target=request,
            data={
                "channel": channel,
                "requester_type": data.requester_type,
                "received_on": received_on.isoformat(),
            },
        )
        if data.email:
            emails.send_on_commit(emails.send_confirmation, request_id=request.pk, token=token)
    return request, token


def information_request_submit(
    *,
    body: PublicBody,
    data: RequestData,
    identity_document: CheckedUpload | None,
    power_of_attorney: CheckedUpload | None = None,
) -> tuple[InformationRequest, str]:
    """A citizen files a request on the public form. Returns the request and the tracking token.

    The token is shown once and e-mailed; only its digest is stored.
    """
    if not body.accepts_requests:
        raise ValidationError({"public_body": [_("This public body does not take requests on the online form.")]})
    documents: dict[str, CheckedUpload | None] = {
        DocumentKind.IDENTITY: identity_document,
        DocumentKind.POWER_OF_ATTORNEY: power_of_attorney,
    }
    clean = _validate(body, data, documents)
    if identity_document is None:
        label = _("legal-entity deed") if clean.requester_type == RequesterType.BADAN_HUKUM else _("KTP")
        raise ValidationError({"identity_document": [_("Attach a scan or photo of your %(doc)s.") % {"doc": label}]})
    return _create(
        actor=None, body=body, data=clean, channel=Channel.ONLINE, received_at=timezone.now(), documents=documents
    )


def _received_at(received_on: dt.date | None) -> dt.datetime:
    now = timezone.now()
    if received_on is None or received_on == timezone.localdate(now):
        return now
    if received_on > today():
        raise ValidationError({"received_on": [_("The date of receipt cannot be in the future.")]})
    if received_on < today() - dt.timedelta(days=MAX_BACKDATE_DAYS):
        raise ValidationError(
            {
                "received_on": [
                    _("Requests older than %(days)d days cannot be registered.") % {"days": MAX_BACKDATE_DAYS}
                ]
            }
        )
    return timezone.make_aware(dt.datetime.combine(received_on, dt.time(12, 0)))


def information_request_register(
    *,
    actor: Any,
    body: PublicBody,
    data: RequestData,
    channel: str,
    received_on: dt.date | None = None,
    identity_document: CheckedUpload | None = None,
    power_of_attorney: CheckedUpload | None = None,
) -> tuple[InformationRequest, str]:
    """PPID staff register a walk-in, e-mail, post or oral request. Returns the request and its token."""
    require(can_manage_body(actor, body))
    if channel not in STAFF_CHANNELS:
        raise ValidationError({"channel": [_("Choose how the request arrived.")]})
    documents: dict[str, CheckedUpload | None] = {
        DocumentKind.IDENTITY: identity_document,
        DocumentKind.POWER_OF_ATTORNEY: power_of_attorney,
    }
    clean = _validate(body, data, documents)
    return _create(
        actor=actor, body=body, data=clean, channel=channel, received_at=_received_at(received_on), documents=documents
    )
