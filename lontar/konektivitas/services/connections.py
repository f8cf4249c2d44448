"""Changes to a site's connections: add one, end one. A change of provider or technology is a new
connection; the old one is ended (its ``valid_to`` set), so the history stays."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lontar.audit.services import audit_record
from lontar.konektivitas.models import Connection, ConnectionStatus, Site
from lontar.konektivitas.permissions import require_site
from lontar.konektivitas.technology import normalise

FIELDS = (
    "role",
    "technology",
    "technology_raw",
    "cellular_generation",
    "provider",
    "programme",
    "status",
    "download_contracted_mbps",
    "upload_contracted_mbps",
    "monthly_cost",
    "contract_start",
    "contract_end",
    "ownership",
    "valid_from",
    "is_sample",
)
#: the statuses an ended connection may take
ENDED = (ConnectionStatus.NONAKTIF, ConnectionStatus.DIRELOKASI)
#: the highest contracted speed accepted (Mbps; the datastore of Giga checks 1-500, a site may have more)
MAX_CONTRACTED_MBPS = 100_000


def build_connection(site: Site, fields: dict[str, Any]) -> Connection:
    """A connection with its technology normalised from the raw value when none is chosen."""
    raw = (fields.get("technology_raw") or "").strip()
    chosen = fields.get("technology") or ""
    found = normalise(chosen or raw)
    values = {**fields, "technology": found.technology, "technology_root": found.root, "technology_raw": raw[:120]}
    if not values.get("cellular_generation"):
        values["cellular_generation"] = found.generation
    return Connection(site=site, **values)


def check_connection(connection: Connection) -> None:
    errors: dict[str, list[str]] = {}
    try:
        connection.full_clean(exclude=["site"], validate_constraints=False)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    for name in ("download_contracted_mbps", "upload_contracted_mbps"):
        value = getattr(connection, name)
        if value is not None and not (0 <= value <= MAX_CONTRACTED_MBPS):
            errors.setdefault(name, []).append(
                _("A contracted speed is between 0 and %(max)s Mbps.") % {"max": MAX_CONTRACTED_MBPS}
            )
    if connection.contract_start and connection.contract_end and connection.contract_end < connection.contract_start:
        errors.setdefault("contract_end", []).append(_("The contract ends before it starts."))
    if errors:
        raise ValidationError(errors)


def connection_add(*, actor: Any, site: Site, **fields: Any) -> Connection:
    """Add a connection to a site (technology normalised from the raw value when not chosen)."""
    require_site(actor, site)
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    fields.setdefault("status", ConnectionStatus.AKTIF)
    fields.setdefault("valid_from", timezone.localdate())
    connection = build_connection(site, fields)
    check_connection(connection)
    with transaction.atomic():
        connection.save()
        audit_record(
            action="konektivitas.connection.added",
            actor=actor,
            organisation=site.organisation,
            target=site,
            data={
                "connection": connection.pk,
                "role": connection.role,
                "technology": connection.technology,
                "technology_raw": connection.technology_raw,
                "status": connection.status,
            },
        )
    return connection


def connection_end(
    *, actor: Any, connection: Connection, valid_to: dt.date | None = None, status: str = ConnectionStatus.NONAKTIF
) -> Connection:
    """End a connection (inactive, or relocated as BAKTI does when commercial coverage arrives)."""
    site = connection.site
    require_site(actor, site)
    if status not in ENDED:
        raise ValidationError({"status": _("An ended connection is inactive or relocated.")})
    if connection.valid_to is not None:
        raise ValidationError(_("This connection has already ended."))
    valid_to = valid_to or timezone.localdate()
    if connection.valid_from and valid_to < connection.valid_from:
        raise ValidationError({"valid_to": _("The connection cannot end before it started.")})
    with transaction.atomic():
        before = connection.status
        connection.valid_to = valid_to
        connection.status = status
        connection.save(update_fields=["valid_to", "status", "updated_at"])
        audit_record(
            action="konektivitas.connection.ended",
            actor=actor,
            organisation=site.organisation,
            target=site,
            data={"connection": connection.pk, "status": [before, status], "valid_to": valid_to.isoformat()},
        )
    return connection
