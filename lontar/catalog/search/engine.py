"""Catalogue search over the public entries: clauses → queryset, facets, sort and page.

Used by the portal (/dataset/) and by CKAN ``package_search``. Raises ``QueryError`` on
parameters it cannot apply (an unparsable date, a bad year).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet

from lontar.catalog.models import CatalogEntry, EntryFormat, EntryYear, ResourceFormat
from lontar.catalog.search import backend
from lontar.catalog.search.query import TEXT_FIELDS, Clause, QueryError, parse_datetime, parse_year
from lontar.catalog.selectors.public import parse_uuid, public_entries

FACET_FIELDS = ("organization", "groups", "tags", "res_format", "license_id", "year")
MAX_ROWS = 1000
NOTHING = Q(pk__in=[])
TopicLink = CatalogEntry.topics.through
TagLink = CatalogEntry.tags.through


@dataclass
class SearchParams:
    words: list[str] = field(default_factory=list)
    clauses: list[Clause] = field(default_factory=list)
    sort: list[tuple[str, bool]] = field(default_factory=lambda: [("metadata_modified", True)])
    start: int = 0
    rows: int = 10
    facet_fields: list[str] = field(default_factory=list)
    facet_limit: int = 50


@dataclass(frozen=True)
class FacetItem:
    name: str
    display_name: str
    count: int


@dataclass
class SearchResult:
    count: int
    entries: list[CatalogEntry]
    facets: dict[str, list[FacetItem]]


_FORMATS = {f.lower(): f for f in ResourceFormat.values}


def _formats(values: tuple[str, ...]) -> list[str]:
    return [_FORMATS.get(v.lower(), v) for v in values]


def _lower(values: tuple[str, ...]) -> list[str]:
    return [v.lower() for v in values]


def _in_links(model: Any, column: str, condition: Q) -> Q:
    return Q(pk__in=model.objects.filter(condition).values(column))


def _date_q(name: str, clause: Clause) -> Q:
    if not clause.is_range:
        days = [parse_datetime(v) for v in clause.values]
        q = NOTHING
        for day in days:
            q |= Q(**{f"{name}__gte": day, f"{name}__lt": day + dt.timedelta(days=1)})
        return q
    q = Q()
    if clause.low is not None:
        q &= Q(**{f"{name}__{'gte' if clause.low_inclusive else 'gt'}": parse_datetime(clause.low)})
    if clause.high is not None:
        q &= Q(**{f"{name}__{'lte' if clause.high_inclusive else 'lt'}": parse_datetime(clause.high)})
    return q


def _year_q(clause: Clause) -> Q:
    if not clause.is_range:
        return _in_links(EntryYear, "entry_id", Q(year__in=[parse_year(v) for v in clause.values]))
    condition = Q()
    if clause.low is not None:
        condition &= Q(**{"year__gte" if clause.low_inclusive else "year__gt": parse_year(clause.low)})
    if clause.high is not None:
        condition &= Q(**{"year__lte" if clause.high_inclusive else "year__lt": parse_year(clause.high)})
    return _in_links(EntryYear, "entry_id", condition)


def _owner_q(values: tuple[str, ...]) -> Q:
    ids = [int(v) for v in values if v.isascii() and v.isdigit() and len(v) < 12]
    return Q(organisation_id__in=ids) | Q(organisation__slug__in=values)


def _constant_q(values: tuple[str, ...], accepted: str) -> Q:
    return Q() if accepted in _lower(values) else NOTHING


def _flag_q(name: str, values: tuple[str, ...]) -> Q:
    wanted = {v.lower() in ("true", "1", "yes", "ya") for v in values}
    return Q(**{f"{name}__in": list(wanted)})


def clause_q(clause: Clause) -> Q:
    """The filter for one clause (text clauses are handled as full-text words instead)."""
    f, values = clause.field, clause.values
    table = {
        "organization": lambda: Q(organisation__slug__in=values),
        "owner_org": lambda: _owner_q(values),
        "tags": lambda: _in_links(TagLink, "catalogentry_id", Q(tag__name__in=_lower(values))),
        "groups": lambda: _in_links(TopicLink, "catalogentry_id", Q(topic__slug__in=values)),
        "res_format": lambda: _in_links(EntryFormat, "entry_id", Q(format__in=_formats(values))),
        "license_id": lambda: Q(licence__in=values),
        "name": lambda: Q(name__in=values),
        "id": lambda: Q(dataset_id__in=[u for u in map(parse_uuid, values) if u is not None]),
        "state": lambda: _constant_q(values, "active"),
        "capacity": lambda: _constant_q(values, "public"),
        "dataset_type": lambda: _constant_q(values, "dataset"),
        "type": lambda: _constant_q(values, "dataset"),
        "is_sample": lambda: _flag_q("is_sample", values),
        "prioritas": lambda: _flag_q("is_prioritas", values),
    }
    if f in ("metadata_modified", "metadata_created"):
        q = _date_q(f, clause)
    elif f == "year":
        q = _year_q(clause)
    elif clause.is_range:
        raise QueryError(f"{f} does not take a range")
    else:
        q = table[f]()
    return ~q if clause.negate else q


def filtered(params: SearchParams) -> tuple[QuerySet[CatalogEntry], list[str]]:
    """Entries matching every clause and every full-text word, and those words."""
    qs = CatalogEntry.objects.all()
    words = list(params.words)
    for clause in params.clauses:
        if clause.field in TEXT_FIELDS:
            if not clause.negate:
                words += list(clause.values)
            continue
        qs = qs.filter(clause_q(clause))
    terms = backend.tokens(" ".join(words))
    return backend.filter_text(qs, terms), terms


def _order(qs: QuerySet, sort: list[tuple[str, bool]], terms: list[str]) -> QuerySet:
    fields: list[str] = []
    for name, desc in sort:
        if name == "score" and not terms:
            continue
        column = {"id": "dataset_id"}.get(name, name)
        fields.append(f"-{column}" if desc else column)
    return qs.order_by(*fields, "dataset_id")


def facets(qs: QuerySet, names: list[str], limit: int) -> dict[str, list[FacetItem]]:
    ids = qs.values("pk")
    result: dict[str, list[FacetItem]] = {}
    for name in names:
        result[name] = _facet(name, qs, ids, limit)
    return result


def _facet(name: str, qs: QuerySet, ids: QuerySet, limit: int) -> list[FacetItem]:
    if name == "organization":
        rows = qs.order_by().values_list("organisation__slug", "organisation__name").annotate(n=Count("pk"))
    elif name == "license_id":
        rows = qs.order_by().values_list("licence", "licence").annotate(n=Count("pk"))
    elif name == "groups":
        rows = (
            TopicLink.objects.filter(catalogentry_id__in=ids)
            .values_list("topic__slug", "topic__name")
            .annotate(n=Count("id"))
        )
    elif name == "tags":
        rows = (
            TagLink.objects.filter(catalogentry_id__in=ids)
            .values_list("tag__name", "tag__name")
            .annotate(n=Count("id"))
        )
    elif name == "res_format":
        rows = EntryFormat.objects.filter(entry_id__in=ids).values_list("format", "format").annotate(n=Count("id"))
    elif name == "year":
        rows = EntryYear.objects.filter(entry_id__in=ids).values_list("year", "year").annotate(n=Count("id"))
    else:
        raise QueryError(f"cannot facet on {name[:40]!r}")
    items = [FacetItem(name=str(a), display_name=str(b), count=n) for a, b, n in rows]
    items.sort(key=lambda item: (-item.count, item.display_name))
    return items if limit < 0 else items[:limit]


def search(params: SearchParams) -> SearchResult:
    qs, terms = filtered(params)
    count = qs.count()
    page_qs = _order(backend.with_score(qs, terms), params.sort, terms)
    start, rows = max(params.start, 0), min(max(params.rows, 0), MAX_ROWS)
    entries = list(page_qs.select_related("version", "organisation")[start : start + rows]) if rows else []
    return SearchResult(count=count, entries=entries, facets=facets(qs, params.facet_fields, params.facet_limit))


__all__ = ["FACET_FIELDS", "MAX_ROWS", "FacetItem", "SearchParams", "SearchResult", "public_entries", "search"]
