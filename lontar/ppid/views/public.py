"""Public PPID pages: start page, a body's maklumat pelayanan, the request form, statistics."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from lontar.core.errors import apply_errors
from lontar.ppid import ratelimit, services
from lontar.ppid.choices import BodyKind, Status
from lontar.ppid.forms import RequestForm
from lontar.ppid.selectors import requests as request_selectors
from lontar.ppid.views._helpers import too_many

#: session key carrying the number and token of a just-filed request to the tracking page (once)
NEW_REQUEST_SESSION_KEY = "ppid_new_request"


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    bodies = request_selectors.public_bodies().filter(kind=BodyKind.UTAMA).order_by("organisation__region_id")
    return render(request, "ppid/index.html", {"bodies": bodies})


@require_GET
def body_detail(request: HttpRequest, slug: str) -> HttpResponse:
    body = request_selectors.public_body_get(slug=slug)
    return render(
        request,
        "ppid/body_detail.html",
        {"body": body, "pelaksana": request_selectors.pelaksana_of(body) if body.kind == BodyKind.UTAMA else []},
    )


@require_GET
def statistics(request: HttpRequest) -> HttpResponse:
    rows = request_selectors.statistics()
    return render(request, "ppid/statistics.html", {"rows": rows, "statuses": Status.choices})


def _initial(request: HttpRequest) -> dict:
    slug = request.GET.get("badan", "")[:120]
    body = request_selectors.public_bodies_accepting().filter(organisation__slug=slug).first() if slug else None
    return {"public_body": body} if body else {}


@require_http_methods(["GET", "POST"])
def request_new(request: HttpRequest) -> HttpResponse:
    """The online request form. Rate limited per IP address; a honeypot field catches bots."""
    if request.method != "POST":
        return render(request, "ppid/request_form.html", {"form": RequestForm(initial=_initial(request))})
    if not ratelimit.hit_request(ratelimit.REQUEST_FORM, request):
        return too_many(request, ratelimit.REQUEST_FORM)
    form = RequestForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            created, token = services.information_request_submit(
                body=form.cleaned_data["public_body"],
                data=form.request_data(),
                identity_document=form.cleaned_data["identity_document"],
                power_of_attorney=form.cleaned_data.get("power_of_attorney"),
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            request.session[NEW_REQUEST_SESSION_KEY] = {"number": created.number, "token": token}
            return redirect("ppid:track")
    return render(request, "ppid/request_form.html", {"form": form}, status=400)
