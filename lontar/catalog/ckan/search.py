"""The CKAN search actions: package_search, current_package_list_with_resources,
package_autocomplete and resource_search (shapes as in CKAN 2.10/2.11 ``ckan/logic/action/get.py``).

``q``, ``fq`` and ``fq_list`` are parsed by :mod:`lontar.catalog.search.solr` (the Solr subset CKAN
clients send) and run as SQL on the catalogue index; only public, published datasets are ever seen.
"""

from __future__ import annotations

import json
import re
from typing import Any

from django.db.models import Q

from lontar.catalog.ckan import params as p
from lontar.catalog.ckan.actions import Context, action
from lontar.catalog.ckan.errors import SearchQueryError, ValidationFailed
from lontar.catalog.ckan.packages import Encoded, dumps, package_texts
from lontar.catalog.ckan.serialize import resource_dict
from lontar.catalog.models import CatalogEntry
from lontar.catalog.search import backend, engine, solr
from lontar.catalog.search.query import QueryError, parse_sort

#: the keys package_search takes (CKAN's schema and ``VALID_SOLR_PARAMETERS``); Solr tuning
#: parameters (qf, bf, boost, tie, defType, mm, df, wt) are accepted and have no effect
SEARCH_KEYS = frozenset(
    {
        "q",
        "fq",
        "fq_list",
        "rows",
        "start",
        "sort",
        "facet",
        "facet.field",
        "facet.limit",
        "facet.mincount",
        "fl",
        "include_private",
        "include_drafts",
        "include_deleted",
        "use_default_schema",
        "extras",
        "qf",
        "bf",
        "boost",
        "tie",
        "defType",
        "mm",
        "df",
        "wt",
    }
)
AUTOCOMPLETE_MAX = 100
_FL_SPLIT = re.compile(r"[\s,]+")


def _query_error(exc: Exception) -> SearchQueryError:
    """CKAN's answer to a query Solr cannot run: 400 "Search Query is invalid: ('…',)"."""
    return SearchQueryError(f"Search Query is invalid: {(str(exc),)!r}")


def _tree(data: dict[str, Any]) -> solr.Node:
    """``q``, ``fq`` and every ``fq_list`` item, all required."""
    texts = [
        p.text(data, "q", max_length=solr.MAX_LENGTH),
        p.text(data, "fq", max_length=solr.MAX_LENGTH),
        *p.string_list(data, "fq_list"),
    ]
    if texts[0].strip() in ('""', "''"):  # CKAN: an empty quoted q is "everything"
        texts[0] = ""
    items: list[solr.Node] = []
    for position, text in enumerate(texts):
        try:
            items += solr.conjuncts(solr.parse(text))
        except solr.SolrSyntaxError as exc:
            if position == 0 and ":" not in text:
                # CKAN runs a q without ":" through Solr's forgiving dismax parser: words, then
                items += [solr.Term(word) for word in backend.tokens(text)]
                continue
            raise _query_error(exc) from exc
    if len(items) > solr.MAX_TERMS:
        raise _query_error(QueryError(f"more than {solr.MAX_TERMS} terms"))
    return solr.And(tuple(items)) if len(items) > 1 else (items[0] if items else solr.MatchAll())


def _split(tree: solr.Node) -> tuple[list[str], str]:
    """(plain free-text words every result has, the rest as canonical Solr text)."""
    words: list[str] = []
    rest: list[solr.Node] = []
    for item in solr.conjuncts(tree):
        if isinstance(item, solr.Term) and item.field is None and not item.phrase:
            words.append(item.value)
        else:
            rest.append(item)
    if not rest:
        return words, ""
    return words, solr.to_text(rest[0] if len(rest) == 1 else solr.And(tuple(rest)))


def search_params(data: dict[str, Any]) -> engine.SearchParams:
    unknown = sorted(k for k in data if k not in SEARCH_KEYS and not k.startswith("ext_"))
    if unknown:
        raise SearchQueryError(f"Invalid search parameters: {unknown[:10]!r}")
    words, query = _split(_tree(data))
    sort_text = p.text(data, "sort", max_length=200)
    try:
        sort = parse_sort("" if sort_text.strip() == "rank" else sort_text, has_text=bool(words) or bool(query))
    except QueryError as exc:
        raise SearchQueryError('Invalid "sort" parameter') from exc
    facet_on = p.boolean(data, "facet", True)
    fields = p.string_list(data, "facet.field") if facet_on else []
    unknown_facets = [f for f in fields if f not in engine.FACET_FIELDS]
    if unknown_facets:
        raise _query_error(QueryError(f"cannot facet on {unknown_facets[0][:40]!r}"))
    return engine.SearchParams(
        words=words,
        query=query,
        sort=sort,
        start=p.natural(data, "start", 0, maximum=10_000_000),
        rows=p.natural(data, "rows", 10, maximum=engine.MAX_ROWS),
        facet_fields=fields,
        facet_limit=p.integer(data, "facet.limit", 50, minimum=-1, maximum=1000),
    )


def _fl_fields(data: dict[str, Any]) -> list[str]:
    raw = data.get("fl")
    if raw in (None, "", []):
        return []
    values = raw if isinstance(raw, list) else [raw]
    if not all(isinstance(v, str) for v in values):
        raise ValidationFailed("fl: Must be a string or a list of strings", {"fl": ["Must be a list of strings"]})
    fields = [f for v in values for f in _FL_SPLIT.split(v) if f]
    if len(fields) > 50 or any(len(f) > 100 for f in fields):
        raise ValidationFailed("fl: Too many fields", {"fl": ["At most 50 field names"]})
    return fields


def _index_value(package: dict[str, Any], name: str) -> Any:
    """The value Solr's CKAN schema stores under ``name`` for this package (missing: ``...``)."""
    extras = {e["key"]: e["value"] for e in package.get("extras", [])}
    resources = package.get("resources", [])
    derived = {
        "organization": (package.get("organization") or {}).get("name"),
        "tags": [t["name"] for t in package.get("tags", [])],
        "groups": [g["name"] for g in package.get("groups", [])],
        "res_format": [r["format"] for r in resources],
        "res_name": [r["name"] for r in resources],
        "res_url": [r["url"] for r in resources],
        "res_description": [r["description"] for r in resources],
        "capacity": "public",
        "data_dict": dumps(package),
        "validated_data_dict": dumps(package),
    }
    if name in derived:
        return derived[name]
    if name.startswith("extras_"):
        return extras.get(name.removeprefix("extras_"), ...)
    return package.get(name, ...)


def projected(package: dict[str, Any], fields: list[str]) -> dict[str, Any]:
    """A result as CKAN gives it with ``fl``: only those index fields, extras under their own key."""
    if "*" in fields:
        return package
    result: dict[str, Any] = {}
    for name in fields:
        value = _index_value(package, name)
        if value is not ...:
            result[name.removeprefix("extras_") if name.startswith("extras_") else name] = value
    return result


def run_search(ctx: Context, data: dict[str, Any]) -> tuple[int, list[str], dict[str, list[engine.FacetItem]], str]:
    """(count, result texts, facets, sort text) of a package_search request."""
    params = search_params(data)
    try:
        count, ids, found = engine.search_ids(params)
    except QueryError as exc:
        raise _query_error(exc) from exc
    mincount = p.natural(data, "facet.mincount", 1, maximum=10_000_000)
    found = {name: [i for i in items if i.count >= mincount] for name, items in found.items()}
    texts = package_texts(ids, ctx.base)
    fields = _fl_fields(data)
    if fields:
        texts = [dumps(projected(json.loads(t), fields)) for t in texts]
    sort = p.text(data, "sort", max_length=200) or ", ".join(f"{n} {'desc' if d else 'asc'}" for n, d in params.sort)
    return count, texts, found, sort


@action
def package_search(ctx: Context, data: dict[str, Any]) -> Encoded:
    """Search public datasets. q and fq take the Solr syntax CKAN clients send: field:value,
    "phrases", ranges [X TO Y] with * and NOW-1DAY, AND/OR/NOT, +/-, parentheses; fq_list,
    rows (≤ 1000), start, sort (score|id|name|title_string|metadata_modified|metadata_created|
    num_resources|num_tags asc|desc), facet.field (JSON list), facet.limit, facet.mincount, fl.
    Private and non-public datasets never appear."""
    count, texts, found, sort = run_search(ctx, data)
    facets = {name: {i.name: i.count for i in items} for name, items in found.items()}
    search_facets = {
        name: {
            "title": name,
            "items": [
                {"name": i.name, "display_name": i.display_name, "count": i.count}
                for i in sorted(items, key=lambda i: i.display_name, reverse=True)
            ],
        }
        for name, items in found.items()
    }
    return Encoded(
        f'{{"count": {count}, "results": [{", ".join(texts)}], "facets": {dumps(facets)}, '
        f'"search_facets": {dumps(search_facets)}, "sort": {dumps(sort)}}}'
    )


@action
def current_package_list_with_resources(ctx: Context, data: dict[str, Any]) -> Encoded:
    """Public datasets with their resources, most recently modified first; limit (default 10,
    ≤ 1000) and offset (or the deprecated page) page it."""
    limit = p.natural(data, "limit", 10, maximum=engine.MAX_ROWS)
    offset = p.natural(data, "offset", 0, maximum=10_000_000)
    if "offset" not in data and "page" in data:
        page = p.natural(data, "page", 1, maximum=10_000_000)
        offset = max(page - 1, 0) * limit
    params = engine.SearchParams(sort=[("metadata_modified", True)], start=offset, rows=limit)
    _count, ids, _facets = engine.search_ids(params)
    return Encoded(f"[{', '.join(package_texts(ids, ctx.base))}]")


@action
def package_autocomplete(ctx: Context, data: dict[str, Any]) -> list[dict[str, str]]:
    """Public datasets whose name or title contains q (case-insensitive); limit (default 10)."""
    q = p.required(data, "q")
    limit = p.natural(data, "limit", 10, maximum=AUTOCOMPLETE_MAX)
    needle = q.lower()
    rows = CatalogEntry.objects.filter(Q(name__icontains=needle) | Q(title__icontains=q)).values_list("name", "title")
    matches = sorted(rows, key=lambda r: (needle not in r[0], not r[0].startswith(needle), r[0]))[:limit]
    result = []
    for name, title in matches:
        by_name = needle in name
        result.append(
            {
                "name": name,
                "title": title,
                "match_field": "name" if by_name else "title",
                "match_displayed": name if by_name else f"{title} ({name})",
            }
        )
    return result


RESOURCE_FIELDS = (
    "id",
    "package_id",
    "name",
    "description",
    "format",
    "mimetype",
    "url",
    "url_type",
    "hash",
    "size",
    "created",
    "last_modified",
    "metadata_modified",
    "position",
    "state",
    "resource_type",
)


#: resource fields stored as such in the snapshot (the others are derived by ``resource_dict``)
_SNAPSHOT_FIELDS = frozenset({"id", "name", "description", "format", "size"})
_PLAIN_TERM = re.compile(r"^[A-Za-z0-9 _.:-]{1,100}$")


def _resource_criteria(data: dict[str, Any]) -> dict[str, str]:
    raw = data.get("query")
    if raw is None or raw == "":
        raise ValidationFailed("query: Missing value", {"query": ["Missing value"]})
    items = p.string_list(data, "query") if isinstance(raw, list) else [p.text(data, "query", max_length=500)]
    if not all(":" in item for item in items):
        raise ValidationFailed("query: Must be <field>:<value> pair(s)", {"query": ["Must be <field>:<value> pair(s)"]})
    criteria = dict(item.split(":", 1) for item in items)
    for field in criteria:
        if field not in RESOURCE_FIELDS:
            message = f'Field "{field[:40]}" not recognised in resource_search.'
            raise ValidationFailed(f"query: {message}", {"query": [message]})
    return criteria


def _matches(resource: dict[str, Any], criteria: dict[str, str]) -> bool:
    for field, term in criteria.items():
        value = "" if resource.get(field) is None else str(resource[field]).lower()
        if field == "hash":
            if not (value.startswith(term.lower()) or value.removeprefix("sha256:").startswith(term.lower())):
                return False
        elif term.lower() not in value:
            return False
    return True


@action
def resource_search(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Resources of public datasets: query "field:term" (or a list, ANDed; a case-insensitive
    substring, a prefix for hash), order_by (a resource field, ascending), offset, limit."""
    criteria = _resource_criteria(data)
    order_by = p.text(data, "order_by", max_length=50)
    if order_by and order_by not in RESOURCE_FIELDS:
        raise ValidationFailed("order_by: Unknown field", {"order_by": [f"Use one of {', '.join(RESOURCE_FIELDS)}"]})
    offset = p.natural(data, "offset", 0, maximum=10_000_000)
    limit = p.natural(data, "limit", 0, maximum=10_000_000) if data.get("limit") not in (None, "") else None
    found = []
    entries = CatalogEntry.objects.select_related("version").order_by("name")
    for field, term in criteria.items():
        if field in _SNAPSHOT_FIELDS and _PLAIN_TERM.match(term):
            # a cheap first cut in SQL: the term occurs somewhere in the entry's resources
            entries = entries.filter(version__snapshot__resources__icontains=term)
    for entry in entries.iterator(chunk_size=200):
        snap = entry.version.snapshot
        for position, res in enumerate(snap["resources"]):
            resource = resource_dict(res, package_id=snap["id"], slug=snap["slug"], base=ctx.base, position=position)
            if _matches(resource, criteria):
                found.append(resource)
    if order_by:
        found.sort(key=lambda r: (r.get(order_by) is None, str(r.get(order_by) or "")))
    page = found[offset : offset + limit] if limit is not None else found[offset:]
    return {"count": len(found), "results": page}
