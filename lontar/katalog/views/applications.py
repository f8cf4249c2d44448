"""Staff pages of applications: list with filters, create/edit, detail with security audits, risk
ratings and audit history, lifecycle stage."""

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
from lontar.katalog.forms import ApplicationForm, RiskForm, SecurityAuditForm, StageForm
from lontar.katalog.models import Application, OwnershipClass, Stage
from lontar.katalog.selectors import staff as selectors
from lontar.katalog.views.common import MANAGERS, filters_from, page_of, staff_crumbs


@require_GET
@role_required(*MANAGERS)
def index(request: HttpRequest) -> HttpResponse:
    filters = filters_from(request)
    qs = selectors.with_latest_security(selectors.applications_for_actor(request.user, filters))
    context = {
        "page_obj": page_of(request, qs),
        "filters": filters,
        "stages": Stage.choices,
        "classes": OwnershipClass.choices,
        "organisations": selectors.organisations_for_actor(request.user),
        "attention": selectors.audit_attention(selectors.applications_for_actor(request.user))[:20],
        "breadcrumbs": staff_crumbs((_("Applications"), "")),
    }
    return render(request, "katalog/manage/index.html", context)


def _detail(request: HttpRequest, app: Application, status: int = 200, **forms: Any) -> HttpResponse:
    context = {
        "app": app,
        "audits": selectors.security_audits(app),
        "risks": selectors.risk_history(app),
        "history": selectors.history(app),
        "services": app.services.order_by("name"),
        "stage_form": forms.get("stage_form") or StageForm(application=app),
        "audit_form": forms.get("audit_form") or SecurityAuditForm(),
        "risk_form": forms.get("risk_form") or RiskForm(),
        "breadcrumbs": staff_crumbs((_("Applications"), reverse("katalog:manage_index")), (app.name, "")),
    }
    return render(request, "katalog/manage/application_detail.html", context, status=status)


@require_GET
@role_required(*MANAGERS)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, selectors.application_get_for_actor(actor=request.user, pk=pk))


def _form_page(request: HttpRequest, form: ApplicationForm, app: Application | None, status: int) -> HttpResponse:
    title = _("Edit application") if app else _("Register an application")
    crumbs = staff_crumbs((_("Applications"), reverse("katalog:manage_index")), (title, ""))
    context = {"form": form, "title": title, "record": app, "breadcrumbs": crumbs}
    return render(request, "katalog/manage/form.html", context, status=status)


@require_http_methods(["GET", "POST"])
@role_required(*MANAGERS)
def create(request: HttpRequest) -> HttpResponse:
    form = ApplicationForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        values = form.values()
        try:
            app = services.application_create(
                actor=request.user, organisation=values.pop("organisation"), values=values, links=form.links()
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The application is registered."))
            return redirect("katalog:manage_application", app.pk)
    return _form_page(request, form, None, 400 if form.is_bound else 200)


@require_http_methods(["GET", "POST"])
@role_required(*MANAGERS)
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    app = selectors.application_get_for_actor(actor=request.user, pk=pk)
    form = ApplicationForm(request.POST or None, actor=request.user, instance=app)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_update(actor=request.user, application=app, values=form.values(), links=form.links())
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The application is saved."))
            return redirect("katalog:manage_application", app.pk)
    return _form_page(request, form, app, 400 if form.is_bound else 200)


@require_POST
@role_required(*MANAGERS)
def stage(request: HttpRequest, pk: int) -> HttpResponse:
    app = selectors.application_get_for_actor(actor=request.user, pk=pk)
    form = StageForm(request.POST, application=app)
    if form.is_valid():
        try:
            services.application_set_stage(actor=request.user, application=app, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The stage is changed."))
            return redirect("katalog:manage_application", app.pk)
    return _detail(request, app, 400, stage_form=form)


@require_POST
@role_required(*MANAGERS)
def security_audit(request: HttpRequest, pk: int) -> HttpResponse:
    app = selectors.application_get_for_actor(actor=request.user, pk=pk)
    form = SecurityAuditForm(request.POST)
    if form.is_valid():
        try:
            services.security_audit_record(actor=request.user, application=app, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The security audit is recorded."))
            return redirect("katalog:manage_application", app.pk)
    return _detail(request, app, 400, audit_form=form)


@require_POST
@role_required(*MANAGERS)
def risk(request: HttpRequest, pk: int) -> HttpResponse:
    app = selectors.application_get_for_actor(actor=request.user, pk=pk)
    form = RiskForm(request.POST)
    if form.is_valid():
        try:
            services.risk_rate(actor=request.user, application=app, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The risk rating is recorded."))
            return redirect("katalog:manage_application", app.pk)
    return _detail(request, app, 400, risk_form=form)
