"""The public report page (annual / semester) and its PDF and XLSX downloads."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from lontar.core.spreadsheets import XLSX_TYPE
from lontar.ppid import ratelimit
from lontar.ppid.forms.report import ReportForm
from lontar.ppid.report import cache as report_cache
from lontar.ppid.report import render as report_render
from lontar.ppid.report.data import report_years
from lontar.ppid.selectors import requests as request_selectors
from lontar.ppid.views._helpers import too_many

CONTENT_TYPES = {"pdf": "application/pdf", "xlsx": XLSX_TYPE}
#: files built (not served from the cache) per IP address: a PDF costs seconds of CPU
FILE_BUILDS = ratelimit.Limit("ppid-report-file", max_hits=20, window_seconds=10 * 60)


def _form(request: HttpRequest) -> ReportForm:
    years = report_years()
    data = request.GET.copy()
    if not data.get("tahun"):
        data["tahun"] = str(years[0])
    bodies = list(request_selectors.public_bodies().order_by("kind", "organisation__region_id", "organisation__name"))
    return ReportForm(data, years=years, bodies=bodies)


def _invalid(request: HttpRequest, form: ReportForm) -> HttpResponse:
    return render(request, "ppid/report.html", {"form": form}, status=400)


@require_GET
def report_page(request: HttpRequest) -> HttpResponse:
    """Figures, charts with data tables, and links to the PDF and XLSX of the chosen period."""
    form = _form(request)
    if not form.is_valid():
        return _invalid(request, form)
    year, semester, body = form.selection()
    report, _version = report_cache.cached_report(year, semester, body)
    context = {
        "form": form,
        "report": report,
        "period": report_render.period_label(report),
        "scope": report_render.scope_label(report),
        "sections": report_render.display_sections(report, report_render.charts(report)),
        "query": urlencode(
            {k: v for k, v in (("tahun", year), ("semester", semester), ("badan", body.slug if body else "")) if v}
        ),
    }
    return render(request, "ppid/report.html", context)


@require_GET
def report_download(request: HttpRequest, fmt: str) -> HttpResponse:
    form = _form(request)
    if not form.is_valid():
        return _invalid(request, form)
    year, semester, body = form.selection()
    report, version = report_cache.cached_report(year, semester, body)
    if not report_cache.file_is_cached(fmt, report, body, version) and not ratelimit.hit_request(FILE_BUILDS, request):
        return too_many(request, FILE_BUILDS)
    content = report_cache.cached_file(fmt, report, body, version)
    name = f"laporan-ppid-{year}" + (f"-s{semester}" if semester else "") + (f"-{body.code}" if body else "")
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
