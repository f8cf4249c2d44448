"""Full-text search, one implementation per database vendor.

* SQLite: an FTS5 virtual table ``catalog_search(entry_id UNINDEXED, title, body)`` that the
  services keep in sync with ``CatalogEntry`` (``index_entry`` / ``unindex_entry``).
* PostgreSQL: a generated ``tsvector`` column ``search_vector`` on ``catalog_catalogentry``
  (``indonesian`` configuration, title weighted A, the rest B) with a GIN index; PostgreSQL keeps
  it in sync itself.

Both are created by migration ``0003_search``. Queries are built from plain word tokens only, so
no user input ever reaches the FTS5 or tsquery syntax.
"""

from __future__ import annotations

import re

from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

MAX_TOKENS = 16
MAX_TOKEN_LENGTH = 40
_WORD = re.compile(r"\w+", re.UNICODE)


def tokens(text: str) -> list[str]:
    """The words of a search text: lower case, de-duplicated, bounded in number and length."""
    seen: list[str] = []
    for word in _WORD.findall(str(text or "").lower()):
        word = word.replace("_", "")[:MAX_TOKEN_LENGTH]
        if word and word not in seen:
            seen.append(word)
        if len(seen) == MAX_TOKENS:
            break
    return seen


def fts5_query(words: list[str]) -> str:
    """Every word must match, as a prefix ("pendud" finds "penduduk")."""
    return " ".join(f'"{w}"*' for w in words)


def tsquery(words: list[str]) -> str:
    """The same for PostgreSQL ``to_tsquery``: words are ``\\w+`` only, so the syntax is safe."""
    return " & ".join(f"{w}:*" for w in words)


def index_entry(entry_id: str, title: str, body: str) -> None:
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM catalog_search WHERE entry_id = %s", [entry_id])
        cursor.execute(
            "INSERT INTO catalog_search (entry_id, title, body) VALUES (%s, %s, %s)", [entry_id, title, body]
        )


def unindex_entry(entry_id: str) -> None:
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM catalog_search WHERE entry_id = %s", [entry_id])


def filter_text(queryset: QuerySet, words: list[str]) -> QuerySet:
    """Entries matching every word (a non-correlated ``IN`` subquery, safe inside other subqueries)."""
    if not words:
        return queryset
    if connection.vendor == "postgresql":
        sql = "SELECT dataset_id FROM catalog_catalogentry WHERE search_vector @@ to_tsquery('indonesian', %s)"
        return queryset.filter(pk__in=RawSQL(sql, [tsquery(words)]))  # noqa: S611 - constant SQL, bound parameter
    sql = "SELECT entry_id FROM catalog_search WHERE catalog_search MATCH %s"
    return queryset.filter(pk__in=RawSQL(sql, [fts5_query(words)]))  # noqa: S611 - constant SQL, bound parameter


def scores(words: list[str]) -> dict[str, float]:
    """Relevance of every entry matching all ``words``, by entry id (hex), higher is better."""
    if not words:
        return {}
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT dataset_id, ts_rank(search_vector, q) FROM catalog_catalogentry, "
                "to_tsquery('indonesian', %s) AS q WHERE search_vector @@ q",
                [tsquery(words)],
            )
            return {row[0].hex: float(row[1]) for row in cursor.fetchall()}
        cursor.execute(
            "SELECT entry_id, -bm25(catalog_search, 0.0, 10.0, 1.0) FROM catalog_search WHERE catalog_search MATCH %s",
            [fts5_query(words)],
        )
        return {str(row[0]).replace("-", ""): float(row[1]) for row in cursor.fetchall()}
