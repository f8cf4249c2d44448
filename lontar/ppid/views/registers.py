"""Register permohonan: the staff register (with personal data, exports audited) and the public one."""

from __future__ import annotations

import hashlib
from typing import Any, cast

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import render
from django.template.defaultfilters import linebreaksbr
from django.utils.functional import cached_property
from django.views.decorators.http import require_GET

from lontar.accounts.decorators import role_required
from lontar.accounts.models import Role
from lontar.ppid.forms.registers import RegisterFilterForm
from lontar.ppid.models import InformationRequest
from lontar.ppid.registers import requests as registers
from lontar.ppid.registers.table import EXPORT_FORMATS, Column, export_response
from lontar.ppid.selectors import requests as request_selectors
from lontar.ppid.services import access_log

PAGE_SIZE = 50


def _export(fmt: str, name: str, columns: list[Column], qs: QuerySet[InformationRequest]) -> HttpResponseBase:
    return export_response(fmt, name, columns, registers.rows(qs, columns))


def _cell(value: Any) -> str:
    """A register cell as HTML: "—" for nothing, else the escaped text with line breaks kept."""
    return "—" if value is None else linebreaksbr(value, autoescape=True)


class CachedCountPaginator(Paginator):
    """Counts the register once per query and data version (a count reads every matching row)."""

    @cached_property
    def count(self) -> int:
        try:
            sql = str(cast(QuerySet, self.object_list).query)
        except EmptyResultSet:  # e.g. an actor without bodies: nothing to count
            return 0
        key = "ppid:register:count:" + hashlib.blake2b(sql.encode(), digest_size=16).hexdigest()
        key += ":" + request_selectors.counts_version()
        value = cache.get(key)
        if value is None:
            value = super().count
            cache.set(key, value, request_selectors.STATISTICS_SECONDS)
        return value

    def page(self, number: Any) -> Page:
        """One page, its rows found in two steps: the page's ids alone (an index walk, from
        whichever end of the register is nearer, so the last page costs what the first does),
        then those 50 rows with their joins — not the joined rows of every page before it
        (OFFSET 500,000 of 1,000,000 requests: bench/scale.py)."""
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)
        qs = cast(QuerySet, self.object_list)
        if bottom > self.count - top:
            ids = list(qs.reverse().values_list("pk", flat=True)[self.count - top : self.count - bottom])[::-1]
        else:
            ids = list(qs.values_list("pk", flat=True)[bottom:top])
        by_id = {r.pk: r for r in qs.filter(pk__in=ids)}
        return Page([by_id[i] for i in ids if i in by_id], number, self)


def _page(request: HttpRequest, qs: QuerySet[InformationRequest], columns: list[Column]) -> dict[str, Any]:
    page = CachedCountPaginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    items = list(page.object_list)
    table: list[list[Any]] = []
    if items:
        builder = registers.RowBuilder(
            min(r.received_on for r in items),
            max(r.received_on for r in items),
            personal=any(c.personal for c in columns),
        )
        # each row built once, each cell escaped here: 50 × 23 template lookups and filters cost more
        table = [[_cell(row[c.key]) for c in columns] for row in map(builder.row, items)]
    return {"page_obj": page, "columns": columns, "table": table}


def _staff_rows(actor: Any) -> QuerySet[InformationRequest]:
    # the ids, not a subquery: PostgreSQL then checks a list instead of two hashed subplans per row
    # when it counts the register (45 instead of 110 ms for the province's 15,000 of 50,000 requests)
    bodies = list(request_selectors.bodies_for_registration(actor).values_list("pk", flat=True))
    return InformationRequest.objects.filter(Q(public_body_id__in=bodies) | Q(assigned_to_id__in=bodies))


@role_required(Role.PPID, Role.ADMIN)
@require_GET
def staff_register(request: HttpRequest) -> HttpResponseBase:
    """The full register for the PPID of the actor's bodies; CSV/XLSX exports are audit events."""
    form = RegisterFilterForm(request.GET or None, bodies=request_selectors.bodies_for_registration(request.user))
    qs = registers.register_queryset(_staff_rows(request.user), form.filters())
    fmt = request.GET.get("format", "")
    if fmt in EXPORT_FORMATS and not form.errors:
        filters = form.filters()
        access_log.register_export_log(
            actor=request.user,
            register="permohonan",
            fmt=fmt,
            date_from=filters.date_from,
            date_to=filters.date_to,
            body=filters.body,
        )
        return _export(fmt, "register-permohonan", registers.COLUMNS, qs)
    context = {"form": form, **_page(request, qs, registers.COLUMNS)}
    return render(request, "ppid/staff/register.html", context, status=400 if form.errors else 200)


@require_GET
def public_register(request: HttpRequest) -> HttpResponseBase:
    """The public register: no name, NIK, address, contact, occupation or typed text."""
    form = RegisterFilterForm(
        request.GET or None, bodies=request_selectors.public_bodies().order_by("kind", "organisation__region_id")
    )
    qs = registers.register_queryset(InformationRequest.objects.defer(*registers.PERSONAL_FIELDS), form.filters())
    fmt = request.GET.get("format", "")
    if fmt in EXPORT_FORMATS and not form.errors:
        return _export(fmt, "register-permohonan-publik", registers.PUBLIC_COLUMNS, qs)
    context = {"form": form, **_page(request, qs, registers.PUBLIC_COLUMNS)}
    return render(request, "ppid/register.html", context, status=400 if form.errors else 200)
