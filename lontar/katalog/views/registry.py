"""Staff pages of infrastructure assets and services: list with filters, create/edit, detail."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lontar.accounts.decorators import role_required
from lontar.core.errors import apply_errors
from lontar.katalog import services
from lontar.katalog.asset_types import attributes_of
from lontar.katalog.forms import AssetForm, SecurityAuditForm, ServiceForm
from lontar.katalog.models import AssetKind, AssetStatus, InfrastructureAsset, Service, ServiceKind
from lontar.katalog.selectors import staff as selectors
from lontar.katalog.views.common import MANAGERS, filters_from, page_of, staff_crumbs


def _crumbs(kind: str, *extra: tuple[Any, str]) -> list[tuple[Any, str]]:
    if kind == "asset":
        return staff_crumbs((_("Infrastructure"), reverse("katalog:manage_assets")), *extra)
    return staff_crumbs((_("Services"), reverse("katalog:manage_services")), *extra)


# ---- infrastructure assets -----------------------------------------------------------------------


@require_GET
@role_required(*MANAGERS)
def asset_list(request: HttpRequest) -> HttpResponse:
    filters = filters_from(request)
    context = {
        "page_obj": page_of(request, selectors.assets_for_actor(request.user, filters)),
        "filters": filters,
        "kinds": AssetKind.choices,
        "statuses": AssetStatus.choices,
        "organisations": selectors.organisations_for_actor(request.user),
        "breadcrumbs": _crumbs("asset"),
    }
    return render(request, "katalog/manage/assets.html", context)


def _asset_detail(request: HttpRequest, asset: InfrastructureAsset, status: int = 200, **forms: Any) -> HttpResponse:
    attributes = [
        (a.label, asset.attributes.get(a.name)) for a in attributes_of(asset.kind) if a.name in asset.attributes
    ]
    context = {
        "asset": asset,
        "attributes": attributes,
        "hosted": asset.hosted_applications.order_by("name"),
        "audits": selectors.security_audits(asset),
        "history": selectors.history(asset),
        "audit_form": forms.get("audit_form") or SecurityAuditForm(),
        "breadcrumbs": _crumbs("asset", (asset.name, "")),
    }
    return render(request, "katalog/manage/asset_detail.html", context, status=status)


@require_GET
@role_required(*MANAGERS)
def asset_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _asset_detail(request, selectors.asset_get_for_actor(actor=request.user, pk=pk))


def _asset_form(request: HttpRequest, asset: InfrastructureAsset | None) -> HttpResponse:
    form = AssetForm(request.POST or None, actor=request.user, instance=asset)
    if request.method == "POST" and form.is_valid():
        values = form.values()
        try:
            if asset is None:
                asset = services.asset_create(
                    actor=request.user, organisation=values.pop("organisation"), values=values
                )
            else:
                services.asset_update(actor=request.user, asset=asset, values=values)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The asset is saved."))
            return redirect("katalog:manage_asset", asset.pk)
    title = _("Edit asset") if asset else _("Register an infrastructure asset")
    context = {"form": form, "title": title, "record": asset, "breadcrumbs": _crumbs("asset", (title, ""))}
    return render(request, "katalog/manage/form.html", context, status=400 if form.is_bound else 200)


@require_http_methods(["GET", "POST"])
@role_required(*MANAGERS)
def asset_create(request: HttpRequest) -> HttpResponse:
    return _asset_form(request, None)


@require_http_methods(["GET", "POST"])
@role_required(*MANAGERS)
def asset_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _asset_form(request, selectors.asset_get_for_actor(actor=request.user, pk=pk))


@require_POST
@role_required(*MANAGERS)
def asset_audit(request: HttpRequest, pk: int) -> HttpResponse:
    asset = selectors.asset_get_for_actor(actor=request.user, pk=pk)
    form = SecurityAuditForm(request.POST)
    if form.is_valid():
        try:
            services.security_audit_record(actor=request.user, asset=asset, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The security audit is recorded."))
            return redirect("katalog:manage_asset", asset.pk)
    return _asset_detail(request, asset, 400, audit_form=form)


# ---- services (layanan) --------------------------------------------------------------------------


@require_GET
@role_required(*MANAGERS)
def service_list(request: HttpRequest) -> HttpResponse:
    filters = filters_from(request)
    context = {
        "page_obj": page_of(
            request, selectors.services_for_actor(request.user, filters).prefetch_related("applications")
        ),
        "filters": filters,
        "kinds": ServiceKind.choices,
        "organisations": selectors.organisations_for_actor(request.user),
        "breadcrumbs": _crumbs("service"),
    }
    return render(request, "katalog/manage/services.html", context)


@require_GET
@role_required(*MANAGERS)
def service_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.service_get_for_actor(actor=request.user, pk=pk)
    context = {
        "service": item,
        "applications": item.applications.select_related("organisation").order_by("name"),
        "history": selectors.history(item),
        "breadcrumbs": _crumbs("service", (item.name, "")),
    }
    return render(request, "katalog/manage/service_detail.html", context)


def _service_form(request: HttpRequest, item: Service | None) -> HttpResponse:
    form = ServiceForm(request.POST or None, actor=request.user, instance=item)
    if request.method == "POST" and form.is_valid():
        values = form.values()
        apps = list(form.cleaned_data.get("applications") or [])
        try:
            if item is None:
                item = services.service_create(
                    actor=request.user, organisation=values.pop("organisation"), values=values, applications=apps
                )
            else:
                services.service_update(actor=request.user, service=item, values=values, applications=apps)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The service is saved."))
            return redirect("katalog:manage_service", item.pk)
    title = _("Edit service") if item else _("Register a service")
    context = {"form": form, "title": title, "record": item, "breadcrumbs": _crumbs("service", (title, ""))}
    return render(request, "katalog/manage/form.html", context, status=400 if form.is_bound else 200)


@require_http_methods(["GET", "POST"])
@role_required(*MANAGERS)
def service_create(request: HttpRequest) -> HttpResponse:
    return _service_form(request, None)


@require_http_methods(["GET", "POST"])
@role_required(*MANAGERS)
def service_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _service_form(request, selectors.service_get_for_actor(actor=request.user, pk=pk))
