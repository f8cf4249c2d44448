"""The evidence library of an organisation: list, add a file or a link, describe, download, delete."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lontar.accounts.decorators import staff_required
from lontar.core.errors import apply_errors, flash_errors
from lontar.core.safe_urls import safe_next
from lontar.core.uploads import BY_CODE
from lontar.evaluations import permissions, services
from lontar.evaluations.choices import EvidenceKind
from lontar.evaluations.forms import EvidenceEditForm, EvidenceForm
from lontar.evaluations.models import Answer
from lontar.evaluations.selectors.evidence import evidence_get, evidence_get_for_download, library, library_organisation
from lontar.organisations.models import Organisation

PAGE_SIZE = 50


def _link_target(actor: Any, organisation: Organisation, answer_id: int | None) -> Answer | None:
    if not answer_id:
        return None
    answer = Answer.objects.select_related("submission", "submission__organisation").filter(pk=answer_id).first()
    if answer is None or answer.submission.organisation_id != organisation.pk:
        return None
    return answer


def _library_context(request: HttpRequest, organisation: Organisation, form: EvidenceForm) -> dict[str, Any]:
    query = request.GET.get("q", "").strip()
    kind = request.GET.get("kind", "") if request.GET.get("kind", "") in EvidenceKind.values else ""
    page = Paginator(library(organisation, query, kind), PAGE_SIZE).get_page(request.GET.get("page"))
    return {
        "organisation": organisation,
        "form": form,
        "page_obj": page,
        "query": query,
        "kind": kind,
        "kinds": EvidenceKind.choices,
        "can_edit": permissions.is_team(request.user, organisation),
        # ?kembali= is put in a link and a form: only a path on this site (never javascript:)
        "back": safe_next(request.GET.get("kembali") or request.POST.get("kembali"), default=""),
    }


@staff_required
@never_cache
@require_http_methods(["GET", "POST"])
def evidence_library(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = library_organisation(request.user, slug)
    initial = {"link_to": request.GET.get("jawaban")} if request.GET.get("jawaban", "").isdigit() else None
    form = EvidenceForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST":
        if not permissions.is_team(request.user, organisation):
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            answer = _link_target(request.user, organisation, data.get("link_to"))
            try:
                services.evidence_add(
                    actor=request.user,
                    organisation=organisation,
                    title=data["title"],
                    kind=data["kind"],
                    issued_on=data.get("issued_on"),
                    issuer=data.get("issuer", ""),
                    url=data.get("url", ""),
                    upload=data.get("file"),
                    link_to=answer,
                )
            except ValidationError as exc:
                apply_errors(form, exc, "file" if data.get("file") else "url")
            else:
                messages.success(request, _("The evidence is added to the library."))
                if answer is not None:
                    return redirect("evaluations:indicator", pk=answer.submission_id, number=answer.number)
                return redirect("evaluations:evidence_library", slug=organisation.slug)
    status = 422 if form.is_bound and form.errors else 200
    return render(
        request, "evaluations/evidence_library.html", _library_context(request, organisation, form), status=status
    )


@staff_required
@require_http_methods(["GET", "POST"])
def evidence_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    organisation = library_organisation(request.user, slug)
    evidence = evidence_get(request.user, organisation, pk)
    initial = {
        "title": evidence.title,
        "kind": evidence.kind,
        "issued_on": evidence.issued_on,
        "issuer": evidence.issuer,
    }
    form = EvidenceEditForm(request.POST or None, initial=initial)
    can_edit = permissions.is_team(request.user, organisation)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.evidence_update(actor=request.user, evidence=evidence, **form.cleaned_data)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("The description is saved."))
                return redirect("evaluations:evidence_detail", slug=organisation.slug, pk=evidence.pk)
    uses = (
        Answer.objects.filter(evidence=evidence)
        .select_related("submission__cycle", "node")
        .order_by("-submission__cycle__year", "node__position")
    )
    context = {
        "organisation": organisation,
        "evidence": evidence,
        "form": form,
        "can_edit": can_edit,
        "uses": uses,
        "file_type": BY_CODE.get(evidence.file_type),
    }
    return render(request, "evaluations/evidence_detail.html", context, status=422 if form.errors else 200)


@staff_required
@never_cache
@require_GET
def evidence_download(request: HttpRequest, slug: str, pk: int) -> HttpResponseBase:
    evidence = evidence_get_for_download(request.user, slug, pk)
    if evidence.is_link:
        return redirect(evidence.url)
    file_type = BY_CODE.get(evidence.file_type)
    name = f"bukti-{evidence.pk}.{file_type.extension if file_type else 'bin'}"
    response = FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=name,
        content_type=file_type.content_type if file_type else "application/octet-stream",
    )
    return response


@staff_required
@require_POST
def evidence_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    organisation = library_organisation(request.user, slug)
    evidence = evidence_get(request.user, organisation, pk)
    try:
        services.evidence_delete(actor=request.user, evidence=evidence)
    except ValidationError as exc:
        flash_errors(request, exc)
        return redirect("evaluations:evidence_detail", slug=organisation.slug, pk=evidence.pk)
    messages.success(request, _("The evidence is deleted."))
    return redirect("evaluations:evidence_library", slug=organisation.slug)
