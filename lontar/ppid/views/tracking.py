"""The requester's tracking page (number + token, no account), withdrawal and file downloads."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lontar.core.confirm import Confirmation, needs_confirmation, render_confirm
from lontar.core.errors import error_messages
from lontar.ppid import ratelimit, receipt, services
from lontar.ppid.choices import OPEN
from lontar.ppid.forms import TrackingForm, WithdrawForm
from lontar.ppid.forms.objections import RequesterObjectionForm
from lontar.ppid.models import InformationRequest, NoticeFile
from lontar.ppid.privacy import links
from lontar.ppid.selectors import objections as objection_selectors
from lontar.ppid.selectors import requests as request_selectors
from lontar.ppid.views._helpers import too_many
from lontar.ppid.views.public import NEW_REQUEST_SESSION_KEY


def not_found_message() -> str:
    return _("No request matches this registration number and token. Check both and try again.")


def _file_links(req: InformationRequest) -> list[tuple[NoticeFile, str]]:
    notice = getattr(req, "notice", None)
    if notice is None:
        return []
    return [(f, links.sign(f.pk, salt=links.FILE_SALT)) for f in notice.files.all()]


def _pdf_link(req: InformationRequest) -> str | None:
    notice = getattr(req, "notice", None)
    return links.sign(notice.pk, salt=links.PDF_SALT) if notice is not None and notice.pdf else None


def tracking_result(
    request: HttpRequest,
    req: InformationRequest,
    token: str,
    *,
    just_filed: bool = False,
    status: int = 200,
    **extra: object,
) -> HttpResponse:
    context = {
        "req": req,
        "token": token,
        "just_filed": just_filed,
        "events": request_selectors.public_timeline(req),
        "deadline": request_selectors.deadline_of(req),
        "notice": getattr(req, "notice", None),
        "files": _file_links(req),
        "pdf_link": _pdf_link(req),
        "withdraw_form": _token_form(WithdrawForm, req, token) if req.status in OPEN else None,
        "track_url": reverse("ppid:track_link", args=[links.track_link_value(req.pk, req.tracking_digest)]),
        **_objection_context(req, token),
        **extra,
    }
    return render(request, "ppid/track_result.html", context, status=status)


def _token_form(form_class: Any, req: InformationRequest, token: str) -> Any:
    """A form that posts number and token; opened from a bookmark (no token known) it asks for the token."""
    form = form_class(initial={"number": req.number, "token": token})
    if not token:
        form.fields["token"].widget = forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"})
    return form


def _objection_context(req: InformationRequest, token: str) -> dict[str, object]:
    objectable = req.status not in services.NOT_OBJECTABLE
    return {
        "objections": objection_selectors.objections_of(req),
        "objection_options": services.ground_options(req) if objectable else [],
        "objection_form": _token_form(RequesterObjectionForm, req, token) if objectable else None,
    }


def _lookup_form(request: HttpRequest, form: TrackingForm, status: int = 200) -> HttpResponse:
    return render(request, "ppid/track.html", {"form": form}, status=status)


def not_found_response(request: HttpRequest, number: str, token: str) -> HttpResponse:
    """The one answer for a missing request and for a wrong token."""
    form = TrackingForm({"number": number, "token": token})
    if form.is_valid():
        form.add_error(None, not_found_message())
    return _lookup_form(request, form, status=404)


@never_cache
@require_http_methods(["GET", "POST"])
def track(request: HttpRequest) -> HttpResponse:
    """Look a request up by number and token. A wrong token answers exactly like a missing request."""
    if request.method != "POST":
        new = request.session.pop(NEW_REQUEST_SESSION_KEY, None)
        found = request_selectors.information_request_track(**new) if isinstance(new, dict) else None
        if found is not None:
            return tracking_result(request, found, new["token"], just_filed=True)
        return _lookup_form(request, TrackingForm())
    if not ratelimit.hit_request(ratelimit.TRACKING, request):
        return too_many(request, ratelimit.TRACKING)
    form = TrackingForm(request.POST)
    if not form.is_valid():
        return _lookup_form(request, form, status=400)
    number, token = form.cleaned_data["number"], form.cleaned_data["token"]
    found = request_selectors.information_request_track(number=number, token=token)
    if found is None:
        return not_found_response(request, number, token)
    return tracking_result(request, found, token)


@never_cache
@require_GET
def track_link(request: HttpRequest, signed: str) -> HttpResponse:
    """The tracking page from a bookmarkable link: it carries no token, so actions still ask for it.

    No rate limit: the link is signed with the secret key, so guessing one is hopeless.
    """
    found = request_selectors.information_request_by_link(signed)
    if found is None:
        form = TrackingForm()
        return render(request, "ppid/track.html", {"form": form, "link_invalid": True}, status=404)
    return tracking_result(request, found, "")


@never_cache
@require_POST
def receipt_pdf(request: HttpRequest) -> HttpResponse:
    """The receipt PDF (tanda bukti permohonan); posted with number and token so neither lands in a log."""
    if not ratelimit.hit_request(ratelimit.TRACKING, request):
        return too_many(request, ratelimit.TRACKING)
    number, token = request.POST.get("number", "")[:80], request.POST.get("token", "")[:64]
    found = request_selectors.information_request_track(number=number, token=token)
    if found is None:
        return not_found_response(request, number, token)
    return receipt.receipt_response(found, token)


@never_cache
@require_POST
def withdraw(request: HttpRequest) -> HttpResponse:
    """The requester withdraws their request from the tracking page."""
    if not ratelimit.hit_request(ratelimit.TRACKING, request):
        return too_many(request, ratelimit.TRACKING)
    form = WithdrawForm(request.POST)
    number, token = request.POST.get("number", "")[:80], request.POST.get("token", "")[:64]
    found = request_selectors.information_request_track(number=number, token=token)
    if found is None:
        return not_found_response(request, number, token)
    if not form.is_valid():
        return tracking_result(
            request, found, token, status=400, withdraw_errors=[e for errs in form.errors.values() for e in errs]
        )
    if needs_confirmation(request):
        return render_confirm(
            request,
            Confirmation(
                title=_("Withdraw the request"),
                lead=_("A withdrawn request is closed: the PPID stops handling it."),
                action=reverse("ppid:track_withdraw"),
                button=_("Yes, withdraw the request"),
                cancel=reverse("ppid:track"),
                summary=[
                    (_("Registration number"), found.number, False),
                    (_("Public body"), found.public_body.organisation.name, False),
                    (_("Status"), found.get_status_display(), False),
                    (_("Information requested"), found.information_requested, False),
                    (_("Reason"), form.cleaned_data["reason"], False),
                ],
                danger=True,
            ),
            keep=("number", "token", "reason", "confirm"),
        )
    try:
        updated = services.information_request_withdraw(
            actor=None, request=found, reason=form.cleaned_data["reason"], token=token
        )
    except (ValidationError, PermissionDenied) as exc:
        messages = error_messages(exc) if isinstance(exc, ValidationError) else [str(exc)]
        return tracking_result(request, found, token, status=409, withdraw_errors=messages)
    return tracking_result(request, updated, token, withdrawn=True)


@never_cache
@require_GET
def notice_file(request: HttpRequest, signed: str) -> FileResponse:
    """A delivered file, reached through a link signed on the tracking page (valid one hour)."""
    pk = links.unsign(signed, salt=links.FILE_SALT)
    if pk is None:
        raise Http404
    stored = NoticeFile.objects.filter(pk=pk).first()
    if stored is None:
        raise Http404
    return FileResponse(
        stored.file.open("rb"), as_attachment=True, filename=stored.name, content_type=stored.content_type
    )
