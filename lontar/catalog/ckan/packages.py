"""CKAN package dicts of many entries at once, as JSON text written when the entry is written.

``package_search`` answers up to 1000 packages. Building each from model instances and encoding
the whole answer cost most of its time, so ``entry_sync`` stores each entry's package as JSON
text (``CatalogEntry.package_json``) with two markers: the site address (requests may come under
different host names) and the organisation dict (an organisation can be renamed without its
datasets being republished). A page of packages is then one query of those texts, one query of
the page's organisations, and two string replacements per package; the texts are spliced into
the answer as they are (:class:`Encoded`), never decoded and encoded again.

The markers are a NUL character followed by a letter, which the JSON encoder writes as
``\\u0000B``/``\\u0000O``; a package whose text without markers contains ``\\u0000`` anywhere is
not stored (it is built per request instead), so a marker can never be confused with data. Entries written
by older code (``package_format`` below :data:`FORMAT`) are built per request as well until
``manage.py catalog_refresh_packages`` rewrites them.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.db.models import Count, Max

from lontar.catalog.ckan.serialize import organization_dict, package_dict
from lontar.catalog.search.ranking import hex_id
from lontar.organisations.models import Organisation

#: version of the stored package text: raise it when ``package_dict`` changes
FORMAT = 1
_BASE = "\x00B"
_ORG = "\x00O"
_BASE_JSON = json.dumps(_BASE)[1:-1]  # \u0000B, inside a JSON string
_ORG_JSON = json.dumps(_ORG)  # "\u0000O", a whole JSON value


@dataclass(frozen=True)
class Encoded:
    """An action result that is JSON text already (the view puts it into the envelope as is)."""

    text: str


def dumps(value: Any) -> str:
    """JSON as the CKAN views write it (UTF-8 text, Django's encoder for dates and decimals)."""
    return json.dumps(value, ensure_ascii=False, cls=DjangoJSONEncoder)


def organisations_version() -> str:
    """Changes whenever an organisation is added, removed or saved (one query)."""
    row = Organisation.objects.aggregate(latest=Max("updated_at"), count=Count("id"))
    return f"{row['count']}-{row['latest'].timestamp() if row['latest'] else 0}"


class _Owner:
    def __init__(self, pk: int) -> None:
        self.pk = pk


def stored_text(snapshot: dict[str, Any], *, created: Any, modified: Any) -> str:
    """The package JSON to store for a published snapshot ("" when it cannot carry markers)."""
    owner = _Owner(snapshot["organisation"]["id"])

    def text(base: str, organization: Any) -> str:
        package = package_dict(
            snapshot, org=owner, base=base, created=created, modified=modified, organization=organization
        )
        return dumps(package)

    if "\\u0000" in text("", {}):  # the data itself has the text of a marker: never store it
        return ""
    return text(_BASE, _ORG)


def _organisation_texts(org_ids: Iterable[int]) -> dict[int, str]:
    """The CKAN organization dict, as JSON, of each organisation of ``org_ids`` (no model instances)."""
    rows = Organisation.objects.filter(pk__in=set(org_ids)).values_list("pk", "slug", "name", "created_at", named=True)
    return {org.pk: dumps(organization_dict(org)) for org in rows}


def _rows(ids: list[str]) -> list[tuple[Any, ...]]:
    """(id, format, stored text, organisation id, snapshot or None, created, modified) of the
    entries ``ids`` (hex): one query, no model instances (ids bound as stored: hex text on
    SQLite, uuid on PostgreSQL). The snapshot is read only where the stored text is not usable."""
    sql = (  # the snapshot and dates only where the stored text cannot be used
        "SELECT e.dataset_id, e.package_format, e.package_json, e.organisation_id, "
        "CASE WHEN e.package_format = %s AND e.package_json <> '' THEN NULL ELSE v.snapshot END, "
        "CASE WHEN e.package_format = %s AND e.package_json <> '' THEN NULL ELSE e.metadata_created END, "
        "CASE WHEN e.package_format = %s AND e.package_json <> '' THEN NULL ELSE e.metadata_modified END "
        "FROM catalog_catalogentry e JOIN catalog_datasetversion v ON v.id = e.version_id WHERE "
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(sql + "e.dataset_id = ANY(%s)", [FORMAT, FORMAT, FORMAT, [uuid.UUID(i) for i in ids]])
        else:
            cursor.execute(sql + f"e.dataset_id IN ({', '.join(['%s'] * len(ids))})", [FORMAT, FORMAT, FORMAT, *ids])
        return cursor.fetchall()


def package_texts(ids: list[str], base: str) -> list[str]:
    """The CKAN package JSON of each public entry of ``ids`` (hex), in that order."""
    if not ids:
        return []
    rows = _rows(ids)
    orgs = _organisation_texts(row[3] for row in rows)
    base_json = json.dumps(base, ensure_ascii=False)[1:-1]
    texts = {}
    for entry_id, fmt, stored, org_id, snapshot, created, modified in rows:
        if fmt == FORMAT and stored:
            text = stored.replace(_BASE_JSON, base_json).replace(_ORG_JSON, orgs[org_id])
        else:
            snap = json.loads(snapshot) if isinstance(snapshot, str) else snapshot
            org = json.loads(orgs[org_id])
            owner = _Owner(org_id)
            package = package_dict(snap, org=owner, base=base, created=created, modified=modified, organization=org)  # type: ignore[arg-type]
            text = dumps(package)
        texts[hex_id(entry_id)] = text
    return [texts[i] for i in ids if i in texts]
