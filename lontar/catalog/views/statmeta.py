"""Staff pages for the statistical metadata (MS-Keg with its MS-Var, and MS-Ind), and exports."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from lontar.accounts.decorators import role_required
from lontar.accounts.permissions import get_for_actor_or_404
from lontar.catalog import roles
from lontar.catalog.forms_statmeta import ActivityForm, IndicatorForm, VariableForm
from lontar.catalog.models import ActivityMetadata, VariableMetadata
from lontar.catalog.policies import statmeta_policy
from lontar.catalog.services import statmeta
from lontar.catalog.statmeta_export import activity_document, activity_workbook
from lontar.catalog.views.common import staff_crumbs
from lontar.core.errors import apply_errors
from lontar.organisations.models import Organisation
from lontar.organisations.selectors import organisation_by_id, organisations_by_ids

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _activity(actor: Any, pk: Any) -> ActivityMetadata:
    return get_for_actor_or_404(statmeta_policy.activities(actor), pk)


def _base_crumbs() -> list[tuple[Any, str]]:
    return staff_crumbs((_("Statistical metadata"), "catalog:manage_activities"))


@role_required(*roles.CATALOG_ROLES)
def activities(request: HttpRequest) -> HttpResponse:
    context = {
        "activities": statmeta_policy.activities(request.user),
        "indicators": statmeta_policy.indicators(request.user),
        "can_create": bool(roles.produsen_org_ids(request.user)) or request.user.is_superuser,
        "organisations": organisations_by_ids(roles.produsen_org_ids(request.user)),
        "breadcrumbs": staff_crumbs((_("Statistical metadata"), "")),
    }
    return render(request, "catalog/manage/activities.html", context)


def _organisation(request: HttpRequest) -> Organisation:
    raw = request.GET.get("organisation") or request.POST.get("organisation_id") or ""
    ids = roles.produsen_org_ids(request.user)
    if not raw and len(ids) == 1:
        raw = str(next(iter(ids)))
    if not (raw.isascii() and raw.isdigit()):
        raise Http404
    org = organisation_by_id(int(raw))
    if org is None or not roles.can_produce(request.user, org):
        raise Http404
    return org


@require_http_methods(["GET", "POST"])
@role_required(roles.PRODUSEN)
def activity_edit(request: HttpRequest, pk: Any = None) -> HttpResponse:
    activity = _activity(request.user, pk) if pk else None
    org = activity.organisation if activity else _organisation(request)
    if not roles.can_produce(request.user, org):
        raise PermissionDenied
    form = ActivityForm(request.POST or None, instance=activity)
    if request.method == "POST" and form.is_valid():
        try:
            saved = statmeta.activity_save(
                actor=request.user, organisation=org, activity=activity, data=form.service_data()
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The MS-Keg is saved."))
            return redirect("catalog:manage_activity", pk=saved.pk)
    context = {
        "form": form,
        "activity": activity,
        "organisation": org,
        "kind": "MS-Keg",
        "breadcrumbs": [*_base_crumbs(), ("MS-Keg", "")],
    }
    return render(request, "catalog/manage/statmeta_form.html", context, status=400 if form.is_bound else 200)


@role_required(*roles.CATALOG_ROLES)
def activity_detail(request: HttpRequest, pk: Any) -> HttpResponse:
    activity = _activity(request.user, pk)
    context = {
        "activity": activity,
        "document": activity_document(activity),
        "can_edit": roles.can_produce(request.user, activity.organisation),
        "breadcrumbs": [*_base_crumbs(), (activity.title, "")],
    }
    return render(request, "catalog/manage/activity_detail.html", context)


@role_required(*roles.CATALOG_ROLES)
def activity_export(request: HttpRequest, pk: Any, fmt: str) -> HttpResponse:
    activity = _activity(request.user, pk)
    name = f"metadata-statistik-{activity.pk}"
    if fmt == "json":
        body = json.dumps(activity_document(activity), ensure_ascii=False, indent=2, default=str)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.json"'
        return response
    response = HttpResponse(activity_workbook(activity), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


@require_http_methods(["GET", "POST"])
@role_required(roles.PRODUSEN)
def variable_edit(request: HttpRequest, pk: Any, vid: Any = None) -> HttpResponse:
    activity = _activity(request.user, pk)
    if not roles.can_produce(request.user, activity.organisation):
        raise PermissionDenied
    variable = None
    if vid is not None:
        variable = VariableMetadata.objects.filter(activity=activity, pk=vid).first()
        if variable is None:
            raise Http404
    form = VariableForm(request.POST or None, instance=variable)
    if request.method == "POST" and form.is_valid():
        try:
            statmeta.variable_save(actor=request.user, activity=activity, variable=variable, data=form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The MS-Var is saved."))
            return redirect("catalog:manage_activity", pk=activity.pk)
    crumbs_ = [
        *_base_crumbs(),
        (activity.title, reverse("catalog:manage_activity", args=[activity.pk])),
        ("MS-Var", ""),
    ]
    context = {
        "form": form,
        "activity": activity,
        "organisation": activity.organisation,
        "kind": "MS-Var",
        "breadcrumbs": crumbs_,
    }
    return render(request, "catalog/manage/statmeta_form.html", context, status=400 if form.is_bound else 200)


@require_http_methods(["GET", "POST"])
@role_required(roles.PRODUSEN)
def indicator_edit(request: HttpRequest, pk: Any = None) -> HttpResponse:
    indicator = None
    if pk is not None:
        indicator = get_for_actor_or_404(statmeta_policy.indicators(request.user), pk)
    org = indicator.organisation if indicator else _organisation(request)
    if not roles.can_produce(request.user, org):
        raise PermissionDenied
    form = IndicatorForm(request.POST or None, instance=indicator, organisation=org)
    if request.method == "POST" and form.is_valid():
        try:
            statmeta.indicator_save(actor=request.user, organisation=org, indicator=indicator, data=form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The MS-Ind is saved."))
            return redirect("catalog:manage_activities")
    context = {
        "form": form,
        "indicator": indicator,
        "organisation": org,
        "kind": "MS-Ind",
        "breadcrumbs": [*_base_crumbs(), ("MS-Ind", "")],
    }
    return render(request, "catalog/manage/statmeta_form.html", context, status=400 if form.is_bound else 200)
