"""The straightforward search: read every matched row, sort and count facets in Python.

This is the specification the fast paths of :mod:`lontar.catalog.search.engine` are tested
against (``tests/catalog/test_search_paths.py``: same count, same page, same facets). The engine
still uses :func:`ordered_ids` for sorts on the title, which compare case-folded text as Python
does (a database's ``lower()`` folds differently, and only ASCII on SQLite).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db import connection
from django.db.models import QuerySet

from lontar.catalog.search import backend, ranking
from lontar.catalog.search.facets import count as facet_counts

Sort = list[tuple[str, bool]]


def rows(matched: QuerySet, sort: Sort, with_keys: bool) -> tuple[list[str], list[tuple]]:
    """(columns, rows) of the matched entries with only the columns the sort and the facets need,
    read without the ORM (timestamps are ISO text on SQLite and datetimes on PostgreSQL; both
    sort correctly). The id comes first, as hex text."""
    wanted = [ranking.SORT_COLUMNS[n] for n, _d in sort if n in ranking.SORT_COLUMNS and n != "id"]
    columns = ["pk", *dict.fromkeys(wanted)]
    if with_keys:
        columns.append("facet_keys")
    sql, params = matched.values_list(*columns).order_by().query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return columns, ranking.normalise(cursor.fetchall())


def wants_score(sort: Sort, terms: list[str]) -> bool:
    return bool(terms) and any(name == "score" for name, _desc in sort)


def ordered_ids(
    matched: QuerySet, sort: Sort, terms: list[str], start: int, size: int, *, any_word: bool = False
) -> tuple[int, list[str]]:
    """(count, one page of ids) of ``matched`` ordered by ``sort`` in Python (scores: of entries
    matching every term, or one of them with ``any_word``)."""
    columns, found = rows(matched, sort, with_keys=False)
    scored = backend.scores(terms, any_word=any_word) if wants_score(sort, terms) else {}
    ordered = ranking.order(found, columns, sort, scored)
    return len(found), [row[0] for row in ordered[start : start + size]]


def compute(
    within: QuerySet, terms: list[str], sort: Sort, fields: list[str], start: int, size: int
) -> tuple[int, list[str], dict[str, Counter[str]]]:
    """(count, page ids, facet counters) of the entries of ``within`` matching ``terms``."""
    columns, found = rows(backend.filter_text(within, terms), sort, bool(fields))
    ordered = ranking.order(found, columns, sort, backend.scores(terms) if wants_score(sort, terms) else {})
    counters: dict[str, Any] = facet_counts((row[-1] for row in found) if fields else (), fields)
    return len(found), [row[0] for row in ordered[start : start + size]], counters
