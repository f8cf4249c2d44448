"""Staff pages of the Daftar Informasi Publik: list, add, change, delete (with confirmation)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from lontar.core.errors import apply_errors
from lontar.ppid.forms.dip import DipEntryForm
from lontar.ppid.models import DipEntry
from lontar.ppid.selectors import dip as dip_selectors
from lontar.ppid.selectors import requests as request_selectors
from lontar.ppid.services import dip as dip_services
from lontar.ppid.views.staff import staff_page

PAGE_SIZE = 50


@staff_page
@require_GET
def dip_entries(request: HttpRequest) -> HttpResponse:
    bodies = request_selectors.bodies_for_registration(request.user)
    page = Paginator(dip_selectors.dip_managed(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "ppid/staff/dip_list.html", {"page_obj": page, "can_add": bodies.exists()})


def _initial(entry: DipEntry) -> dict[str, Any]:
    names = [*dip_services.DipEntryData.__dataclass_fields__, "body"]
    return {name: getattr(entry, name) for name in names}


def _form_page(request: HttpRequest, entry: DipEntry | None) -> HttpResponse:
    bodies = request_selectors.bodies_for_registration(request.user)
    if entry is None and not bodies.exists():
        raise PermissionDenied
    has_document = bool(entry and entry.document)
    if entry is not None:  # the body of an entry does not change
        bodies = bodies.filter(pk=entry.body_id)
    if request.method == "POST":
        form = DipEntryForm(request.POST, request.FILES, bodies=bodies, has_document=has_document)
        if form.is_valid():
            data = form.entry_data()
            try:
                if entry is None:
                    dip_services.dip_entry_create(
                        actor=request.user,
                        body=form.cleaned_data["body"],
                        data=data,
                        document=form.cleaned_data.get("document"),
                    )
                else:
                    dip_services.dip_entry_update(
                        actor=request.user,
                        entry=entry,
                        data=data,
                        document=form.cleaned_data.get("document"),
                        remove_document=bool(form.cleaned_data.get("remove_document")),
                    )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("The DIP entry is saved."))
                return redirect("ppid:staff_dip")
        status = 400
    else:
        form = DipEntryForm(initial=_initial(entry) if entry else None, bodies=bodies, has_document=has_document)
        status = 200
    return render(request, "ppid/staff/dip_form.html", {"form": form, "entry": entry}, status=status)


@staff_page
@require_http_methods(["GET", "POST"])
def dip_entry_new(request: HttpRequest) -> HttpResponse:
    return _form_page(request, None)


@staff_page
@require_http_methods(["GET", "POST"])
def dip_entry_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _form_page(request, dip_selectors.dip_entry_get_for_actor(actor=request.user, pk=pk))


@staff_page
@require_http_methods(["GET", "POST"])
def dip_entry_delete(request: HttpRequest, pk: int) -> HttpResponse:
    entry = dip_selectors.dip_entry_get_for_actor(actor=request.user, pk=pk)
    if request.method == "POST":
        dip_services.dip_entry_delete(actor=request.user, entry=entry)
        messages.success(request, _("The DIP entry is removed."))
        return redirect("ppid:staff_dip")
    return render(request, "ppid/staff/dip_delete.html", {"entry": entry})
