"""Public DIP pages (all bodies, one body), a DIP entry's document, and the list of exempt information.

Lists are filterable and exported as CSV or XLSX with the same filters (formula cells escaped by
:mod:`lontar.ppid.exports`). Nothing here shows who created a record or any requester's data.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from lontar.ppid import exports
from lontar.ppid.forms.dip import DikFilterForm, DipFilterForm
from lontar.ppid.models import ConsequenceTest, DipEntry, PublicBody
from lontar.ppid.selectors import dip as dip_selectors
from lontar.ppid.selectors import requests as request_selectors

PAGE_SIZE = 50
EXPORT_FORMATS = ("csv", "xlsx")


def _bodies() -> Any:
    return request_selectors.public_bodies().order_by("kind", "organisation__region_id", "organisation__name")


def dataset_url(request: HttpRequest, entry: DipEntry) -> str:
    name = getattr(entry, "dataset_public_name", None)
    return request.build_absolute_uri(reverse("catalog:detail", args=[name])) if name else ""


def document_url(request: HttpRequest, entry: DipEntry) -> str:
    if entry.is_exempt:
        return ""
    if entry.document:
        return request.build_absolute_uri(reverse("ppid:dip_document", args=[entry.pk]))
    return entry.document_url


def dip_header() -> list[str]:
    return [
        _("Number"),
        _("Public body"),
        _("Summary of the information"),
        _("Official or unit holding the information"),
        _("Person responsible for issuing it"),
        _("Time made"),
        _("Year"),
        _("Place made"),
        _("Form of the information"),
        _("Retention period"),
        _("Category"),
        _("Satu Data dataset"),
        _("Document"),
        _("Sample data"),
    ]


def dip_rows(request: HttpRequest, qs: Any) -> Iterator[list[Any]]:
    for e in qs.iterator(chunk_size=500):
        yield [
            e.number,
            e.body.organisation.name,
            e.summary,
            e.holder,
            e.responsible,
            e.made_when,
            e.year,
            e.made_where,
            e.get_form_display(),
            e.retention,
            e.get_category_display(),
            dataset_url(request, e),
            document_url(request, e),
            _("data contoh") if e.is_sample else "",
        ]


def _export(fmt: str, name: str, header: list[str], rows: Iterator[list[Any]]) -> HttpResponseBase:
    stamp = f"{name}-{timezone.localdate():%Y%m%d}"
    if fmt == "csv":
        return exports.csv_response(stamp, header, rows)
    return exports.xlsx_response(stamp, name, header, rows)


def _dip_page(request: HttpRequest, *, body: PublicBody | None) -> HttpResponseBase:
    form = DipFilterForm(request.GET or None, bodies=_bodies(), with_body=body is None)
    qs = dip_selectors.dip_public(form.filters(body=body))
    if form.errors:
        qs = qs.none()
    fmt = request.GET.get("format", "")
    if fmt in EXPORT_FORMATS and not form.errors:
        name = f"dip-{body.slug}" if body else "dip"
        return _export(fmt, name, dip_header(), dip_rows(request, qs))
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(e, dataset_url(request, e), document_url(request, e)) for e in page.object_list]
    context = {"form": form, "body": body, "page_obj": page, "rows": rows}
    return render(request, "ppid/dip.html", context, status=400 if form.errors else 200)


@require_GET
def dip_list(request: HttpRequest) -> HttpResponseBase:
    """Daftar Informasi Publik of every body, filterable by body, category, year and text."""
    return _dip_page(request, body=None)


@require_GET
def body_dip(request: HttpRequest, slug: str) -> HttpResponseBase:
    """One body's Daftar Informasi Publik."""
    return _dip_page(request, body=request_selectors.public_body_get(slug=slug[:120]))


@require_GET
def dip_document(request: HttpRequest, pk: int) -> FileResponse:
    """The uploaded document of a public (not exempt) DIP entry."""
    entry = dip_selectors.dip_public_get(pk)
    if entry.is_exempt or not entry.document:
        raise Http404
    return FileResponse(
        entry.document.open("rb"),
        as_attachment=True,
        filename=entry.document_name or f"dip-{entry.pk}",
        content_type=entry.document_content_type or "application/octet-stream",
    )


def dik_header() -> list[str]:
    return [
        _("Public body"),
        _("Information or document"),
        _("Exempted parts"),
        _("Ground (Pasal 17 UU 14/2008)"),
        _("Legal basis"),
        _("Harm if opened"),
        _("Public interest in opening it"),
        _("How long it stays closed"),
        _("Closed until"),
        _("Decided by"),
        _("Decided on"),
        _("Sample data"),
    ]


def dik_rows(qs: Any) -> Iterator[list[Any]]:
    for t in qs.iterator(chunk_size=500):
        yield [
            t.body.organisation.name,
            t.information,
            t.exempted_parts,
            t.get_ground_display(),
            t.legal_basis,
            t.harm,
            t.public_interest,
            t.closed_period,
            t.closed_until,
            t.decided_by,
            t.decided_on,
            _("data contoh") if t.is_sample else "",
        ]


@require_GET
def dik_list(request: HttpRequest) -> HttpResponseBase:
    """Daftar Informasi yang Dikecualikan: every consequence test of the active bodies."""
    form = DikFilterForm(request.GET or None, bodies=_bodies())
    qs = dip_selectors.dik_public(form.body_pk())
    if form.errors:
        qs = qs.none()
    fmt = request.GET.get("format", "")
    if fmt in EXPORT_FORMATS and not form.errors:
        return _export(fmt, "informasi-dikecualikan", dik_header(), dik_rows(qs))
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    tests: list[ConsequenceTest] = list(page.object_list)
    context = {"form": form, "page_obj": page, "tests": tests}
    return render(request, "ppid/dik.html", context, status=400 if form.errors else 200)
