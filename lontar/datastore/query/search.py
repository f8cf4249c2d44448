"""Offset-paged searches of one datastore table with CKAN DataStore semantics (``datastore_search``
and ``/datastore/dump``): field conditions (``eq in gt gte lt lte``), text matches (a boolean
expression of words, each a case-insensitive substring of a column's text), a list of sort
clauses (``NULLS FIRST/LAST`` as PostgreSQL's defaults unless given), ``DISTINCT``, LIMIT/OFFSET
or a keyset on ``_id``.

Every identifier must already be one of the table's columns (:class:`Columns`); it is checked
again here and quoted, and every value is a bound parameter. Statements run through the
read-only, time-limited engine.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Union

from lontar.datastore.ingest.names import quote
from lontar.datastore.models import DatastoreTable
from lontar.datastore.query import engine
from lontar.datastore.query.params import ID, Columns

COMPARISONS = {"eq": "=", "gt": ">", "gte": ">=", "lt": "<", "lte": "<="}
#: SQLite refuses LIKE patterns longer than 64 characters (engine.SQLITE_LIMITS)
MAX_PATTERN = 64
#: bound values in one statement (SQLite allows 2,000)
MAX_PARAMS = 1500


class SearchError(ValueError):
    """A search the builder refuses (``kind``: column, pattern, params)."""

    def __init__(self, kind: str, detail: str = "") -> None:
        self.kind = kind
        self.detail = detail
        super().__init__(f"{kind}: {detail}")


@dataclass(frozen=True)
class FieldOp:
    column: str
    op: str  # eq in gt gte lt lte
    value: Any  # a list for "in"


@dataclass(frozen=True)
class Word:
    text: str


@dataclass(frozen=True)
class BoolOp:
    op: str  # and, or, not
    items: tuple[TextExpr, ...]


TextExpr = Union[Word, BoolOp]  # noqa: UP007 - a runtime alias used before Python 3.12 syntax


@dataclass(frozen=True)
class TextMatch:
    """``expr`` must match the text of one of ``columns`` (each word in any of them)."""

    columns: tuple[str, ...]
    expr: TextExpr


@dataclass(frozen=True)
class SortKey:
    column: str
    desc: bool = False
    nulls: str = ""  # "", "first", "last"


@dataclass
class Search:
    fields: list[str]
    conditions: list[FieldOp] = field(default_factory=list)
    texts: list[TextMatch] = field(default_factory=list)
    sort: list[SortKey] = field(default_factory=list)
    distinct: bool = False
    limit: int = 100
    offset: int = 0


class SearchSql:
    """The SQL of one :class:`Search` over one table."""

    def __init__(self, table_name: str, columns: Columns) -> None:
        self.name = quote(table_name)
        self.columns = columns
        self.postgres = columns.postgres
        self.ph = "%s" if self.postgres else "?"

    def col(self, name: str) -> str:
        if name not in self.columns.types:
            raise SearchError("column", name)
        return quote(name)

    # -- WHERE ------------------------------------------------------------------------------
    def where(self, search: Search, extra: list[tuple[str, list[Any]]] | None = None) -> tuple[str, list[Any]]:
        parts: list[str] = []
        params: list[Any] = []
        for cond in search.conditions:
            sql, values = self._field_op(cond)
            parts.append(sql)
            params += values
        for match in search.texts:
            sql, values = self._text(match.expr, match.columns)
            parts.append(sql)
            params += values
        for sql, values in extra or []:
            parts.append(sql)
            params += values
        if len(params) > MAX_PARAMS:
            raise SearchError("params", str(MAX_PARAMS))
        return (" WHERE " + " AND ".join(f"({p})" for p in parts)) if parts else "", params

    def _field_op(self, cond: FieldOp) -> tuple[str, list[Any]]:
        col = self.col(cond.column)
        if cond.op == "in":
            if not cond.value:
                return "1 = 0", []
            return f"{col} IN ({', '.join(self.ph for _v in cond.value)})", list(cond.value)
        return f"{col} {COMPARISONS[cond.op]} {self.ph}", [cond.value]

    def _text(self, expr: TextExpr, columns: tuple[str, ...]) -> tuple[str, list[Any]]:
        if isinstance(expr, Word):
            return self._word(expr.text, columns)
        pieces = [self._text(item, columns) for item in expr.items]
        params = [v for _sql, values in pieces for v in values]
        if expr.op == "not":
            return f"NOT ({pieces[0][0]})", params
        joiner = " AND " if expr.op == "and" else " OR "
        return joiner.join(f"({sql})" for sql, _values in pieces), params

    def _word(self, word: str, columns: tuple[str, ...]) -> tuple[str, list[Any]]:
        pattern = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        if len(pattern) > MAX_PATTERN:
            raise SearchError("pattern", word[:80])
        if not columns:
            return "1 = 0", []
        like = "ILIKE" if self.postgres else "LIKE"
        cast = "text" if self.postgres else "TEXT"
        sql = " OR ".join(f"CAST({self.col(c)} AS {cast}) {like} {self.ph} ESCAPE '\\'" for c in columns)
        return sql, [pattern] * len(columns)

    # -- ORDER BY ---------------------------------------------------------------------------
    def order(self, search: Search, tie_break: bool) -> str:
        keys = list(search.sort)
        if not keys and not search.distinct:
            keys = [SortKey(ID)]
        if search.distinct and not keys:
            keys = [SortKey(name) for name in search.fields]
        if tie_break and not search.distinct and all(k.column != ID for k in keys):
            keys.append(SortKey(ID))
        return ", ".join(self._sort_key(k) for k in keys)

    def _sort_key(self, key: SortKey) -> str:
        nulls = key.nulls or ("first" if key.desc else "last")
        return f"{self.col(key.column)} {'DESC' if key.desc else 'ASC'} NULLS {nulls.upper()}"

    # -- statements -------------------------------------------------------------------------
    def select_list(self, names: list[str]) -> str:
        return ", ".join(self.col(n) for n in names)

    def page(self, search: Search, *, with_id: bool = False, after_id: int | None = None) -> tuple[str, list[Any]]:
        """The page's statement; ``with_id`` adds ``_id`` as a last column when not selected;
        ``after_id`` pages by keyset on ``_id`` (ascending, no OFFSET)."""
        names = list(search.fields)
        if with_id and ID not in names and not search.distinct:
            names.append(ID)
        extra = [(f'"_id" > {self.ph}', [after_id])] if after_id is not None else []
        where, params = self.where(search, extra)
        distinct = "DISTINCT " if search.distinct else ""
        offset = "" if after_id is not None else f" OFFSET {int(search.offset)}"
        sql = (
            f"SELECT {distinct}{self.select_list(names)} FROM {self.name}{where} "  # noqa: S608
            f"ORDER BY {self.order(search, tie_break=True)} LIMIT {int(search.limit)}{offset}"
        )
        return sql, params

    def count(self, search: Search) -> tuple[str, list[Any]]:
        where, params = self.where(search)
        if search.distinct:
            inner = f"SELECT DISTINCT {self.select_list(search.fields)} FROM {self.name}{where}"  # noqa: S608
            return f"SELECT COUNT(*) FROM ({inner}) AS d", params  # noqa: S608
        return f"SELECT COUNT(*) FROM {self.name}{where}", params  # noqa: S608


class TableSearch:
    """Runs :class:`Search` statements on one public table through the read-only engine."""

    def __init__(self, table: DatastoreTable) -> None:
        self.table = table
        self.columns = Columns(table.columns, postgres=engine.vendor() == "postgresql")
        self.sql = SearchSql(table.table_name, self.columns)

    def _run(self, sql: str, params: list[Any]) -> engine.Result:
        return engine.run(sql, params, tables=[self.table.table_name])

    def rows(self, search: Search, *, with_id: bool = False) -> list[tuple[Any, ...]]:
        return self._run(*self.sql.page(search, with_id=with_id)).rows

    def total(self, search: Search) -> int:
        if not search.conditions and not search.texts and not search.distinct:
            return int(self.table.row_count)
        return int(self._run(*self.sql.count(search)).rows[0][0])

    def stream(self, search: Search, batch: int = 5000) -> Iterator[list[tuple[Any, ...]]]:
        """Rows ``search.offset`` to ``offset + limit`` (``limit`` < 0: all), one time-limited
        statement per batch: by keyset on ``_id`` when sorted by ``_id`` alone, else by OFFSET."""
        left = search.limit
        keyset = not search.distinct and search.offset == 0 and _by_id(search.sort)
        current = Search(**{**search.__dict__, "limit": batch})
        after: int | None = None
        while left != 0:
            current.limit = batch if left < 0 else min(batch, left)
            if keyset:
                sql, params = self.sql.page(current, with_id=True, after_id=after if after is not None else -1)
                rows = self._run(sql, params).rows
                position = current.fields.index(ID) if ID in current.fields else len(current.fields)
                after = rows[-1][position] if rows else after
                rows = [r[: len(current.fields)] for r in rows]
            else:
                rows = self.rows(current)
                current.offset += len(rows)
            if rows:
                yield rows
            if len(rows) < current.limit:
                return
            left = left - len(rows) if left > 0 else left


def _by_id(sort: list[SortKey]) -> bool:
    return not sort or (len(sort) == 1 and sort[0].column == ID and not sort[0].desc)
