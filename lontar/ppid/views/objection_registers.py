"""Register keberatan: the staff register (personal columns, exports audited) and the public one."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from lontar.ppid import exports, registers_objections
from lontar.ppid.forms.registers import RegisterFilterForm
from lontar.ppid.models import Objection, PublicBody
from lontar.ppid.registers import Column
from lontar.ppid.registers_objections import ObjectionFilters
from lontar.ppid.selectors import objections as objection_selectors
from lontar.ppid.selectors import requests as request_selectors
from lontar.ppid.services import access_log
from lontar.ppid.views.staff import staff_page

PAGE_SIZE = 50
EXPORT_FORMATS = ("csv", "xlsx")


def _filters(form: RegisterFilterForm) -> ObjectionFilters:
    f = form.filters()
    return ObjectionFilters(date_from=f.date_from, date_to=f.date_to, body=f.body)


def _export(fmt: str, name: str, columns: list[Column], qs: QuerySet[Objection]) -> HttpResponse:
    header = [str(c.label) for c in columns]
    stamp = f"{name}-{timezone.localdate():%Y%m%d}"
    rows = registers_objections.rows(qs, columns)
    if fmt == "csv":
        return exports.csv_response(stamp, header, rows)
    return exports.xlsx_response(stamp, name, header, rows)


def _page(request: HttpRequest, qs: QuerySet[Objection], columns: list[Column], link: bool) -> dict[str, Any]:
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    table = []
    for o in page.object_list:
        values = registers_objections.row(o)
        url = reverse("ppid:staff_detail", args=[o.request_id]) if link else ""
        table.append({"url": url, "is_sample": o.is_sample, "cells": [values[c.key] for c in columns]})
    return {"page_obj": page, "columns": columns, "table": table}


def _staff_bodies(actor: Any) -> QuerySet[PublicBody]:
    visible = request_selectors.information_request_visible(actor).order_by()
    ids = set(visible.values_list("public_body_id", flat=True).distinct())
    ids |= set(visible.exclude(assigned_to=None).values_list("assigned_to_id", flat=True).distinct())
    return request_selectors.public_bodies().filter(pk__in=ids).order_by("kind", "organisation__region_id")


@staff_page
@require_GET
def staff_register(request: HttpRequest) -> HttpResponse:
    """Register of keberatan of the actor's requests with every legal column; exports are audit events."""
    form = RegisterFilterForm(request.GET or None, bodies=_staff_bodies(request.user))
    filters = _filters(form)
    qs = objection_selectors.objection_register(
        actor=request.user,
        filters=objection_selectors.RegisterFilters(
            body=filters.body, date_from=filters.date_from, date_to=filters.date_to
        ),
    )
    fmt = request.GET.get("format", "")
    if fmt in EXPORT_FORMATS and not form.errors:
        access_log.register_export_log(
            actor=request.user,
            register="keberatan",
            fmt=fmt,
            date_from=filters.date_from,
            date_to=filters.date_to,
            body=filters.body,
        )
        return _export(fmt, "register-keberatan", registers_objections.COLUMNS, qs)
    context = {"form": form, **_page(request, qs, registers_objections.COLUMNS, link=True)}
    return render(request, "ppid/staff/objections.html", context, status=400 if form.errors else 200)


@require_GET
def public_register(request: HttpRequest) -> HttpResponse:
    """The public register of keberatan: no name, NIK, address, contact or text the requester typed."""
    form = RegisterFilterForm(
        request.GET or None, bodies=request_selectors.public_bodies().order_by("kind", "organisation__region_id")
    )
    qs = registers_objections.register_queryset(Objection.objects.all(), _filters(form))
    fmt = request.GET.get("format", "")
    if fmt in EXPORT_FORMATS and not form.errors:
        return _export(fmt, "register-keberatan-publik", registers_objections.PUBLIC_COLUMNS, qs)
    context = {"form": form, **_page(request, qs, registers_objections.PUBLIC_COLUMNS, link=False)}
    return render(request, "ppid/objection_register.html", context, status=400 if form.errors else 200)
