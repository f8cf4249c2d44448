"""E-mails to requesters. Called from ``transaction.on_commit`` by the services.

Headers are built only from fixed text, the nomor pendaftaran and a validated address, so
nothing a requester types can add a header. Bodies are plain text rendered from templates.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from lontar.ppid.models import InformationRequest


def tracking_url() -> str:
    return settings.BASE_URL.rstrip("/") + reverse("ppid:track")


def _send(to: str, subject: str, template: str, context: dict) -> None:
    body = render_to_string(template, {**context, "tracking_url": tracking_url()})
    EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[to]).send()


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
    _send(
        request.email,
        _("Written notice for information request %(number)s") % {"number": request.number},
        "ppid/email/notice_issued.txt",
        {"req": request, "notice": request.notice},
    )
