"""Staff pages under /konektivitas/kelola/: sites (scoped list, create, edit, deactivate), connections
(add, end) and the site import (upload → report → confirm). Thin views over the services."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from lontar.accounts.decorators import role_required
from lontar.core.errors import apply_errors, flash_errors
from lontar.konektivitas import forms_staff as forms
from lontar.konektivitas.import_checks import ALIASES
from lontar.konektivitas.permissions import MANAGER_ROLES
from lontar.konektivitas.selectors import imports as import_selectors
from lontar.konektivitas.selectors import sites as selectors
from lontar.konektivitas.services import connections as connection_services
from lontar.konektivitas.services import imports as import_services
from lontar.konektivitas.services import sites as site_services

manager_required = role_required(*MANAGER_ROLES)
PAGE_SIZE = 50
TEMPLATE_COLUMNS = ("kode", "nama", "jenis", "kode_desa", "lintang", "bujur", "npsn", "kode_puskesmas", "organisasi")


def _site_fields(form: forms.SiteForm) -> dict[str, Any]:
    data = dict(form.cleaned_data)
    for name in ("code", "desa_code", "organisation"):
        data.pop(name, None)
    return data


@manager_required
def site_list(request: HttpRequest) -> HttpResponse:
    filters_form = forms.SiteFilterForm(request.GET or None)
    q = kind = ""
    if filters_form.is_valid():
        q, kind = filters_form.cleaned_data["q"], filters_form.cleaned_data["kind"]
    sites = selectors.site_list_for_actor(
        actor=request.user, filters=selectors.SiteFilters(q=q, kind=kind, active_only=False)
    ).select_related("kabupaten", "organisation")
    page = Paginator(sites, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "filters": filters_form,
        "imports": import_selectors.import_batches_for_actor(actor=request.user)[:5],
    }
    return render(request, "konektivitas/staff/site_list.html", context)


@manager_required
@require_http_methods(["GET", "POST"])
def site_create(request: HttpRequest) -> HttpResponse:
    form = forms.SiteForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            site = site_services.site_create(
                actor=request.user,
                organisation=form.cleaned_data["organisation"],
                code=form.cleaned_data["code"],
                desa_code=form.cleaned_data["desa_code"],
                **_site_fields(form),
            )
        except ValidationError as exc:
            apply_errors(form, _renamed(exc))
        else:
            messages.success(request, _("Site %(code)s registered.") % {"code": site.code})
            return redirect("konektivitas:staff_site", pk=site.pk)
    return render(request, "konektivitas/staff/site_form.html", {"form": form, "site": None})


def _renamed(exc: ValidationError) -> ValidationError:
    """The services call the desa ``desa``; the form's field is ``desa_code``."""
    if hasattr(exc, "error_dict") and "desa" in exc.error_dict:
        return ValidationError({("desa_code" if k == "desa" else k): v for k, v in exc.error_dict.items()})
    return exc


@manager_required
@require_http_methods(["GET", "POST"])
def site_edit(request: HttpRequest, pk: int) -> HttpResponse:
    site = selectors.site_get_for_actor(actor=request.user, pk=pk)
    form = forms.SiteForm(request.POST or None, instance=site, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            site_services.site_update(
                actor=request.user, site=site, desa_code=form.cleaned_data["desa_code"], **_site_fields(form)
            )
        except ValidationError as exc:
            apply_errors(form, _renamed(exc))
        else:
            messages.success(request, _("Site %(code)s saved.") % {"code": site.code})
            return redirect("konektivitas:staff_site", pk=site.pk)
    context = {
        "form": form,
        "site": site,
        "connections": selectors.site_connections(site),
        "deactivate": forms.DeactivateForm(),
        "end_form": forms.ConnectionEndForm(),
    }
    return render(request, "konektivitas/staff/site_form.html", context)


@manager_required
@require_POST
def site_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    site = selectors.site_get_for_actor(actor=request.user, pk=pk)
    form = forms.DeactivateForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Give the reason the site is deactivated."))
        site_services.site_deactivate(actor=request.user, site=site, reason=form.cleaned_data["reason"])
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("Site %(code)s deactivated.") % {"code": site.code})
    return redirect("konektivitas:staff_site", pk=site.pk)


@manager_required
@require_http_methods(["GET", "POST"])
def connection_add(request: HttpRequest, pk: int) -> HttpResponse:
    site = selectors.site_get_for_actor(actor=request.user, pk=pk)
    form = forms.ConnectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            fields = {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
            connection_services.connection_add(actor=request.user, site=site, **fields)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Connection added."))
            return redirect("konektivitas:staff_site", pk=site.pk)
    return render(request, "konektivitas/staff/connection_form.html", {"form": form, "site": site})


@manager_required
@require_POST
def connection_end(request: HttpRequest, pk: int) -> HttpResponse:
    connection = selectors.connection_get_for_actor(actor=request.user, pk=pk)
    form = forms.ConnectionEndForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Choose how the connection ended."))
        connection_services.connection_end(
            actor=request.user,
            connection=connection,
            status=form.cleaned_data["status"],
            valid_to=form.cleaned_data["valid_to"],
        )
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("Connection ended."))
    return redirect("konektivitas:staff_site", pk=connection.site_id)


@manager_required
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest) -> HttpResponse:
    form = forms.ImportUploadForm(request.POST or None, request.FILES or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            batch = import_services.import_upload(
                actor=request.user, organisation=form.cleaned_data["organisation"], upload=form.cleaned_data["file"]
            )
        except ValidationError as exc:
            apply_errors(form, exc, "file")
        else:
            return redirect("konektivitas:staff_import", pk=batch.pk)
    context = {
        "form": form,
        "columns": TEMPLATE_COLUMNS,
        "aliases": sorted(ALIASES),
        "batches": import_selectors.import_batches_for_actor(actor=request.user)[:20],
    }
    return render(request, "konektivitas/staff/import_upload.html", context)


@manager_required
@require_http_methods(["GET", "POST"])
def import_report(request: HttpRequest, pk: int) -> HttpResponse:
    batch = import_selectors.import_batch_get_for_actor(actor=request.user, pk=pk)
    form = forms.ImportApplyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            import_services.import_apply(actor=request.user, batch=batch, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
            batch.refresh_from_db()
        else:
            messages.success(
                request,
                _("Imported: %(created)s new site(s), %(updated)s updated, %(skipped)s row(s) left out.")
                % {"created": batch.created_count, "updated": batch.updated_count, "skipped": batch.skipped_count},
            )
            return redirect("konektivitas:staff_import", pk=batch.pk)
    return render(
        request, "konektivitas/staff/import_report.html", {"batch": batch, "report": batch.report, "form": form}
    )


@manager_required
def import_report_json(request: HttpRequest, pk: int) -> JsonResponse:
    batch = import_selectors.import_batch_get_for_actor(actor=request.user, pk=pk)
    return JsonResponse(
        {
            "id": batch.pk,
            "file_name": batch.file_name,
            "status": batch.status,
            "created_count": batch.created_count,
            "updated_count": batch.updated_count,
            "skipped_count": batch.skipped_count,
            **batch.report,
        },
        json_dumps_params={"ensure_ascii": False},
    )


@manager_required
def import_template(request: HttpRequest) -> HttpResponse:
    """An empty CSV with the columns the import reads (one example row, data contoh)."""
    example = (
        "CONTOH-001",
        "SD Negeri Contoh (data contoh)",
        "sekolah",
        "53.71.01.1001",
        "-10.1772",
        "123.6070",
        "",
        "",
        "",
    )
    body = ",".join(TEMPLATE_COLUMNS) + "\r\n" + ",".join(example) + "\r\n"
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="templat-titik-layanan.csv"'
    return response
