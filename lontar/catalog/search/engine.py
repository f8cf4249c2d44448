"""Catalogue search over the public entries: clauses → queryset, facets, sort and page.

Used by the portal (/dataset/) and by CKAN ``package_search``. Raises ``QueryError`` on
parameters it cannot apply (an unparsable date, a bad year).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import F, QuerySet
from django.db.models.functions import Collate

from lontar.catalog.models import CatalogEntry, Topic
from lontar.catalog.reference import licence
from lontar.catalog.search import backend, facet_index, plain, ranking, solr, translate
from lontar.catalog.search import cache as search_cache
from lontar.catalog.search.fields import clause_q
from lontar.catalog.search.query import TEXT_FIELDS, Clause, QueryError
from lontar.catalog.selectors.public import public_entries
from lontar.organisations.selectors import organisation_names

FACET_FIELDS = ("organization", "groups", "tags", "res_format", "license_id", "year")
MAX_ROWS = 1000


@dataclass
class SearchParams:
    words: list[str] = field(default_factory=list)
    clauses: list[Clause] = field(default_factory=list)
    sort: list[tuple[str, bool]] = field(default_factory=lambda: [("metadata_modified", True)])
    start: int = 0
    rows: int = 10
    facet_fields: list[str] = field(default_factory=list)
    facet_limit: int = 50
    #: a Solr query (its canonical text, ``solr.to_text``) every result must match as well
    query: str = ""


@dataclass(frozen=True)
class FacetItem:
    name: str
    display_name: str
    count: int


def _tree(params: SearchParams) -> solr.Node:
    try:
        return solr.parse(params.query)
    except solr.SolrSyntaxError as exc:
        raise QueryError(str(exc)) from exc


def rank_words(params: SearchParams) -> list[str]:
    """Words of ``params.query`` that score relevance besides ``params.words`` (e.g. ``a OR b``)."""
    return translate.rank_words(_tree(params)) if params.query else []


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
    if params.query:
        qs = qs.filter(translate.tree_q(_tree(params)))
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


def page_ids(
    within: QuerySet, terms: list[str], sort: list[tuple[str, bool]], start: int, size: int, rank: Sequence[str] = ()
) -> list[str]:
    """One page of the ids of the entries of ``within`` matching ``terms``, in ``sort`` order.

    The database orders and keeps the page — by relevance too (:func:`backend.relevance_page`) —
    except for sorts on the title, which compare case-folded text in Python (:mod:`plain`), and
    for relevance with words that need not all match (``rank``, from ``a OR b``), scored in Python."""
    if not size:
        return []
    extra = [w for w in rank if w not in terms]
    if extra and any(name == "score" for name, _desc in sort):
        matched = backend.filter_text(within, terms)
        return plain.ordered_ids(matched, sort, [*terms, *extra], start, size, any_word=True)[1]
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
    rank = rank_words(params)
    if not params.facet_fields:
        count = backend.filter_text(within, terms).count()
        return count, page_ids(within, terms, params.sort, start, size, rank) if start < count else [], {}
    index = facet_index.get(version)
    if within.query.where or terms:
        ids = _matched_ids(backend.filter_text(within, terms))
        count, counters = len(ids), index.counts(ids, params.facet_fields)
    else:  # the whole catalogue (the portal's first page)
        count, counters = index.size, index.counts(None, params.facet_fields)
    page = page_ids(within, terms, params.sort, start, size, rank) if start < count else []
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
