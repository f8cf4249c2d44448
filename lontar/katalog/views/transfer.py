"""Export of one instansi's registry in the SIA-SPBE layout, and import of the same layout."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from lontar.accounts.decorators import role_required
from lontar.core.spreadsheets import XLSX_TYPE
from lontar.katalog.forms import ImportForm
from lontar.katalog.policies import application_policy, asset_policy, may_manage, service_policy
from lontar.katalog.selectors import staff as selectors
from lontar.katalog.sia import export, importer
from lontar.katalog.views.common import MANAGERS, staff_crumbs
from lontar.organisations.selectors import organisation_by_slug

VISIBLE = {"aplikasi": application_policy, "aset": asset_policy, "layanan": service_policy}


@require_GET
@role_required(*MANAGERS)
def export_view(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    """``/kelola/ekspor/<instansi>.xlsx`` (three sheets) or ``.csv?jenis=aplikasi|aset|layanan``."""
    instansi = organisation_by_slug(slug)
    if (
        fmt not in ("xlsx", "csv")
        or instansi is None
        or instansi.kind != "instansi"
        or not may_manage(request.user, instansi)
    ):
        raise Http404
    sheets = {kind: export.rows_for(kind, VISIBLE[kind].visible(request.user), instansi) for kind in VISIBLE}
    if fmt == "xlsx":
        body, content_type = export.export_xlsx(sheets), XLSX_TYPE
        name = f"sia-spbe-{slug}.xlsx"
    else:
        kind = request.GET.get("jenis", "aplikasi")
        if kind not in sheets:
            raise Http404
        body, content_type = export.export_csv(kind, sheets[kind]), "text/csv; charset=utf-8"
        name = f"sia-spbe-{slug}-{kind}.csv"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_http_methods(["GET", "POST"])
@role_required(*MANAGERS)
def import_view(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    result = None
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            upload = form.cleaned_data["file"]
            kind = request.POST.get("jenis", "aplikasi")
            try:
                if kind not in importer.LAYOUTS:
                    raise importer.ImportFailed([_("Choose what the CSV file holds.")])
                tables = importer.read_file(upload.name, upload.read(importer.MAX_BYTES + 1), kind)
                result = importer.import_tables(actor=request.user, tables=tables)
            except importer.ImportFailed as exc:
                errors = exc.errors
            else:
                status = 200
                messages.success(request, _("The file is imported."))
    context = {
        "form": form,
        "errors": errors,
        "result": result,
        "instansi": selectors.organisations_for_actor(request.user).filter(kind="instansi"),
        "breadcrumbs": staff_crumbs((_("Export and import (SIA-SPBE)"), "")),
    }
    return render(request, "katalog/manage/import.html", context, status=status)
