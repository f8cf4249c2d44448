"""Registering and changing services (layanan, RAL) and the applications that deliver them."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lontar.audit.services import audit_record
from lontar.katalog.models import Service
from lontar.katalog.services.common import (
    changes,
    clean_code,
    clean_text,
    full_clean,
    merge_errors,
    require_manager,
    snapshot,
)

FIELDS = ("name", "kind", "ral_code", "description", "channel_url", "organisation")


def _save(service: Service, values: dict[str, Any], applications: list[Any] | None) -> list[str]:
    errors: dict[str, list[str]] = {}
    for name, value in values.items():
        if name not in FIELDS:
            raise ValueError(f"not a service field: {name}")
        if name != "organisation":
            try:
                value = clean_text(value, single_line=name != "description")
            except ValidationError as exc:
                errors.setdefault(name, []).extend(exc.messages)
                continue
        setattr(service, name, value)
    try:
        full_clean(service, exclude=("organisation",))
    except ValidationError as exc:
        merge_errors(errors, exc)
    if errors:
        raise ValidationError(errors)
    service.save()
    if applications is None:
        return sorted(service.applications.values_list("code", flat=True))
    service.applications.set(list(dict.fromkeys(applications)))
    return sorted(a.code for a in applications)


@transaction.atomic
def service_create(
    *,
    actor: Any,
    organisation: Any,
    values: dict[str, Any],
    applications: list[Any] | None = None,
    code: str = "",
    is_sample: bool = False,
) -> Service:
    require_manager(actor, organisation)
    service = Service(organisation=organisation, is_sample=is_sample, code=clean_code(code, "LYN"))
    if Service.objects.filter(code=service.code).exists():
        raise ValidationError({"code": _("A service with this ID already exists.")})
    apps = _save(service, {k: v for k, v in values.items() if k != "organisation"}, applications or [])
    audit_record(
        action="katalog.service.created",
        actor=actor,
        organisation=organisation,
        target=service,
        data={"code": service.code, **snapshot(service, FIELDS), "applications": apps},
    )
    return service


@transaction.atomic
def service_update(
    *, actor: Any, service: Service, values: dict[str, Any], applications: list[Any] | None = None
) -> Service:
    locked = Service.objects.select_for_update().get(pk=service.pk)
    require_manager(actor, locked.organisation)
    if "organisation" in values and values["organisation"] != locked.organisation:
        require_manager(actor, values["organisation"])
    before = snapshot(locked, FIELDS)
    apps = _save(locked, values, applications)
    audit_record(
        action="katalog.service.updated",
        actor=actor,
        organisation=locked.organisation,
        target=locked,
        data={"code": locked.code, "changed": changes(before, snapshot(locked, FIELDS)), "applications": apps},
    )
    return locked
