"""Staff pages of the catalogue (/kelola/data/): list, create, edit, and the workflow steps."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from lontar.accounts.decorators import role_required
from lontar.catalog import roles, services
from lontar.catalog.forms import CreateDatasetForm, DatasetForm, NoteForm
from lontar.catalog.models import DatasetState, DatasetTransition, Resource
from lontar.catalog.selectors.manage import dataset_get_for_actor, datasets_for_actor, queue_for_actor
from lontar.catalog.services.checks import completeness_problems
from lontar.catalog.services.entries import is_public
from lontar.catalog.services.workflow import is_due
from lontar.catalog.views.common import staff_crumbs
from lontar.core.errors import apply_errors
from lontar.datastore.selectors import tables_by_ids
from lontar.organisations.selectors import organisation_list, organisations_by_ids

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

CATALOG_ROLES = roles.CATALOG_ROLES
S = DatasetState

#: step name -> (service, button label)
STEPS: dict[str, tuple[Any, StrOrPromise]] = {
    "submit": (services.dataset_submit, gettext_lazy("Submit to the Walidata")),
    "review": (services.dataset_review_start, gettext_lazy("Start review")),
    "return": (services.dataset_return, gettext_lazy("Return with a note")),
    "verify": (services.dataset_verify, gettext_lazy("Verify")),
    "approve": (services.dataset_approve, gettext_lazy("Approve (Pembina Data)")),
    "publish": (services.dataset_publish, gettext_lazy("Publish now")),
    "revise": (services.dataset_revise, gettext_lazy("Start a new revision")),
    "withdraw": (services.dataset_withdraw, gettext_lazy("Withdraw from the public catalogue")),
}


def available_steps(actor: Any, dataset: Any) -> list[str]:
    """The steps the actor may take on the dataset now (buttons on the page)."""
    org, state = dataset.organisation, dataset.state
    produce, review, pembina = (
        roles.can_produce(actor, org),
        roles.can_review(actor, org),
        roles.can_pembina(actor, org),
    )
    steps = []
    if produce and state in (S.DRAFT, S.RETURNED):
        steps.append("submit")
    if review and state == S.SUBMITTED:
        steps.append("review")
    if review and state == S.IN_REVIEW:
        steps += ["return", "verify"]
    if pembina and state == S.VERIFIED and dataset.is_prioritas:
        steps += ["return", "approve"]
    if review and is_due(dataset):
        steps.append("publish")
    if produce and state == S.PUBLISHED:
        steps.append("revise")
    if review and dataset.published_version_id:
        steps.append("withdraw")
    return list(dict.fromkeys(steps))


@role_required(*CATALOG_ROLES)
def index(request: HttpRequest) -> HttpResponse:
    datasets = datasets_for_actor(request.user).order_by("-updated_at")[:500]
    context = {
        "datasets": datasets,
        "queues": {k: list(v[:100]) for k, v in queue_for_actor(request.user).items()},
        "can_create": bool(roles.produsen_org_ids(request.user)) or request.user.is_superuser,
        "breadcrumbs": [*staff_crumbs()[:1], (_("Satu Data"), "")],
    }
    return render(request, "catalog/manage/index.html", context)


def dataset_crumbs(dataset: Any, here: Any) -> list[tuple[Any, str]]:
    return staff_crumbs(
        (dataset.title or dataset.slug, reverse("catalog:manage_detail", args=[dataset.pk])), (here, "")
    )


def _produsen_orgs(actor: Any) -> Any:
    if actor.is_superuser:
        return organisation_list()
    return organisations_by_ids(roles.produsen_org_ids(actor)).filter(is_active=True)


@require_http_methods(["GET", "POST"])
@role_required(roles.PRODUSEN)
def create(request: HttpRequest) -> HttpResponse:
    organisations = _produsen_orgs(request.user)
    form = CreateDatasetForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            dataset = services.dataset_create(
                actor=request.user, organisation=form.cleaned_data["organisation"], data=form.service_data()
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The draft is saved. Add its resources next."))
            return redirect("catalog:manage_detail", pk=dataset.pk)
    status = 400 if form.is_bound else 200
    context = {"form": form, "dataset": None, "breadcrumbs": staff_crumbs((_("New dataset"), ""))}
    return render(request, "catalog/manage/dataset_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
@role_required(*CATALOG_ROLES)  # the dataset first: 404 unless visible, then 403 unless a producer
def edit(request: HttpRequest, pk: Any) -> HttpResponse:
    dataset = dataset_get_for_actor(actor=request.user, pk=pk)
    if not roles.can_produce(request.user, dataset.organisation):
        raise PermissionDenied
    form = DatasetForm(request.POST or None, instance=dataset)
    if request.method == "POST" and form.is_valid():
        try:
            services.dataset_update(actor=request.user, dataset=dataset, data=form.service_data())
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The changes are saved."))
            return redirect("catalog:manage_detail", pk=dataset.pk)
    status = 400 if form.is_bound else 200
    context = {"form": form, "dataset": dataset, "breadcrumbs": dataset_crumbs(dataset, _("Edit"))}
    return render(request, "catalog/manage/dataset_form.html", context, status=status)


def _with_tables(resources: Any) -> list[Any]:
    """Resources with their datastore table (load progress, rows, validation report counts)."""
    items = list(resources)
    ids = [r.datastore_table_id for r in items if r.datastore_table_id]
    tables = tables_by_ids(ids)
    for resource in items:
        resource.table = tables.get(resource.datastore_table_id)
    return items


def _detail(
    request: HttpRequest, dataset: Any, *, note_form: NoteForm | None = None, status: int = 200
) -> HttpResponse:
    resources = _with_tables(
        Resource.objects.filter(dataset=dataset, removed_at__isnull=True).prefetch_related("columns")
    )
    steps = available_steps(request.user, dataset)
    context = {
        "dataset": dataset,
        "resources": resources,
        "problems": completeness_problems(dataset) if dataset.is_editable else [],
        "transitions": DatasetTransition.objects.filter(dataset=dataset).select_related("actor")[:100],
        "steps": [(name, STEPS[name][1]) for name in steps],
        "note_form": note_form or NoteForm(),
        "can_edit": dataset.is_editable and roles.can_produce(request.user, dataset.organisation),
        "versions": dataset.versions.order_by("-number").only("number", "published_at", "data_class", "note"),
        "public_url": reverse("catalog:detail", args=[dataset.slug]) if is_public(dataset) else "",
        "breadcrumbs": staff_crumbs((dataset.title or dataset.slug, "")),
        "loading": any(r.table is not None and r.table.is_loading for r in resources),
    }
    return render(request, "catalog/manage/dataset_detail.html", context, status=status)


@role_required(*CATALOG_ROLES)
def detail(request: HttpRequest, pk: Any) -> HttpResponse:
    return _detail(request, dataset_get_for_actor(actor=request.user, pk=pk))


@require_POST
@role_required(*CATALOG_ROLES)
def transition(request: HttpRequest, pk: Any, step: str) -> HttpResponse:
    dataset = dataset_get_for_actor(actor=request.user, pk=pk)
    if step not in STEPS:
        raise PermissionDenied
    form = NoteForm(request.POST)
    if form.is_valid():
        service = STEPS[step][0]
        try:
            dataset = service(actor=request.user, dataset=dataset, note=form.cleaned_data["note"])
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Done: %(state)s.") % {"state": dataset.get_state_display()})
            return redirect("catalog:manage_detail", pk=dataset.pk)
    dataset.refresh_from_db()
    return _detail(request, dataset, note_form=form, status=400)
