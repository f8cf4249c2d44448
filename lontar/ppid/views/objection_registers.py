"""Register keberatan: the staff register (personal columns, exports audited) and the public one."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from lontar.ppid.forms.registers import ObjectionRegisterFilterForm, RegisterFilterForm
from lontar.ppid.models import Objection, PublicBody
from lontar.ppid.registers import objections as registers_objections
from lontar.ppid.registers.table import EXPORT_FORMATS, Column, export_response
from lontar.ppid.selectors import objections as objection_selectors
from lontar.ppid.selectors import requests as request_selectors
from lontar.ppid.services import access_log
from lontar.ppid.views.staff import staff_page

PAGE_SIZE = 50


def _export(fmt: str, name: str, columns: list[Column], qs: QuerySet[Objection]) -> HttpResponseBase:
    return export_response(fmt, name, columns, registers_objections.rows(qs, columns))


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
def staff_register(request: HttpRequest) -> HttpResponseBase:
    """Register of keberatan of the actor's requests with every legal column; exports are audit events."""
    form = ObjectionRegisterFilterForm(request.GET or None, bodies=_staff_bodies(request.user))
    filters = form.filters()
    qs = objection_selectors.objection_register(actor=request.user, filters=filters)
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
def public_register(request: HttpRequest) -> HttpResponseBase:
    """The public register of keberatan: no name, NIK, address, contact or text the requester typed."""
    form = RegisterFilterForm(
        request.GET or None, bodies=request_selectors.public_bodies().order_by("kind", "organisation__region_id")
    )
    qs = registers_objections.register_queryset(Objection.objects.all(), form.filters())
    fmt = request.GET.get("format", "")
    if fmt in EXPORT_FORMATS and not form.errors:
        return _export(fmt, "register-keberatan-publik", registers_objections.PUBLIC_COLUMNS, qs)
    context = {"form": form, **_page(request, qs, registers_objections.PUBLIC_COLUMNS, link=False)}
    return render(request, "ppid/objection_register.html", context, status=400 if form.errors else 200)
