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
import uuid

from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

MAX_TOKENS = 16
MAX_TOKEN_LENGTH = 40
_WORD = re.compile(r"\w+", re.UNICODE)
#: sort column -> entry table column
ORDER_COLUMNS = {
    "pk": "dataset_id",
    "name": "name",
    "title": "title",
    "metadata_modified": "metadata_modified",
    "metadata_created": "metadata_created",
    "num_resources": "num_resources",
    "num_tags": "num_tags",
}


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


def fts5_match(words: list[str], *, phrase: bool = False, title_only: bool = False, any_word: bool = False) -> str:
    """An FTS5 query of ``words`` (``\\w+`` tokens only): all of them (prefixes), one of them
    (``any_word``), or the phrase; ``title_only`` restricts it to the title column."""
    joined = (" OR " if any_word else " AND ").join(f'"{w}"*' for w in words)
    text = '"' + " ".join(words) + '"*' if phrase else joined
    return f"title : ({text})" if title_only else text


def pg_tsquery(words: list[str], *, phrase: bool = False, title_only: bool = False, any_word: bool = False) -> str:
    """The same for PostgreSQL ``to_tsquery`` (``:*A``: in the title, which has weight A)."""
    suffix = ":*A" if title_only else ":*"
    joiner = " <-> " if phrase else (" | " if any_word else " & ")
    return joiner.join(f"{w}{suffix}" for w in words)


def text_q(words: list[str], *, phrase: bool = False, title_only: bool = False) -> Q:
    """Entries matching ``words`` (all, or as a phrase), as a ``Q`` to combine with others."""
    if connection.vendor == "postgresql":
        sql = "SELECT dataset_id FROM catalog_catalogentry WHERE search_vector @@ to_tsquery('indonesian', %s)"
        query = pg_tsquery(words, phrase=phrase, title_only=title_only)
    else:
        sql = "SELECT entry_id FROM catalog_search WHERE catalog_search MATCH %s"
        query = fts5_match(words, phrase=phrase, title_only=title_only)
    return Q(pk__in=RawSQL(sql, [query]))  # noqa: S611 - constant SQL, bound parameter


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


def _order_sql(order: list[tuple[str, bool]], score: str) -> str:
    """ORDER BY terms: ``score`` (an SQL expression) for "score", entry columns from a fixed list
    for the rest (never user input); text compares by code point on both databases."""
    collate = ' COLLATE "C"' if connection.vendor == "postgresql" else ""
    terms = []
    for column, desc in order:
        if column == "score":
            expression = score
        else:
            expression = f"e.{ORDER_COLUMNS[column]}{collate if column in ('name', 'title') else ''}"
        terms.append(f"{expression} {'DESC' if desc else 'ASC'}")
    return ", ".join(terms)


def relevance_page(
    within: QuerySet, words: list[str], order: list[tuple[str, bool]], start: int, size: int
) -> list[str]:
    """Ids (hex) of one page of the entries of ``within`` matching every word, ordered by
    ``order`` [(column or "score", descending)]: the database scores the matches and keeps the
    page (``bm25`` on SQLite, ``ts_rank`` on PostgreSQL), nothing else crosses over. The order is
    exactly that of :func:`scores` + ``ranking.order``."""
    inner, params = within.order_by().values("pk").query.sql_with_params()
    restrict = f" AND e.dataset_id IN ({inner})" if within.query.where else ""
    if connection.vendor == "postgresql":
        sql = (
            "SELECT e.dataset_id FROM catalog_catalogentry e, to_tsquery('indonesian', %s) q "  # noqa: S608 - fixed pieces
            f"WHERE e.search_vector @@ q{restrict} "
            f"ORDER BY {_order_sql(order, 'ts_rank(e.search_vector, q)')} LIMIT %s OFFSET %s"
        )
        values = [tsquery(words), *params, size, start]
    else:
        sql = (
            "SELECT e.dataset_id FROM (SELECT entry_id, -bm25(catalog_search, 0.0, 10.0, 1.0) AS score "  # noqa: S608
            "FROM catalog_search WHERE catalog_search MATCH %s) f "
            f"JOIN catalog_catalogentry e ON e.dataset_id = f.entry_id WHERE 1 = 1{restrict} "
            f"ORDER BY {_order_sql(order, 'f.score')} LIMIT %s OFFSET %s"
        )
        values = [fts5_query(words), *params, size, start]
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        return [row[0].hex if isinstance(row[0], uuid.UUID) else str(row[0]).replace("-", "") for row in cursor]


def scores(words: list[str], *, any_word: bool = False) -> dict[str, float]:
    """Relevance of every entry matching all ``words`` (or one of them, ``any_word``), by entry id
    (hex), higher is better."""
    if not words:
        return {}
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT dataset_id, ts_rank(search_vector, q) FROM catalog_catalogentry, "
                "to_tsquery('indonesian', %s) AS q WHERE search_vector @@ q",
                [pg_tsquery(words, any_word=any_word)],
            )
            return {row[0].hex: float(row[1]) for row in cursor.fetchall()}
        cursor.execute(
            "SELECT entry_id, -bm25(catalog_search, 0.0, 10.0, 1.0) FROM catalog_search WHERE catalog_search MATCH %s",
            [fts5_match(words, any_word=any_word)],
        )
        return {str(row[0]).replace("-", ""): float(row[1]) for row in cursor.fetchall()}
