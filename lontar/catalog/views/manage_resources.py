"""Staff pages for the resources of a dataset and their data dictionary."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from lontar.accounts.decorators import role_required
from lontar.catalog import roles, services
from lontar.catalog.forms import ColumnFormSet, ResourceForm
from lontar.catalog.models import VariableMetadata
from lontar.catalog.selectors.manage import dataset_get_for_actor, resource_get_for_actor
from lontar.catalog.views.manage import dataset_crumbs
from lontar.core.errors import apply_errors
from lontar.core.htmx import HtmxHttpRequest
from lontar.datastore.selectors import table_by_id


def _editable(request: HttpRequest, pk: Any) -> Any:
    """The dataset, if the actor may edit it: 404 when they may not even see it, else 403."""
    dataset = dataset_get_for_actor(actor=request.user, pk=pk)
    if not roles.can_produce(request.user, dataset.organisation):
        raise PermissionDenied
    return dataset


def _resource_errors(form: ResourceForm, exc: ValidationError) -> None:
    """The service's errors on the form; its ``file`` errors go next to the form's ``upload`` field."""
    if hasattr(exc, "error_dict") and "file" in exc.error_dict:
        exc = ValidationError({("upload" if k == "file" else k): v for k, v in exc.error_dict.items()})
    apply_errors(form, exc)


def _resource_of(request: HttpRequest, dataset: Any, rid: Any) -> Any:
    """Resource ``rid`` of ``dataset``; another dataset's answers 404 exactly like a missing one."""
    resource = resource_get_for_actor(actor=request.user, pk=rid)
    if resource.dataset_id != dataset.pk:
        raise Http404
    return resource


@require_http_methods(["GET", "POST"])
@role_required(*roles.CATALOG_ROLES)  # the dataset first: 404 unless visible, then 403
def resource_add(request: HttpRequest, pk: Any) -> HttpResponse:
    dataset = _editable(request, pk)
    form = ResourceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "upload"}
        try:
            resource = services.resource_add(
                actor=request.user, dataset=dataset, data=data, upload=form.cleaned_data.get("upload")
            )
        except ValidationError as exc:
            _resource_errors(form, exc)
        else:
            messages.success(request, _("The resource is added."))
            if resource.is_tabular:
                return redirect("catalog:manage_columns", pk=dataset.pk, rid=resource.pk)
            return redirect("catalog:manage_detail", pk=dataset.pk)
    status = 400 if form.is_bound else 200
    context = {
        "form": form,
        "dataset": dataset,
        "resource": None,
        "breadcrumbs": dataset_crumbs(dataset, _("Add a resource")),
    }
    return render(request, "catalog/manage/resource_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
@role_required(*roles.CATALOG_ROLES)  # the dataset first: 404 unless visible, then 403
def resource_edit(request: HttpRequest, pk: Any, rid: Any) -> HttpResponse:
    dataset = _editable(request, pk)
    resource = _resource_of(request, dataset, rid)
    form = ResourceForm(request.POST or None, request.FILES or None, instance=resource)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "upload"}
        try:
            services.resource_update(
                actor=request.user, resource=resource, data=data, upload=form.cleaned_data.get("upload")
            )
        except ValidationError as exc:
            _resource_errors(form, exc)
        else:
            messages.success(request, _("The resource is saved."))
            return redirect("catalog:manage_detail", pk=dataset.pk)
    status = 400 if form.is_bound else 200
    context = {
        "form": form,
        "dataset": dataset,
        "resource": resource,
        "breadcrumbs": dataset_crumbs(dataset, resource.name),
    }
    return render(request, "catalog/manage/resource_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
@role_required(*roles.CATALOG_ROLES)  # the dataset first: 404 unless visible, then 403
def resource_remove(request: HttpRequest, pk: Any, rid: Any) -> HttpResponse:
    dataset = _editable(request, pk)
    resource = _resource_of(request, dataset, rid)
    error = ""
    if request.method == "POST":
        try:
            services.resource_remove(actor=request.user, resource=resource)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("The resource is removed from the draft."))
            return redirect("catalog:manage_detail", pk=dataset.pk)
    context = {
        "dataset": dataset,
        "resource": resource,
        "error": error,
        "breadcrumbs": dataset_crumbs(dataset, resource.name),
    }
    return render(request, "catalog/manage/resource_remove.html", context, status=400 if error else 200)


def _initial_columns(resource: Any) -> list[dict[str, Any]]:
    return [
        {
            "name": c.name,
            "label": c.label,
            "type": c.type,
            "unit": c.unit,
            "reference_kind": c.reference_kind,
            "description": c.description,
            "variable": c.variable,
        }
        for c in resource.columns.all()
    ]


#: seconds between two looks at the load's progress (htmx polling, or the meta refresh without JavaScript)
POLL_SECONDS = 2
STATUS_ID = "ingest-status"


@require_http_methods(["GET", "POST"])
@role_required(*roles.CATALOG_ROLES)  # the dataset first: 404 unless visible, then 403
def columns(request: HtmxHttpRequest, pk: Any, rid: Any) -> HttpResponse:
    """The data dictionary. While the uploaded file is still being loaded the page shows "diproses"
    with the load's progress and looks again every two seconds (htmx polls the ``ingest_status``
    partial; without JavaScript a meta refresh reloads the page); once loaded, the columns the
    datastore inferred, or the error that stopped the load."""
    dataset = _editable(request, pk)
    resource = _resource_of(request, dataset, rid)
    if not resource.is_tabular:
        raise Http404
    table = table_by_id(resource.datastore_table_id)
    processing = table is not None and table.is_loading
    if request.htmx and request.htmx.target == STATUS_ID and request.method == "GET":
        if processing:
            context = {
                "dataset": dataset,
                "resource": resource,
                "table": table,
                "poll_seconds": POLL_SECONDS,
                "status_id": STATUS_ID,
            }
            return render(request, "catalog/manage/columns.html#ingest_status", context)
        done = HttpResponse(status=204)
        done["HX-Refresh"] = "true"  # loaded (or failed): the whole page, with the inferred columns
        return done
    variables = VariableMetadata.objects.filter(activity__organisation=dataset.organisation)
    formset = ColumnFormSet(
        request.POST or None, initial=None if request.method == "POST" else _initial_columns(resource)
    )
    for form in formset.forms:
        cast(forms.ModelChoiceField, form.fields["variable"]).queryset = variables
    if request.method == "POST" and formset.is_valid():
        rows = [
            f.cleaned_data
            for f in formset.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE") and f.cleaned_data.get("name")
        ]
        try:
            services.columns_set(actor=request.user, resource=resource, columns=rows)
        except ValidationError as exc:
            formset._non_form_errors = formset.error_class(exc.messages)  # type: ignore[attr-defined]  # private
        else:
            messages.success(request, _("The data dictionary is saved."))
            return redirect("catalog:manage_detail", pk=dataset.pk)
    status = 400 if formset.is_bound else 200
    context = {
        "formset": formset,
        "dataset": dataset,
        "resource": resource,
        "table": table,
        "processing": processing,
        "poll_seconds": POLL_SECONDS,
        "status_id": STATUS_ID,
        "breadcrumbs": dataset_crumbs(dataset, _("Data dictionary")),
    }
    return render(request, "catalog/manage/columns.html", context, status=status)


@role_required(*roles.CATALOG_ROLES)
def resource_download(request: HttpRequest, pk: Any, rid: Any) -> HttpResponseBase:
    """The draft file, for the people working on the dataset (never public)."""
    dataset = dataset_get_for_actor(actor=request.user, pk=pk)
    resource = _resource_of(request, dataset, rid)
    if not resource.file:
        raise Http404
    return FileResponse(resource.file.open("rb"), as_attachment=True, filename=resource.original_filename or "berkas")
