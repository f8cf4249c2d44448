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

from lontar.catalog.ckan.serialize import organization_dict, package_dict
from lontar.catalog.search.ranking import hex_id
from lontar.organisations.selectors import organisations_by_ids

#: version of the stored package text: raise it when ``package_dict`` changes
FORMAT = 2  # 2: tags carry their id
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
    rows = organisations_by_ids(set(org_ids)).values_list("pk", "slug", "name", "created_at", named=True)
    return {org.pk: dumps(organization_dict(org)) for org in rows}


def _select(sql: str, ids: list[str]) -> list[tuple[Any, ...]]:
    """Rows of ``sql`` (ending in ``WHERE``) for the entries ``ids`` (hex), bound as stored: hex
    text on SQLite, uuid on PostgreSQL."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(sql + " e.dataset_id = ANY(%s)", [[uuid.UUID(i) for i in ids]])
        else:
            cursor.execute(sql + f" e.dataset_id IN ({', '.join(['%s'] * len(ids))})", ids)
        return cursor.fetchall()


def _built(rows: list[tuple[Any, ...]], base: str, orgs: dict[int, str]) -> dict[str, str]:
    """Packages built per request, for entries whose stored text cannot be used."""
    ids = [hex_id(row[0]) for row in rows]
    sql = (
        "SELECT e.dataset_id, e.organisation_id, v.snapshot, e.metadata_created, e.metadata_modified "
        "FROM catalog_catalogentry e JOIN catalog_datasetversion v ON v.id = e.version_id WHERE"
    )
    built = {}
    for entry_id, org_id, snapshot, created, modified in _select(sql, ids):
        snap = json.loads(snapshot) if isinstance(snapshot, str) else snapshot
        package = package_dict(
            snap,
            org=_Owner(org_id),  # type: ignore[arg-type]
            base=base,
            created=created,
            modified=modified,
            organization=json.loads(orgs[org_id]),
        )
        built[hex_id(entry_id)] = dumps(package)
    return built


def package_texts(ids: list[str], base: str) -> list[str]:
    """The CKAN package JSON of each public entry of ``ids`` (hex), in that order."""
    if not ids:
        return []
    sql = "SELECT e.dataset_id, e.package_format, e.package_json, e.organisation_id FROM catalog_catalogentry e WHERE"
    rows = _select(sql, ids)
    orgs = _organisation_texts(row[3] for row in rows)
    base_json = json.dumps(base, ensure_ascii=False)[1:-1]
    texts = {
        hex_id(entry_id): stored.replace(_BASE_JSON, base_json).replace(_ORG_JSON, orgs[org_id])
        for entry_id, fmt, stored, org_id in rows
        if fmt == FORMAT and stored
    }
    if len(texts) < len(rows):
        texts.update(_built([row for row in rows if not (row[1] == FORMAT and row[2])], base, orgs))
    return [texts[i] for i in ids if i in texts]
