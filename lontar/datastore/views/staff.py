"""Staff pages: upload a file, watch the load, review types and the report, activate."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lontar.accounts.decorators import role_required
from lontar.core.htmx import HtmxHttpRequest
from lontar.datastore.forms import ReviewForm, UploadForm
from lontar.datastore.ingest.errors import IngestError
from lontar.datastore.ingest.pipeline import LAYOUT_KEY
from lontar.datastore.ingest.report import ValidationReport
from lontar.datastore.models import DatastoreTable, TableStatus
from lontar.datastore.naming import public_name, public_names
from lontar.datastore.permissions import LOAD, LOAD_ROLES, can_publish
from lontar.datastore.query import engine
from lontar.datastore.query.values import output_rows
from lontar.datastore.selectors import table_get_for_actor, tables_for_actor
from lontar.datastore.services import (
    DatastoreError,
    datastore_activate,
    datastore_ingest_enqueue,
    datastore_set_public,
)
from lontar.datastore.services.lifecycle import is_owned
from lontar.datastore.views.common import json_response
from lontar.organisations.selectors import organisation_list

PREVIEW_ROWS = 20


def _organisations(user: Any) -> Any:
    """Organisations the user may load data for (their own, and an instansi's OPD)."""
    return LOAD.scope(user).filter(organisation_list().order_by("name"), field="")


@role_required(*LOAD_ROLES)
@require_http_methods(["GET", "POST"])
def table_list(request: HttpRequest) -> HttpResponse:
    """Loaded versions the user may manage, and the upload form."""
    form = UploadForm(request.POST or None, request.FILES or None, organisations=_organisations(request.user))
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        name = default_storage.save(f"datastore/uploads/{uuid.uuid4().hex}/{get_valid_filename(upload.name)}", upload)
        try:
            table = datastore_ingest_enqueue(
                actor=request.user,
                source_file=name,
                source_name=upload.name,
                resource_key=form.cleaned_data["resource_key"],
                organisation=form.cleaned_data["organisation"],
                sheet=form.cleaned_data["sheet"],
            )
        except PermissionDenied as exc:
            default_storage.delete(name)
            form.add_error("organisation", str(exc))
        except IngestError as exc:
            default_storage.delete(name)
            form.add_error("resource_key", exc.message)
        else:
            return redirect("datastore:detail", pk=table.pk)
    tables = list(tables_for_actor(request.user).order_by("-created_at")[:100])
    names = public_names(t.resource_key for t in tables)
    rows = [(t, names.get(t.resource_key, t.resource_key)) for t in tables]
    return render(request, "datastore/staff_list.html", {"form": form, "tables": rows})


def _preview(table: DatastoreTable) -> tuple[list[str], list[tuple[Any, ...]]]:
    if table.status not in (TableStatus.READY, TableStatus.ACTIVE, TableStatus.RETIRED):
        return [], []
    names = ["_id", *(c["name"] for c in table.columns)]
    columns = ", ".join(f'"{n}"' for n in names)
    sql = f'SELECT {columns} FROM "{table.table_name}" ORDER BY "_id" LIMIT {PREVIEW_ROWS}'  # noqa: S608
    try:
        result = engine.run(sql, (), tables=[table.table_name])
    except engine.QueryError:
        return names, []
    return names, output_rows(result.rows, ["integer", *(c["type"] for c in table.columns)])


@role_required(*LOAD_ROLES)
@require_http_methods(["GET", "POST"])
def table_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Progress while loading (htmx polls the ``progress`` partial every two seconds; without
    JavaScript a meta refresh reloads the page); afterwards the report, a preview, the type review
    form and the publishing buttons."""
    table = table_get_for_actor(actor=request.user, pk=pk)
    owned = is_owned(table.resource_key)
    report = ValidationReport.from_dict(table.report)
    layout = {**report.layout, "choices": (table.column_overrides or {}).get(LAYOUT_KEY) or {}}
    form = ReviewForm(request.POST or None, columns=table.columns, layout=layout) if table.columns else None
    if request.method == "POST" and owned:
        messages.error(request, DatastoreError("catalogue_owned").message)
        return redirect("datastore:detail", pk=table.pk)
    if request.method == "POST" and form is not None and form.is_valid():
        return _reload(request, table, form)
    columns, rows = _preview(table)
    review_rows = []
    own = [c for c in report.columns if not c.derived_from and not c.role]  # the load added the others
    if form is not None and not owned and len(own) == len(form.column_names):
        review_rows = [(c, *fields) for c, fields in zip(own, form.rows(), strict=True)]
    context = {
        "review_rows": review_rows,
        "added_columns": [c for c in report.columns if c.derived_from or c.role],
        "layout": layout,
        "table": table,
        "report": report,
        "form": form,
        "preview_columns": columns,
        "preview_rows": rows,
        "can_publish": can_publish(request.user, table.organisation),
        "visibility_owned": owned,
        "is_catalogue_table": owned,
        "public_name": public_name(table.resource_key),
        "name": public_name(table.resource_key) or table.resource_key,
        "versions": tables_for_actor(request.user).filter(resource_key=table.resource_key).order_by("-version"),
    }
    if request.htmx and request.htmx.target == "progress" and request.method == "GET":
        if table.is_loading:
            return render(request, "datastore/staff_detail.html#progress", context)
        done = HttpResponse(status=204)
        done["HX-Refresh"] = "true"  # loaded (or failed): the whole page, with the report and the columns
        return done
    return render(request, "datastore/staff_detail.html", context)


def _reload(request: HttpRequest, table: DatastoreTable, form: ReviewForm) -> HttpResponse:
    sheet = request.POST.get("sheet", table.sheet)
    try:
        new = datastore_ingest_enqueue(
            actor=request.user,
            source_file=table.source_file,
            source_name=table.source_name,
            resource_key=table.resource_key,
            organisation=table.organisation,
            column_overrides=form.overrides(),
            sheet=sheet if sheet != "" else None,
        )
    except PermissionDenied as exc:
        messages.error(request, str(exc))
        return redirect("datastore:detail", pk=table.pk)
    except IngestError as exc:
        messages.error(request, exc.message)
        return redirect("datastore:detail", pk=table.pk)
    messages.success(request, _("The file is being loaded again with your column types."))
    return redirect("datastore:detail", pk=new.pk)


@role_required(*LOAD_ROLES)
@require_POST
def table_activate(request: HttpRequest, pk: int) -> HttpResponse:
    table = table_get_for_actor(actor=request.user, pk=pk)
    try:
        datastore_activate(actor=request.user, table=table)
    except DatastoreError as exc:
        messages.error(request, exc.message)
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("This version is now the one served for %(key)s.") % {"key": table.resource_key})
    return redirect("datastore:detail", pk=table.pk)


@role_required(*LOAD_ROLES)
@require_POST
def table_visibility(request: HttpRequest, pk: int) -> HttpResponse:
    table = table_get_for_actor(actor=request.user, pk=pk)
    public = request.POST.get("public") == "1"
    try:
        datastore_set_public(actor=request.user, table=table, is_public=public)
    except DatastoreError as exc:
        messages.error(request, exc.message)
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The table is now public.") if public else _("The table is now private."))
    return redirect("datastore:detail", pk=table.pk)


@role_required(*LOAD_ROLES)
@require_GET
def table_report(request: HttpRequest, pk: int) -> HttpResponse:
    """The validation report as JSON (messages in the request's language)."""
    table = table_get_for_actor(actor=request.user, pk=pk)
    body = {
        "id": table.pk,
        "resource_key": table.resource_key,
        "version": table.version,
        "status": table.status,
        "phase": table.phase,
        "rows_done": table.rows_done,
        "rows_total": table.rows_total,
        "percent": table.percent,
        "error": {"code": table.error_code, "message": table.error_message} if table.error_code else None,
        "columns": table.columns,
        "report": ValidationReport.from_dict(table.report).as_dict() if table.report else None,
    }
    return json_response(body)
