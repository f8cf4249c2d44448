"""Data requests: the public form and tracking page, and the Walidata's handling pages."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from lontar.accounts.decorators import role_required
from lontar.accounts.permissions import get_for_actor_or_404
from lontar.catalog import roles
from lontar.catalog.models import CatalogEntry, DataRequest, DataRequestStatus
from lontar.catalog.policies import data_request_policy
from lontar.catalog.services import datarequests as services
from lontar.catalog.views.common import staff_crumbs
from lontar.core import ratelimit
from lontar.core.errors import apply_errors
from lontar.organisations.selectors import active_instansi

RATE_LIMIT = 5  # requests per address per hour


class DataRequestForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Which data do you need?"), max_length=200)
    description = forms.CharField(
        label=gettext_lazy("Details"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Years, regions, level of detail, format."),
    )
    purpose = forms.CharField(label=gettext_lazy("Purpose (optional)"), max_length=300, required=False)
    organisation = forms.ModelChoiceField(
        queryset=active_instansi(),
        label=gettext_lazy("Government body asked"),
    )
    requester_name = forms.CharField(label=gettext_lazy("Your name"), max_length=120)
    requester_email = forms.EmailField(
        label=gettext_lazy("Your e-mail"),
        help_text=gettext_lazy("Only the Walidata sees it; we send the answer there."),
    )
    website = forms.CharField(
        required=False,
        label=gettext_lazy("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )


#: submissions of the public form per client address and hour (counted atomically)
SUBMISSIONS = ratelimit.Limit("catalog-datarequest", max_hits=RATE_LIMIT, window_seconds=60 * 60)


def _limited(request: HttpRequest) -> bool:
    return not ratelimit.hit_request(SUBMISSIONS, request)


@require_http_methods(["GET", "POST"])
def request_new(request: HttpRequest) -> HttpResponse:
    form = DataRequestForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid() and form.cleaned_data["website"]:
            form.add_error(None, _("The form could not be sent."))
        elif form.is_valid() and _limited(request):
            form.add_error(None, _("Too many requests from your address; try again in an hour."))
            status = 429
        elif form.is_valid():
            try:
                created = services.datarequest_submit(
                    data=form.cleaned_data, organisation=form.cleaned_data["organisation"]
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Your request is registered. Keep the tracking code %(code)s.") % {"code": created.tracking_code},
                )
                return redirect("catalog:request_detail", code=created.tracking_code)
    return render(request, "catalog/requests/new.html", {"form": form}, status=status)


@require_GET
def request_list(request: HttpRequest) -> HttpResponse:
    """Public list of requests: what was asked, of whom, and the status. No personal data."""
    rows = DataRequest.objects.select_related("organisation", "dataset__catalog_entry").order_by("-created_at")[:200]
    return render(request, "catalog/requests/list.html", {"rows": rows})


def _public_dataset(req: DataRequest) -> Any:
    """The linked dataset, only while it is in the public catalogue."""
    if req.dataset_id is None:
        return None
    return CatalogEntry.objects.filter(dataset_id=req.dataset_id).first()


@require_GET
def request_detail(request: HttpRequest, code: str) -> HttpResponse:
    req = DataRequest.objects.select_related("organisation").filter(tracking_code=code[:12].upper()).first()
    if req is None:
        raise Http404
    return render(request, "catalog/requests/detail.html", {"req": req, "entry": _public_dataset(req)})


@role_required(roles.WALIDATA)
def manage_list(request: HttpRequest) -> HttpResponse:
    rows = data_request_policy.visible(request.user).order_by("status", "-created_at")[:500]
    return render(
        request,
        "catalog/requests/manage_list.html",
        {"rows": rows, "breadcrumbs": staff_crumbs((_("Data requests"), ""))},
    )


class HandleForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Answer to the requester"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    dataset = forms.ModelChoiceField(
        queryset=CatalogEntry.objects.none(), required=False, label=gettext_lazy("Dataset that answers it")
    )


def _handle(actor: Any, req: DataRequest, action: str, data: dict[str, Any]) -> DataRequest:
    if action == "process":
        return services.datarequest_process(actor=actor, request=req, note=data["note"])
    if action == "reject":
        return services.datarequest_reject(actor=actor, request=req, reason=data["note"])
    if action != "fulfil":
        raise ValidationError(_("Choose what to do with the request."))
    entry = data.get("dataset")
    if entry is None:
        raise ValidationError({"dataset": _("Choose the dataset that answers the request.")})
    return services.datarequest_fulfil(actor=actor, request=req, dataset=entry.dataset, note=data["note"])


@require_http_methods(["GET", "POST"])
@role_required(roles.WALIDATA)
def manage_detail(request: HttpRequest, pk: Any) -> HttpResponse:
    req = get_for_actor_or_404(data_request_policy.visible(request.user), pk)
    form = HandleForm(request.POST or None)
    cast(forms.ModelChoiceField, form.fields["dataset"]).queryset = CatalogEntry.objects.order_by("title")
    if request.method == "POST" and form.is_valid():
        try:
            _handle(request.user, req, request.POST.get("action", ""), form.cleaned_data)
        except PermissionDenied:
            raise
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The request is updated and the requester is told."))
            return redirect("catalog:manage_request", pk=req.pk)
    context = {
        "req": req,
        "form": form,
        "entry": _public_dataset(req),
        "closed": req.status in (DataRequestStatus.FULFILLED, DataRequestStatus.REJECTED),
        "breadcrumbs": staff_crumbs((_("Data requests"), "catalog:manage_requests"), (req.tracking_code, "")),
    }
    return render(request, "catalog/requests/manage_detail.html", context, status=400 if form.is_bound else 200)
