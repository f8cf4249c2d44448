"""Turn the query string of the catalogue page into search parameters (pure)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lontar.catalog.search.engine import SearchParams
from lontar.catalog.search.query import Clause, QueryError, parse_year

PER_PAGE = 20
MAX_PAGE = 500
FILTERS = ("organization", "groups", "tags", "res_format", "license_id", "year")
SORTS = {
    "relevance": ([("score", True), ("metadata_modified", True)], gettext_lazy("Relevance")),
    "newest": ([("metadata_modified", True)], gettext_lazy("Recently updated")),
    "oldest": ([("metadata_modified", False)], gettext_lazy("Least recently updated")),
    "title": ([("title", False)], gettext_lazy("Title A–Z")),
    "title_desc": ([("title", True)], gettext_lazy("Title Z–A")),
}


@dataclass
class PageQuery:
    params: SearchParams
    page: int
    sort: str
    selected: dict[str, list[str]]
    q: str
    error: str = ""


def _page(raw: str) -> int | None:
    if not raw:
        return 1
    if raw.isascii() and raw.isdigit() and len(raw) <= 4 and 1 <= int(raw) <= MAX_PAGE:
        return int(raw)
    return None


def parse_page_query(get: Any) -> PageQuery:
    """Search parameters from ``request.GET``; ``error`` is set (and nothing is filtered) on bad input."""
    q = str(get.get("q", ""))[:200]
    selected = {name: [v[:100] for v in get.getlist(name)[:20] if v] for name in FILTERS}
    sort = get.get("sort") or ("relevance" if q.strip() else "newest")
    page = _page(str(get.get("page", "")))
    error = ""
    if sort not in SORTS:
        error, sort = _("Unknown sort order."), "newest"
    if page is None:
        error, page = _("The page must be a number from 1 to %(max)d.") % {"max": MAX_PAGE}, 1
    clauses = [Clause(field=name, values=tuple(values)) for name, values in selected.items() if values]
    try:
        for value in selected["year"]:
            parse_year(value)
    except QueryError:
        error = _("A year has four digits, e.g. 2024.")
    params = SearchParams(
        words=[q],
        clauses=[] if error else clauses,
        sort=SORTS[sort][0],
        start=(page - 1) * PER_PAGE,
        rows=PER_PAGE,
        facet_fields=list(FILTERS),
        facet_limit=30,
    )
    return PageQuery(params=params, page=page, sort=sort, selected=selected, q=q, error=error)
