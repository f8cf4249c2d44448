"""Staff pages for the settings of the bodies the actor manages."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from lontar.core.errors import apply_errors
from lontar.ppid import services
from lontar.ppid.forms.bodies import BodySettingsForm, CostTableForm, SignatoryForm
from lontar.ppid.models import PublicBody
from lontar.ppid.selectors import requests as request_selectors
from lontar.ppid.services.bodies import EDITABLE
from lontar.ppid.views.staff import staff_page


@staff_page
@require_GET
def bodies(request: HttpRequest) -> HttpResponse:
    managed = request_selectors.bodies_for_registration(request.user)
    managed = managed.order_by("kind", "organisation__region_id", "code")
    return render(request, "ppid/staff/bodies.html", {"bodies": managed})


def _save(
    request: HttpRequest, body: PublicBody, form: BodySettingsForm, costs: CostTableForm, signatory: SignatoryForm
) -> bool:
    changes = {name: form.cleaned_data[name] for name in EDITABLE}
    try:
        with transaction.atomic():
            services.public_body_update(actor=request.user, body=body, changes=changes)
            services.public_body_set_costs(actor=request.user, body=body, items=costs.items())
            services.public_body_set_signatory(
                actor=request.user,
                body=body,
                name=signatory.cleaned_data["signatory_name"],
                nip=signatory.cleaned_data["signatory_nip"],
                position=signatory.cleaned_data["signatory_position"],
            )
    except ValidationError as exc:
        if "signatory_nip" in getattr(exc, "error_dict", {}):
            apply_errors(signatory, exc)
        elif "cost_items" in getattr(exc, "error_dict", {}):
            costs.add_error(None, exc.error_dict["cost_items"])
        else:
            apply_errors(form, exc)
        return False
    return True


@staff_page
@require_http_methods(["GET", "POST"])
def body_settings(request: HttpRequest, slug: str) -> HttpResponse:
    """Numbering, internal target, maklumat pelayanan, cost table, retention, incomplete-request SOP."""
    body = request_selectors.bodies_for_registration(request.user).filter(organisation__slug=slug[:120]).first()
    if body is None:
        raise Http404
    if request.method == "POST":
        form = BodySettingsForm(request.POST, instance=request_selectors.public_body_get(slug=body.slug))
        costs = CostTableForm(request.POST)
        signatory = SignatoryForm(request.POST)
        valid = form.is_valid() and costs.is_valid() and signatory.is_valid()
        if valid and _save(request, body, form, costs, signatory):
            messages.success(request, _("The settings are saved."))
            return redirect("ppid:staff_body", slug=body.slug)
        status = 400
    else:
        form = BodySettingsForm(instance=body)
        costs = CostTableForm(initial=CostTableForm.initial_for(body))
        org = body.organisation
        signatory = SignatoryForm(
            initial={
                "signatory_name": org.signatory_name,
                "signatory_nip": org.signatory_nip,
                "signatory_position": org.signatory_position,
            }
        )
        status = 200
    context = {"body": body, "form": form, "costs": costs, "signatory": signatory}
    return render(request, "ppid/staff/body_settings.html", context, status=status)
