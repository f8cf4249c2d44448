"""E-mails to requesters. Called from ``transaction.on_commit`` by the services.

Headers are built only from fixed text, the nomor pendaftaran and a validated address, so
nothing a requester types can add a header. Bodies are plain text rendered from templates.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from lontar.core.dates import format_date
from lontar.ppid.models import InformationRequest, Notice

logger = logging.getLogger(__name__)


def send_on_commit(send: Callable[..., None], **kwargs: Any) -> None:
    """Run ``send(**kwargs)`` once the transaction commits. A failure (mail server down) is logged
    as an error with the request id and never reaches the user, whose request is already saved.

    Not ``on_commit(partial(...), robust=True)``: Django logs a robust callback's failure with
    ``func.__qualname__``, which a ``functools.partial`` lacks, so the log line itself raised an
    AttributeError after the commit (a 500 for a saved request).
    """

    def deliver() -> None:
        try:
            send(**kwargs)
        except Exception:
            logger.exception("PPID e-mail %s not sent (%s)", send.__name__, kwargs.get("request_id"))

    transaction.on_commit(deliver)


def tracking_url() -> str:
    return settings.BASE_URL.rstrip("/") + reverse("ppid:track")


#: attachments larger than this in total are left to the tracking page
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024


def _message(to: str, subject: str, template: str, context: dict) -> EmailMessage:
    body = render_to_string(template, {**context, "tracking_url": tracking_url()})
    return EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[to])


def _send(to: str, subject: str, template: str, context: dict) -> None:
    _message(to, subject, template, context).send()


def _attach_notice(message: EmailMessage, notice: Notice) -> bool:
    """Attach the notice PDF and the delivered files when they fit; False when they did not."""
    files = list(notice.files.all())
    total = (notice.pdf.size if notice.pdf else 0) + sum(f.size for f in files)
    if total > MAX_ATTACHMENT_BYTES:
        return False
    if notice.pdf:
        with notice.pdf.open("rb") as handle:
            message.attach(notice.number.replace("/", "-") + ".pdf", handle.read(), "application/pdf")
    for stored in files:
        with stored.file.open("rb") as handle:
            message.attach(stored.name, handle.read(), stored.content_type)
    return True


def send_confirmation(*, request_id: int, token: str) -> None:
    """Receipt with the nomor pendaftaran and the tracking token (the only time it is sent)."""
    request = InformationRequest.objects.select_related("public_body__organisation").get(pk=request_id)
    if not request.email:
        return
    _send(
        request.email,
        _("Information request %(number)s received") % {"number": request.number},
        "ppid/email/confirmation.txt",
        {"req": request, "token": token},
    )


def send_notice_issued(*, request_id: int) -> None:
    """Tell the requester that the written notice is ready on the tracking page."""
    request = InformationRequest.objects.select_related("public_body__organisation", "notice").get(pk=request_id)
    if not request.email:
        return
    notice = request.notice
    subject = _("Written notice for information request %(number)s") % {"number": request.number}
    files = list(notice.files.all())
    context = {"req": request, "notice": notice, "files": files, "attached": True}
    message = _message(request.email, subject, "ppid/email/notice_issued.txt", context)
    if not _attach_notice(message, notice):
        context["attached"] = False
        message = _message(request.email, subject, "ppid/email/notice_issued.txt", context)
    message.send()


def staff_url(request_id: int) -> str:
    return settings.BASE_URL.rstrip("/") + reverse("ppid:staff_detail", args=[request_id])


def reminder_message(*, request: InformationRequest, reminder: Any, to: list[str]) -> EmailMessage:
    """A deadline reminder to the PPID officers: number, body, deadline, days, staff link; no personal data.

    ``request`` must be loaded without the requester's encrypted fields (the template uses none).
    """
    day = format_date(reminder.deadline)
    if reminder.kind == "overdue":
        subject = _("Overdue: the written notice for %(number)s was due on %(date)s")
    else:
        subject = _("Reminder: the written notice for %(number)s is due on %(date)s")
    context = {
        "req": request,
        "reminder": reminder,
        "overdue": reminder.kind == "overdue",
        "extended": request.extended_due_on is not None and request.extended_due_on == reminder.deadline,
        "staff_url": staff_url(request.pk),
    }
    body = render_to_string("ppid/email/reminder.txt", context)
    return EmailMessage(
        subject=subject % {"number": request.number, "date": day},
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
    )
