"""Catalogue search over the public entries: clauses → queryset, facets, sort and page.

Used by the portal (/dataset/) and by CKAN ``package_search``. Raises ``QueryError`` on
parameters it cannot apply (an unparsable date, a bad year).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import F, Q, QuerySet
from django.db.models.functions import Collate

from lontar.catalog.models import CatalogEntry, EntryFormat, EntryYear, ResourceFormat, Topic
from lontar.catalog.reference import licence
from lontar.catalog.search import backend, facet_index, plain, ranking
from lontar.catalog.search import cache as search_cache
from lontar.catalog.search.query import TEXT_FIELDS, Clause, QueryError, parse_datetime, parse_year
from lontar.catalog.selectors.public import parse_uuid, public_entries
from lontar.organisations.selectors import organisation_names

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


def filtered(params: SearchParams, *, text: bool = True) -> tuple[QuerySet[CatalogEntry], list[str]]:
    """Entries matching every clause (and every full-text word unless ``text=False``), and the words."""
    qs = CatalogEntry.objects.all()
    words = list(params.words)
    for clause in params.clauses:
        if clause.field in TEXT_FIELDS:
            if not clause.negate:
                words += list(clause.values)
            continue
        qs = qs.filter(clause_q(clause))
    terms = backend.tokens(" ".join(words))
    return (backend.filter_text(qs, terms) if text else qs), terms


def _display_names(field: str, values: list[str]) -> dict[str, str]:
    if field == "organization":
        return organisation_names(values)
    if field == "groups":
        return dict(Topic.objects.filter(slug__in=values).values_list("slug", "name"))
    if field == "license_id":
        return {v: getattr(licence(v), "title", v) for v in values}
    return {}


def facet_items(counters: dict[str, Any], limit: int) -> dict[str, list[FacetItem]]:
    result: dict[str, list[FacetItem]] = {}
    for name, counter in counters.items():
        top = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
        top = top if limit < 0 else top[:limit]
        names = _display_names(name, [v for v, _n in top])
        result[name] = [FacetItem(name=v, display_name=names.get(v, v), count=n) for v, n in top]
    return result


def _order_by(sort: list[tuple[str, bool]]) -> list[Any]:
    """ORM ordering for ``sort`` (no "score", no "title"), then the id; text by code point."""
    fields = []
    for name, desc in sort:
        column = ranking.SORT_COLUMNS.get(name)
        if column is None:
            continue
        expression: Any = F(column)
        if name == "name" and connection.vendor == "postgresql":
            expression = Collate(expression, "C")
        fields.append(expression.desc() if desc else expression.asc())
    return [*fields, F("pk").asc()]


def page_ids(within: QuerySet, terms: list[str], sort: list[tuple[str, bool]], start: int, size: int) -> list[str]:
    """One page of the ids of the entries of ``within`` matching ``terms``, in ``sort`` order.

    The database orders and keeps the page — by relevance too (:func:`backend.relevance_page`) —
    except for sorts on the title, which compare case-folded text in Python (:mod:`plain`)."""
    if not size:
        return []
    if any(name == "title" for name, _desc in sort):
        return plain.ordered_ids(backend.filter_text(within, terms), sort, terms, start, size)[1]
    if plain.wants_score(sort, terms):
        order = [(n if n == "score" else ranking.SORT_COLUMNS[n], d) for n, d in sort]
        return backend.relevance_page(within, terms, [*order, ("pk", False)], start, size)
    ids = backend.filter_text(within, terms).order_by(*_order_by(sort)).values_list("pk", flat=True)
    return [ranking.hex_id(pk) for pk in ids[start : start + size]]


def _matched_ids(matched: QuerySet) -> list[str]:
    sql, params = matched.order_by().values_list("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in ranking.normalise(cursor.fetchall())]


def compute(params: SearchParams, version: int) -> tuple[int, list[str], dict[str, list[FacetItem]]]:
    """(count, page ids, facets): with facets, the matched ids (one read of one column) are counted
    against the per-version facet index; the page is ordered and cut by the database."""
    within, terms = filtered(params, text=False)  # the text filter is added where it is needed
    start, size = max(params.start, 0), min(max(params.rows, 0), MAX_ROWS)
    if not params.facet_fields:
        count = backend.filter_text(within, terms).count()
        return count, page_ids(within, terms, params.sort, start, size) if start < count else [], {}
    index = facet_index.get(version)
    if within.query.where or terms:
        ids = _matched_ids(backend.filter_text(within, terms))
        count, counters = len(ids), index.counts(ids, params.facet_fields)
    else:  # the whole catalogue (the portal's first page)
        count, counters = index.size, index.counts(None, params.facet_fields)
    page = page_ids(within, terms, params.sort, start, size) if start < count else []
    return count, page, facet_items(counters, params.facet_limit)


def plain_compute(params: SearchParams) -> tuple[int, list[str], dict[str, list[FacetItem]]]:
    """The same answer the straightforward way (:mod:`plain`): the tests' reference."""
    within, terms = filtered(params, text=False)
    start, size = max(params.start, 0), min(max(params.rows, 0), MAX_ROWS)
    count, ids, counters = plain.compute(within, terms, params.sort, params.facet_fields, start, size)
    return count, ids, facet_items(counters, params.facet_limit) if params.facet_fields else {}


def search_ids(params: SearchParams) -> tuple[int, list[str], dict[str, list[FacetItem]]]:
    """(count, page ids as hex, facets), cached per parameters and catalogue version."""
    return search_cache.remember(params, lambda version: compute(params, version))


__all__ = [
    "FACET_FIELDS",
    "MAX_ROWS",
    "FacetItem",
    "SearchParams",
    "public_entries",
    "search_ids",
]
