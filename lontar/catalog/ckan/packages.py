"""CKAN package dicts of many entries at once, as JSON text cached per entry.

``package_search`` answers up to 1000 packages. Building each from model instances (entry,
version, organisation, its parent) and encoding the whole answer cost most of its time, so each
package's JSON is cached under the catalogue version, the organisations' version (a package
carries its organisation's name) and the site address; a page of packages is one ``get_many``,
and whatever is missing is built from one query of plain values (no model instances) plus one
query for the organisations. The texts are spliced into the answer as they are
(:class:`Encoded`), never decoded and encoded again.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.db.models import Count, Max

from lontar.catalog.ckan.serialize import organization_dict, package_dict
from lontar.catalog.search import cache as search_cache
from lontar.catalog.search.ranking import hex_id
from lontar.organisations.models import Organisation

TIMEOUT = 3600


@dataclass(frozen=True)
class Encoded:
    """An action result that is JSON text already (the view puts it into the envelope as is)."""

    text: str


def dumps(value: Any) -> str:
    """JSON as the CKAN views write it (UTF-8 text, Django's encoder for dates and decimals)."""
    return json.dumps(value, ensure_ascii=False, cls=DjangoJSONEncoder)


def organisations_version() -> str:
    row = Organisation.objects.aggregate(latest=Max("updated_at"), count=Count("id"))
    return f"{row['count']}-{row['latest'].timestamp() if row['latest'] else 0}"


def _rows(ids: list[str]) -> list[tuple[Any, ...]]:
    """(id, snapshot, created, modified, organisation id) of the entries ``ids`` (hex): one query,
    no model instances (ids are bound as they are stored: hex text on SQLite, uuid on PostgreSQL)."""
    sql = (
        "SELECT e.dataset_id, v.snapshot, e.metadata_created, e.metadata_modified, e.organisation_id "
        "FROM catalog_catalogentry e JOIN catalog_datasetversion v ON v.id = e.version_id WHERE "
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(sql + "e.dataset_id = ANY(%s)", [[uuid.UUID(i) for i in ids]])
        else:
            cursor.execute(sql + f"e.dataset_id IN ({', '.join(['%s'] * len(ids))})", ids)
        return cursor.fetchall()


def _build(ids: list[str], base: str) -> dict[str, str]:
    """Package JSON of the entries ``ids`` (hex)."""
    rows = _rows(ids)
    orgs = Organisation.objects.only("slug", "name", "created_at").in_bulk({row[4] for row in rows})
    org_dicts = {pk: organization_dict(org) for pk, org in orgs.items()}
    built = {}
    for entry_id, snapshot, created, modified, org_id in rows:
        snap = json.loads(snapshot) if isinstance(snapshot, str) else snapshot
        package = package_dict(
            snap, org=orgs[org_id], base=base, created=created, modified=modified, organization=org_dicts[org_id]
        )
        built[hex_id(entry_id)] = dumps(package)
    return built


def package_texts(ids: list[str], base: str) -> list[str]:
    """The CKAN package JSON of each public entry of ``ids`` (hex), in that order."""
    if not ids:
        return []
    site = hashlib.sha256(base.encode()).hexdigest()[:16]
    prefix = f"catalog:package:{search_cache.current_version()}:{organisations_version()}:{site}:"
    found = cache.get_many([prefix + i for i in ids])
    texts = {key[len(prefix) :]: text for key, text in found.items()}
    missing = [i for i in ids if i not in texts]
    if missing:
        built = _build(missing, base)
        cache.set_many({prefix + i: text for i, text in built.items()}, TIMEOUT)
        texts.update(built)
    return [texts[i] for i in ids if i in texts]
