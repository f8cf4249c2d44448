"""Registering and changing applications. Each service checks permission, validates, writes and
records its audit event in one transaction."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lontar.audit.services import audit_record
from lontar.katalog.models import Application, AssetKind, Basis, Stage
from lontar.katalog.models.choices import HOSTING_KINDS
from lontar.katalog.services.common import (
    changes,
    clean_code,
    clean_text,
    full_clean,
    merge_errors,
    require_manager,
    snapshot,
)

#: plain fields a form, the API or an import may set
TEXT_FIELDS = (
    "name",
    "acronym",
    "languages",
    "framework",
    "database",
    "developer_unit",
    "operator_unit",
    "raa_l1",
    "raa_l2",
    "raa_l3",
    "raa_l4",
    "rab_code",
    "url",
)
LONG_TEXT_FIELDS = ("description", "function", "output")
CHOICE_FIELDS = ("licence_type", "ownership_class", "stage", "system_category")
OTHER_FIELDS = ("basis", "year_built", "sso", "tte", "organisation", "hosting", "replaced_by")
FIELDS = TEXT_FIELDS + LONG_TEXT_FIELDS + CHOICE_FIELDS + OTHER_FIELDS
LINKS = ("integrations", "splp", "datasets")
MIN_YEAR = 1980
#: stages in which "replaced by" is meaningful
REPLACEABLE = frozenset({Stage.KONSOLIDASI, Stage.DIHENTIKAN})


def _clean_basis(value: Any) -> list[str]:
    items = [value] if isinstance(value, str) else list(value or [])
    chosen = {str(v).strip().lower() for v in items if str(v).strip()}
    unknown = chosen - set(Basis.values)
    if unknown:
        raise ValidationError(
            {"basis": _("Unknown application basis: %(values)s.") % {"values": ", ".join(sorted(unknown))[:200]}}
        )
    return [b for b in Basis.values if b in chosen]


def _assign(app: Application, values: dict[str, Any], errors: dict[str, list[str]]) -> None:
    for name, value in values.items():
        if name not in FIELDS:
            raise ValueError(f"not an application field: {name}")
        try:
            if name in TEXT_FIELDS or name in CHOICE_FIELDS:
                value = clean_text(value)
            elif name in LONG_TEXT_FIELDS:
                value = clean_text(value, single_line=False)
            elif name == "basis":
                value = _clean_basis(value)
            elif name in ("sso", "tte"):
                value = bool(value)
        except ValidationError as exc:
            merge_errors(errors, exc if hasattr(exc, "error_dict") else ValidationError({name: exc.messages}))
            continue
        setattr(app, name, value)


def _replacement_chain_ok(app: Application) -> bool:
    """False when following "replaced by" from ``app`` comes back to it."""
    seen = {app.pk}
    current = app.replaced_by
    while current is not None:
        if current.pk in seen:
            return False
        seen.add(current.pk)
        current = current.replaced_by
    return True


def _check(app: Application, errors: dict[str, list[str]]) -> None:
    if app.year_built is not None and not MIN_YEAR <= app.year_built <= timezone.localdate().year + 1:
        errors.setdefault("year_built", []).append(
            _("The year must lie between %(min)d and next year.") % {"min": MIN_YEAR}
        )
    if app.hosting is not None and app.hosting.kind not in HOSTING_KINDS:
        errors.setdefault("hosting", []).append(
            _("An application is hosted on a computing facility, a cloud or a server.")
        )
    if app.replaced_by is not None:
        if app.stage not in REPLACEABLE:
            errors.setdefault("replaced_by", []).append(
                _("Only an application being consolidated or retired is replaced by another one.")
            )
        elif app.pk is not None and app.replaced_by.pk == app.pk:
            errors.setdefault("replaced_by", []).append(_("An application cannot replace itself."))
        elif app.replaced_by.stage == Stage.DIHENTIKAN:
            errors.setdefault("replaced_by", []).append(_("The replacement must not be a retired application."))
        elif app.pk is not None and not _replacement_chain_ok(app):
            errors.setdefault("replaced_by", []).append(_("These replacements would go round in a circle."))
    elif app.stage == Stage.KONSOLIDASI:
        errors.setdefault("replaced_by", []).append(
            _("Name the application this one is being consolidated into (replaced by).")
        )
    try:
        full_clean(app, exclude=("basis", "organisation", "hosting", "replaced_by"))
    except ValidationError as exc:
        merge_errors(errors, exc)


def _set_links(app: Application, links: dict[str, list[Any]], errors: dict[str, list[str]]) -> dict[str, Any]:
    """Check the many-to-many links; returns what to set once the record is saved."""
    out: dict[str, Any] = {}
    for name, items in links.items():
        if name not in LINKS:
            raise ValueError(f"not an application link: {name}")
        items = list(dict.fromkeys(items))
        if name == "integrations" and app.pk is not None and any(i.pk == app.pk for i in items):
            errors.setdefault(name, []).append(_("An application is not integrated with itself."))
        if name == "splp" and any(a.kind != AssetKind.SPLP for a in items):
            errors.setdefault(name, []).append(_("Choose only SPLP assets."))
        out[name] = items
    return out


def _save(app: Application, values: dict[str, Any], links: dict[str, list[Any]] | None) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    _assign(app, values, errors)
    _check(app, errors)
    pending = _set_links(app, links or {}, errors)
    if errors:
        raise ValidationError(errors)
    app.save()
    for name, items in pending.items():
        getattr(app, name).set(items)
    return {
        name: sorted(str(getattr(i, "code", None) or getattr(i, "slug", i.pk)) for i in items)
        for name, items in pending.items()
    }


@transaction.atomic
def application_create(
    *,
    actor: Any,
    organisation: Any,
    values: dict[str, Any],
    links: dict[str, list[Any]] | None = None,
    code: str = "",
    is_sample: bool = False,
) -> Application:
    """Register an application owned by ``organisation`` (an OPD or instansi the actor manages)."""
    require_manager(actor, organisation)
    app = Application(organisation=organisation, is_sample=is_sample, code=clean_code(code, "APL"))
    if Application.objects.filter(code=app.code).exists():
        raise ValidationError({"code": _("An application with this ID already exists.")})
    linked = _save(app, {k: v for k, v in values.items() if k != "organisation"}, links)
    audit_record(
        action="katalog.application.created",
        actor=actor,
        organisation=organisation,
        target=app,
        data={"code": app.code, **snapshot(app, FIELDS), **linked},
    )
    return app


@transaction.atomic
def application_update(
    *, actor: Any, application: Application, values: dict[str, Any], links: dict[str, list[Any]] | None = None
) -> Application:
    """Change an application's fields and links; moving it to another OPD needs both in reach."""
    app = Application.objects.select_for_update().get(pk=application.pk)
    require_manager(actor, app.organisation)
    if "organisation" in values and values["organisation"] != app.organisation:
        require_manager(actor, values["organisation"])
    before = snapshot(app, FIELDS)
    linked = _save(app, values, links)
    changed = changes(before, snapshot(app, FIELDS))
    audit_record(
        action="katalog.application.updated",
        actor=actor,
        organisation=app.organisation,
        target=app,
        data={"code": app.code, "changed": changed, **linked},
    )
    return app


@transaction.atomic
def application_set_stage(
    *, actor: Any, application: Application, stage: str, replaced_by: Application | None = None
) -> Application:
    """Move an application along its lifecycle; consolidation names the application that replaces it."""
    app = Application.objects.select_for_update().get(pk=application.pk)
    require_manager(actor, app.organisation)
    before = (app.stage, app.replaced_by_id)
    _save(app, {"stage": stage, "replaced_by": replaced_by if stage in REPLACEABLE else None}, None)
    audit_record(
        action="katalog.application.stage_changed",
        actor=actor,
        organisation=app.organisation,
        target=app,
        data={"from": before[0], "to": app.stage, "replaced_by": app.replaced_by.code if app.replaced_by else None},
    )
    return app
