"""Public pages of the shell: home, about (data sources), pattern library, error pages."""

from __future__ import annotations

import json
import sys
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from lontar.core import home as home_page
from lontar.core import outage, patterns, signing
from lontar.core.csp import allow_own_styles
from lontar.core.svg import kabkota_map


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The three modules with their main actions, the evaluation headline and the map of NTT.

    Not kept in the page cache: the headline depends on evaluation data that no registered data
    version covers.
    """
    region_url = reverse("organisations:region", args=["0"]).removesuffix("0/")
    overview = kabkota_map(
        title=_("The 22 regencies and cities of Nusa Tenggara Timur"), link=lambda code: f"{region_url}{code}/"
    )
    return render(request, "core/home.html", {"overview_map": overview, "headlines": home_page.headlines()})


@require_GET
def about(request: HttpRequest) -> HttpResponse:
    contact = settings.LONTAR_SECURITY_CONTACT.strip()
    href = contact if contact.startswith(("mailto:", "https:")) else (f"mailto:{contact}" if contact else "")
    return render(request, "core/about.html", {"security_contact": contact, "security_contact_href": href})


@require_GET
def pattern_library(request: HttpRequest) -> HttpResponse:
    """Every component of the stylesheet and every chart helper, with sample data."""
    selected = patterns.selected_region(request.GET.get("wilayah"))
    tab = request.GET.get("tab") if request.GET.get("tab") in patterns.TABS else patterns.TABS[0]
    paginator = Paginator(range(1, 121), 10)
    context = {
        "charts": patterns.pattern_charts(selected=selected),
        "selected_name": patterns.region_names()[selected],
        "form": patterns.demo_form(),
        "tab": tab,
        "page_obj": paginator.get_page(request.GET.get("page")),
    }
    return render(request, "core/patterns.html", context)


@require_GET
def signing_key(request: HttpRequest) -> HttpResponse:
    """The public key that checks the signatures of issued documents (PEM)."""
    if not signing.available():
        raise Http404
    response = HttpResponse(signing.public_key_pem(), content_type="application/x-pem-file; charset=us-ascii")
    response["Content-Disposition"] = 'inline; filename="lontar-signing-key.pem"'
    response["Cache-Control"] = "public, max-age=3600"
    return response


@require_GET
def security_txt(request: HttpRequest) -> HttpResponse:
    """RFC 9116: where to report a vulnerability in this deployment (LONTAR_SECURITY_CONTACT)."""
    contact = settings.LONTAR_SECURITY_CONTACT.strip()
    if not contact:
        raise Http404
    if not contact.startswith(("mailto:", "https:")):
        contact = f"mailto:{contact}"
    base = settings.BASE_URL.rstrip("/")
    expires = (timezone.now() + timedelta(days=365)).replace(microsecond=0).isoformat()
    lines = [
        f"Contact: {contact}",
        f"Expires: {expires}",
        "Preferred-Languages: id, en",
        f"Canonical: {base}/.well-known/security.txt",
        f"Policy: {base}/tentang/#keamanan",
    ]
    response = HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "public, max-age=3600"
    return response


API_PREFIX = "/api/"


def _api_problem(request: HttpRequest, status: int, title: str) -> HttpResponse:
    """Errors under /api/ that never reached an API endpoint still answer problem+json."""
    body = {"type": "about:blank", "title": title, "status": status, "instance": request.path}
    return HttpResponse(json.dumps(body, ensure_ascii=False), status=status, content_type="application/problem+json")


def error_400(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Bad requests caught by Django itself: a body over DATA_UPLOAD_MAX_MEMORY_SIZE answers 413."""
    too_big = isinstance(exception, (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent))
    status = 413 if too_big else 400
    if too_big:
        limit_mb = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)
        title = _("The request is too large: at most %(mb)s MB of data and %(fields)s fields per request.") % {
            "mb": limit_mb,
            "fields": settings.DATA_UPLOAD_MAX_NUMBER_FIELDS,
        }
    else:
        title = _("The request could not be understood.")
    if request.path.startswith(API_PREFIX):
        return _api_problem(request, status, title)
    return render(request, "errors/400.html", {"status": status, "title": title}, status=status)


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if request.path.startswith(API_PREFIX):
        return _api_problem(request, 403, _("Access denied."))
    return render(request, "errors/403.html", status=403)


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if request.path.startswith(API_PREFIX):
        return _api_problem(request, 404, _("Not found."))
    return render(request, "errors/404.html", status=404)


def error_500(request: HttpRequest) -> HttpResponse:
    """The 500 page, or a 503 with Retry-After when the database, Redis or S3 is down (lontar.core.outage).

    Django calls it while handling the exception, so ``sys.exc_info()`` is that exception."""
    cause = outage.outage_cause(sys.exc_info()[1])
    if cause:
        return outage.unavailable(request, cause)
    if request.path.startswith(API_PREFIX):
        return _api_problem(request, 500, _("Internal server error."))
    # No context processors that could fail again: a plain render of a self-contained template.
    return allow_own_styles(HttpResponse(loader.get_template("errors/500.html").render({}), status=500))
