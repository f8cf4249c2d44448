"""Public data requests (permintaan data): submitted by anyone, handled by the Walidata."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lontar.audit.services import audit_record
from lontar.catalog import roles
from lontar.catalog.models import CatalogEntry, DataRequest, DataRequestStatus, Dataset
from lontar.catalog.services import notify
from lontar.catalog.services.common import clean_note, clean_text, deny
from lontar.organisations.models import Organisation

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
Status = DataRequestStatus


def new_tracking_code() -> str:
    """``PD-`` and eight characters without look-alikes (no 0/O, 1/I/L)."""
    return "PD-" + "".join(secrets.choice(ALPHABET) for _i in range(8))


def tracking_url(request: DataRequest) -> str:
    return settings.BASE_URL.rstrip("/") + reverse("catalog:request_detail", args=[request.tracking_code])


def _mail_requester(request: DataRequest, subject: str) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(
            "catalog/email/datarequest_body.txt", {"request": request, "link": tracking_url(request)}
        )
        line = f"[Lontar] {subject}: {request.tracking_code}"
    address = request.requester_email
    transaction.on_commit(lambda: send_mail(line, body, None, [address]), robust=True)


def datarequest_submit(*, data: Mapping[str, Any], organisation: Organisation) -> DataRequest:
    """Anyone may ask for data; the Walidata of the chosen government body is told."""
    if organisation.kind != "instansi" or not organisation.is_active:
        raise ValidationError({"organisation": _("Choose a government body.")})
    email = clean_text(data.get("requester_email"), "requester_email", max_length=254, required=True)
    try:
        validate_email(email)
    except ValidationError as exc:
        raise ValidationError({"requester_email": _("Enter a valid e-mail address.")}) from exc
    request = DataRequest(
        title=clean_text(data.get("title"), "title", max_length=200, required=True),
        description=clean_text(data.get("description"), "description", max_length=4000, required=True, multiline=True),
        purpose=clean_text(data.get("purpose"), "purpose", max_length=300),
        requester_name=clean_text(data.get("requester_name"), "requester_name", max_length=120, required=True),
        requester_email=email,
        organisation=organisation,
    )
    for _attempt in range(5):
        request.tracking_code = new_tracking_code()
        try:
            with transaction.atomic():
                request.save(force_insert=True)
                audit_record(
                    action="catalog.datarequest.submitted",
                    organisation=organisation,
                    target=request,
                    data={"title": request.title},
                )
                _mail_requester(request, _("Data request received"))
                walidata = notify.emails_for(roles.WALIDATA, instansi_id=organisation.pk)
                if walidata:
                    link = settings.BASE_URL.rstrip("/") + reverse("catalog:manage_request", args=[request.pk])
                    subject = f"[Lontar] {_('New data request')}: {request.title}"[:200]
                    body = f"{request.title}\n\n{request.description}\n\n{link}\n"

                    def notify_walidata(s: str = subject, b: str = body, to: list[str] = walidata) -> None:
                        send_mail(s, b, None, to)

                    transaction.on_commit(notify_walidata, robust=True)
            return request
        except IntegrityError:
            continue  # the tracking code was taken: draw another
    raise RuntimeError("could not allocate a tracking code")


def _require_handler(actor: Any, request: DataRequest) -> None:
    if not roles.can_review(actor, request.organisation):
        raise deny(_("Only the Walidata of this government body may handle the request."))


def _set_status(
    actor: Any, request: DataRequest, status: str, action: str, answer: str, dataset: Dataset | None
) -> DataRequest:
    with transaction.atomic():
        locked = DataRequest.objects.select_for_update().get(pk=request.pk)
        if locked.status in (Status.FULFILLED, Status.REJECTED):
            raise ValidationError(_("The request is already closed."))
        locked.status, locked.answer, locked.dataset = status, answer, dataset
        locked.handled_by = actor
        locked.closed_at = timezone.now() if status in (Status.FULFILLED, Status.REJECTED) else None
        locked.save()
        audit_record(
            action=action,
            actor=actor,
            organisation=locked.organisation,
            target=locked,
            data={"status": status, "answer": answer, "dataset": dataset.slug if dataset else None},
        )
        _mail_requester(locked, str(Status(status).label))
    return locked


def datarequest_process(*, actor: Any, request: DataRequest, note: str) -> DataRequest:
    """The Walidata takes the request in hand (the requester sees "in process")."""
    _require_handler(actor, request)
    return _set_status(actor, request, Status.IN_PROCESS, "catalog.datarequest.processing", clean_note(note), None)


def datarequest_fulfil(*, actor: Any, request: DataRequest, dataset: Dataset, note: str) -> DataRequest:
    """Answer with a dataset of the public catalogue."""
    _require_handler(actor, request)
    if not CatalogEntry.objects.filter(dataset=dataset).exists():
        raise ValidationError({"dataset": _("Choose a dataset that is published in the public catalogue.")})
    return _set_status(actor, request, Status.FULFILLED, "catalog.datarequest.fulfilled", clean_note(note), dataset)


def datarequest_reject(*, actor: Any, request: DataRequest, reason: str) -> DataRequest:
    """Refuse, with the reason the requester will read."""
    _require_handler(actor, request)
    text = clean_text(reason, "reason", max_length=4000, multiline=True)
    if not text:
        raise ValidationError({"reason": _("Give the reason for the refusal.")})
    return _set_status(actor, request, Status.REJECTED, "catalog.datarequest.rejected", text, None)
