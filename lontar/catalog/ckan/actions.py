"""The read-only CKAN actions Lontar answers. Each takes the request context and the data dict.

Only public, published datasets are ever visible here (everything reads ``CatalogEntry``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Count
from django.http import Http404

from lontar.catalog.ckan import params as p
from lontar.catalog.ckan.errors import NotFound, ValidationFailed
from lontar.catalog.ckan.serialize import entry_package, group_dict, organization_dict, resource_dict, tag_dict, tag_id
from lontar.catalog.models import CatalogEntry, Tag, Topic
from lontar.catalog.selectors.public import entry_get, public_entries, resource_entry
from lontar.organisations.models import Organisation
from lontar.organisations.selectors import organisation_by_id, organisation_by_slug, organisation_list

CKAN_VERSION = "2.10.0"
LIST_MAX = 1000
ALL_FIELDS_MAX = 25


@dataclass(frozen=True)
class Context:
    base: str


Action = Callable[[Context, dict[str, Any]], Any]
ACTIONS: dict[str, Action] = {}


def action(func: Action) -> Action:
    ACTIONS[func.__name__] = func
    return func


def _entry(data: dict[str, Any]) -> CatalogEntry:
    key = p.required(data, "id", "name_or_id", "name")
    try:
        return entry_get(key)
    except Http404 as exc:
        raise NotFound("Not found: Dataset not found") from exc


@action
def package_show(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """One public dataset by id or name."""
    return entry_package(_entry(data), ctx.base)


@action
def package_list(ctx: Context, data: dict[str, Any]) -> list[str]:
    """Names of the public datasets, sorted; limit and offset page it."""
    limit = p.natural(data, "limit", LIST_MAX, maximum=LIST_MAX)
    offset = p.natural(data, "offset", 0, maximum=10_000_000)
    return list(CatalogEntry.objects.order_by("name").values_list("name", flat=True)[offset : offset + limit])


def _package_counts() -> dict[int, int]:
    rows = CatalogEntry.objects.order_by().values_list("organisation_id").annotate(n=Count("pk"))
    return dict(rows)


def _list_page(data: dict[str, Any]) -> tuple[bool, int, int, str]:
    all_fields = p.boolean(data, "all_fields", False)
    limit = p.natural(data, "limit", ALL_FIELDS_MAX if all_fields else LIST_MAX, maximum=LIST_MAX)
    offset = p.natural(data, "offset", 0, maximum=10_000_000)
    sort = p.text(data, "sort", "name asc", max_length=50).strip().lower() or "name asc"
    if sort not in (
        "name asc",
        "name desc",
        "title asc",
        "title desc",
        "package_count desc",
        "package_count asc",
        "name",
        "title",
        "package_count",
    ):
        raise ValidationFailed("sort: Unknown sort", {"sort": ["Use name, title or package_count, asc or desc"]})
    return all_fields, limit, offset, sort


def _sorted(items: list[dict[str, Any]], sort: str) -> list[dict[str, Any]]:
    field, _space, direction = sort.partition(" ")
    key = {"name": "name", "title": "title", "package_count": "package_count"}[field]
    desc = direction == "desc" or (field == "package_count" and not direction)
    return sorted(items, key=lambda d: (d[key], d["name"]), reverse=desc)


@action
def organization_list(ctx: Context, data: dict[str, Any]) -> list[Any]:
    """Organisations (instansi and OPD): names, or dicts with all_fields=true."""
    all_fields, limit, offset, sort = _list_page(data)
    counts = _package_counts()
    wanted = set(p.string_list(data, "organizations"))
    orgs = organisation_list()
    if wanted:
        orgs = orgs.filter(slug__in=wanted)
    items = [organization_dict(o, package_count=counts.get(o.pk, 0)) for o in orgs]
    page = _sorted(items, sort)[offset : offset + limit]
    return page if all_fields else [d["name"] for d in page]


def _organisation(data: dict[str, Any]) -> Organisation:
    key = p.required(data, "id", "name")
    org = organisation_by_slug(key, active_only=True) or (
        organisation_by_id(int(key), active_only=True) if key.isascii() and key.isdigit() and len(key) < 12 else None
    )
    if org is None:
        raise NotFound("Not found: Organization was not found")
    return org


@action
def organization_show(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """One organisation; include_datasets=true adds its public datasets (up to 1000)."""
    org = _organisation(data)
    entries = public_entries().filter(organisation=org).order_by("name")
    result = organization_dict(org, package_count=entries.count())
    if p.boolean(data, "include_datasets", False):
        result["packages"] = [entry_package(e, ctx.base) for e in entries[:LIST_MAX]]
    result["users"] = []
    result["extras"] = [{"key": "kind", "value": org.kind}]
    if org.parent_id and org.parent is not None:
        result["extras"].append({"key": "parent", "value": org.parent.slug})
    return result


def _topic_counts() -> dict[int, int]:
    rows = CatalogEntry.topics.through.objects.order_by().values_list("topic_id").annotate(n=Count("id"))
    return dict(rows)


@action
def group_list(ctx: Context, data: dict[str, Any]) -> list[Any]:
    """Groups are the urusan pemerintahan (topics)."""
    all_fields, limit, offset, sort = _list_page(data)
    counts = _topic_counts()
    items = [group_dict(t, package_count=counts.get(t.pk, 0)) for t in Topic.objects.all()]
    page = _sorted(items, sort)[offset : offset + limit]
    return page if all_fields else [d["name"] for d in page]


@action
def group_show(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    key = p.required(data, "id", "name")
    topic = Topic.objects.filter(slug=key).first()
    if topic is None:
        raise NotFound("Not found: Group was not found")
    entries = public_entries().filter(topics=topic).order_by("name")
    result = group_dict(topic, package_count=entries.count())
    if p.boolean(data, "include_datasets", False):
        result["packages"] = [entry_package(e, ctx.base) for e in entries[:LIST_MAX]]
    return result


@action
def tag_list(ctx: Context, data: dict[str, Any]) -> list[Any]:
    """Tags of the public datasets; ``query`` filters by substring."""
    query = p.text(data, "query", max_length=100).strip().lower()
    tags = Tag.objects.filter(entries__isnull=False).distinct().order_by("name")
    if query:
        tags = tags.filter(name__contains=query)
    names = list(tags.values_list("name", flat=True)[:LIST_MAX])
    if p.boolean(data, "all_fields", False):
        return [tag_dict(n) for n in names]
    return names


@action
def tag_show(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """A tag of the public datasets by name or id; include_datasets=true adds its datasets (up to 1000)."""
    key = p.required(data, "id")
    if data.get("vocabulary_id") not in (None, ""):
        raise NotFound("Not found")  # Lontar has free tags only
    names = Tag.objects.filter(entries__isnull=False).distinct().values_list("name", flat=True)
    name = names.filter(name=key.lower()).first()
    if name is None and len(key) == 36:
        name = next((n for n in names if tag_id(n) == key.lower()), None)
    if name is None:
        raise NotFound("Not found")
    result = tag_dict(name)
    if p.boolean(data, "include_datasets", False):
        entries = public_entries().filter(tags__name=name).order_by("name")[:LIST_MAX]
        result["packages"] = [entry_package(e, ctx.base) for e in entries]
    return result


@action
def resource_show(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """One resource of a public dataset, by its id."""
    key = p.required(data, "id")
    try:
        entry, rv = resource_entry(key)
    except Http404 as exc:
        raise NotFound("Not found: Resource was not found.") from exc
    snap = entry.version.snapshot
    position = next(i for i, r in enumerate(snap["resources"]) if r["id"] == str(rv.resource_id))
    return resource_dict(rv.snapshot, package_id=snap["id"], slug=snap["slug"], base=ctx.base, position=position)


@action
def status_show(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """The site and the CKAN API version it is compatible with."""
    return {
        "site_title": "Lontar · Satu Data NTT",
        "site_description": "Satu Data Provinsi Nusa Tenggara Timur",
        "site_url": ctx.base,
        "ckan_version": CKAN_VERSION,
        "error_emails_to": None,
        "locale_default": settings.LANGUAGE_CODE,
        "extensions": ["lontar"],
    }


@action
def site_read(ctx: Context, data: dict[str, Any]) -> bool:
    return True


@action
def help_show(ctx: Context, data: dict[str, Any]) -> str:
    """The documentation of an action."""
    name = p.required(data, "name")
    func = ACTIONS.get(name)
    if func is None:
        raise NotFound(f"Not found: Action function not found: {name[:60]}")
    return (func.__doc__ or "").strip()
