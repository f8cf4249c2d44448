"""What the CKAN DataStore actions and the dump share: the public resource behind a resource id,
its fields with CKAN types and data-dictionary ``info``, and CKAN's answer to a refused search."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.http import Http404

from lontar.catalog.ckan import datastore_params as dp
from lontar.catalog.ckan.errors import NotFound, ValidationFailed
from lontar.catalog.selectors.public import resource_entry
from lontar.datastore.models import DatastoreTable
from lontar.datastore.query import engine
from lontar.datastore.query.messages import query_message
from lontar.datastore.query.search import SearchError
from lontar.datastore.query.values import json_default
from lontar.datastore.selectors import column_overrides_of, public_table

LIKE_MAX = 60
#: Lontar column type -> CKAN DataStore field type
FIELD_TYPES = {
    "integer": "int",
    "decimal": "numeric",
    "text": "text",
    "date": "date",
    "boolean": "bool",
    "region": "text",
}


@dataclass
class PublicResource:
    resource_id: str
    table: DatastoreTable
    dictionary: list[dict[str, Any]]


def public_resource(resource_id: str) -> PublicResource:
    """The public resource, its public table and its published data dictionary; NotFound otherwise."""
    try:
        entry, rv = resource_entry(resource_id)
        table = public_table(f"{entry.name}/{rv.snapshot['slug']}")
    except Http404 as exc:
        raise NotFound("Not found: Resource was not found.") from exc
    return PublicResource(str(rv.resource_id), table, list(rv.snapshot.get("columns") or []))


def public_resource_table(resource_id: str) -> tuple[str, DatastoreTable]:
    """(resource id, table) for a public resource with a public table; NotFound otherwise."""
    found = public_resource(resource_id)
    return found.resource_id, found.table


def field_info(resource: PublicResource) -> dict[str, dict[str, str]]:
    """CKAN's ``info`` of each described column: label, notes (the description), type_override
    (the type the data dictionary made the loader use, else empty) and unit when given."""
    overrides = column_overrides_of(resource.table.pk)
    info: dict[str, dict[str, str]] = {}
    for column in resource.dictionary:
        name = column.get("name")
        if not name:
            continue
        forced = overrides.get(name) if isinstance(overrides, dict) else None
        entry = {
            "label": column.get("label") or "",
            "notes": column.get("description") or "",
            "type_override": FIELD_TYPES.get(forced, "") if isinstance(forced, str) else "",
        }
        if column.get("unit"):
            entry["unit"] = column["unit"]
        info[name] = entry
    return info


def result_fields(names: list[str], types: dict[str, str], info: dict[str, dict[str, str]]) -> list[dict[str, Any]]:
    fields = []
    for name in names:
        item: dict[str, Any] = {"id": name, "type": FIELD_TYPES.get(types[name], "text")}
        if name in info:
            item["info"] = info[name]
        fields.append(item)
    return fields


def plain_value(value: Any) -> Any:
    try:
        return json_default(value)
    except TypeError:
        return value


@contextlib.contextmanager
def search_errors() -> Iterator[None]:
    """The builder's and the database's refusals as CKAN's 409 Validation Error."""
    try:
        yield
    except SearchError as exc:
        if exc.kind == "pattern":
            raise dp.invalid("q", f"Each search word is at most {LIKE_MAX} characters") from exc
        if exc.kind == "params":
            raise dp.invalid("filters", "Too many values in one search") from exc
        raise dp.invalid_value("fields", exc.detail) from exc
    except engine.QueryError as exc:
        if exc.kind == "timeout":
            raise ValidationFailed("query: Search took too long", {"query": ["Search took too long"]}) from exc
        title, detail = query_message(exc)
        raise ValidationFailed(f"{title} {detail}", {"query": ["Invalid query"]}) from exc
