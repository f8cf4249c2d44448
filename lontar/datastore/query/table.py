"""Pages, counts, facets and full streams of one datastore table (the table API's queries).

Rows are ordered by ``_id`` (file order) or by ``_sort`` / ``_sort_desc`` then ``_id``;
empty values of the sort column come last in both directions. Paging is by keyset — the next
page starts after the last row's (value, ``_id``) — so page 5,000 costs what page 1 costs.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from lontar.datastore.ingest.names import quote
from lontar.datastore.models import DatastoreTable
from lontar.datastore.query import engine
from lontar.datastore.query.params import ID, PATTERN_OPS, Columns, Filter, Keyset, TableQuery

COUNT_CAP = 10_000
#: time budget of the capped count of a page (JSON and HTML): a count that needs longer is left out
#: (``count`` null, as Datasette answers when its count runs out of time). On 20 M rows a
#: compound filter (one year and a population range) needs up to ~10,000 heap pages to reach
#: the cap; the page itself stays a short keyset walk (bench/README.md, datastore_scale).
COUNT_LIMIT_MS = 40
FACET_SIZE = 30  # Datasette's default_facet_size
SUGGEST_LIMIT_MS = 50  # Datasette's facet_suggest_time_limit_ms
SUGGEST_CONSIDER = 1000  # Datasette's suggest_consider: rows looked at for suggestions
MAX_SUGGEST_COLUMNS = 20
STREAM_BATCH = 5000
TEXT_TYPES = ("text", "region")


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _glob_to_like(pattern: str) -> str:
    """A GLOB pattern without character classes as a case-sensitive LIKE pattern."""
    return _escape_like(pattern).replace("*", "%").replace("?", "_")


@dataclass
class Page:
    columns: list[str]
    rows: list[tuple[Any, ...]]
    next: Keyset | None = None
    count: int | None = None
    count_truncated: bool = False
    facets: dict[str, dict[str, Any]] = field(default_factory=dict)
    elapsed_ms: float = 0.0


class TableReader:
    """Builds and runs the SQL for one table; every statement goes through the read-only engine."""

    def __init__(self, table: DatastoreTable) -> None:
        self.table = table
        self.postgres = engine.vendor() == "postgresql"
        self.columns = Columns(table.columns, postgres=self.postgres)
        self.ph = "%s" if self.postgres else "?"
        self.name = quote(table.table_name)
        self.select = ", ".join(quote(c) for c in self.columns.names)
        #: a lower time limit for every statement (Datasette's ``_timelimit``); None: the setting
        self.limit_ms: int | None = None

    # -- SQL pieces -------------------------------------------------------------------------
    def _condition(self, f: Filter) -> tuple[str, list[Any]]:
        if f.op == "search":
            return self._search(f)
        col = quote(f.column)
        if f.op in ("isnull", "notnull"):
            return (f"{col} IS NULL" if f.value == (f.op == "isnull") else f"{col} IS NOT NULL"), []
        if f.op in ("isblank", "notblank"):
            return self._blank(f)
        if f.op in PATTERN_OPS:
            return self._pattern(f)
        if f.op in ("in", "notin"):
            marks = ", ".join(self.ph for _ in f.value)
            return f"{col} {'NOT IN' if f.op == 'notin' else 'IN'} ({marks})", list(f.value)
        if f.op == "date" and self.columns.types[f.column] != "date":
            return f"substr(CAST({col} AS {self._text}), 1, 10) = {self.ph}", [f.value]
        symbol = {"exact": "=", "date": "=", "not": "<>", "gt": ">", "gte": ">=", "lt": "<", "lte": "<="}[f.op]
        return f"{col} {symbol} {self.ph}", [f.value]

    @property
    def _text(self) -> str:
        return "text" if self.postgres else "TEXT"

    def _blank(self, f: Filter) -> tuple[str, list[Any]]:
        col = quote(f.column)
        blank = f.value == (f.op == "isblank")
        if self.columns.types[f.column] not in TEXT_TYPES:
            return (f"{col} IS NULL" if blank else f"{col} IS NOT NULL"), []
        return (f"({col} IS NULL OR {col} = '')" if blank else f"({col} IS NOT NULL AND {col} <> '')"), []

    def _pattern(self, f: Filter) -> tuple[str, list[Any]]:
        """contains/startswith/endswith match the value literally; like/glob take the pattern as
        written (LIKE ignores case, GLOB does not; PostgreSQL gets GLOB translated to LIKE)."""
        text = f"CAST({quote(f.column)} AS {self._text})"
        like = "ILIKE" if self.postgres else "LIKE"
        negate = "NOT " if f.op in ("notcontains", "notlike") else ""
        if f.op == "like" or f.op == "notlike":
            return f"{text} {negate}{like} {self.ph}", [f.value]
        if f.op == "glob":
            if self.postgres:
                return f"{text} LIKE {self.ph} ESCAPE '\\'", [_glob_to_like(f.value)]
            return f"{text} GLOB {self.ph}", [f.value]
        literal = _escape_like(f.value)
        pattern = {"startswith": f"{literal}%", "endswith": f"%{literal}"}.get(f.op, f"%{literal}%")
        return f"{text} {negate}{like} {self.ph} ESCAPE '\\'", [pattern]

    def _search(self, f: Filter) -> tuple[str, list[Any]]:
        """Each word of ``_search`` in one column, or anywhere in the row's text columns (their
        values joined, so a word costs one match per row however many columns there are)."""
        if f.column:
            target = f"CAST({quote(f.column)} AS {self._text})"
        else:
            texts = [quote(n) for n, t in self.columns.types.items() if t in TEXT_TYPES]
            if not texts:
                return "1 = 0", []
            if self.postgres:
                target = f"concat_ws(' ', {', '.join(texts)})"
            else:
                target = " || ' ' || ".join(f"ifnull({t}, '')" for t in texts)
        like = "ILIKE" if self.postgres else "LIKE"
        parts = [f"({target}) {like} {self.ph} ESCAPE '\\'" for _term in f.value]
        return " AND ".join(parts), [f"%{_escape_like(term)}%" for term in f.value]

    def _where(self, filters: list[Filter], extra: Sequence[str] = (), hide: bool = False) -> tuple[str, list[Any]]:
        parts: list[str] = []
        params: list[Any] = []
        for f in filters:
            sql, values = self._condition(f)
            if hide and not self.postgres:
                # Unary + keeps SQLite from choosing this column's index (see _hide_indexes).
                sql = "+" + sql if not sql.startswith("CAST") else sql
            parts.append(sql)
            params.extend(values)
        parts.extend(extra)
        return (" WHERE " + " AND ".join(f"({p})" for p in parts)) if parts else "", params

    def _run(self, sql: str, params: list[Any], **kwargs: Any) -> engine.Result:
        if self.limit_ms is not None:
            kwargs["limit_ms"] = min(kwargs.get("limit_ms") or self.limit_ms, self.limit_ms)
        return engine.run(sql, params, tables=[self.table.table_name], **kwargs)

    # -- pages ------------------------------------------------------------------------------
    def page(self, query: TableQuery, *, hide_indexes: bool = False) -> Page:
        if query.size == 0:  # Datasette's _size=0: counts and facets only
            return Page(columns=self.columns.names, rows=[])
        if query.sort and query.sort != ID:
            rows, nxt = self._sorted_page(query, hide_indexes)
        else:
            rows, nxt = self._id_page(query, hide_indexes)
        return Page(columns=self.columns.names, rows=rows, next=nxt)

    def _id_page(self, query: TableQuery, hide: bool) -> tuple[list[tuple[Any, ...]], Keyset | None]:
        direction = "DESC" if query.desc else "ASC"
        extra = []
        params_after: list[Any] = []
        if query.after is not None:
            extra.append(f'"_id" {"<" if query.desc else ">"} {self.ph}')
            params_after = [query.after.id]
        where, params = self._where(query.filters, extra, hide)
        sql = f'SELECT {self.select} FROM {self.name}{where} ORDER BY "_id" {direction} LIMIT {query.size + 1}'  # noqa: S608
        rows = self._run(sql, params + params_after).rows
        nxt = Keyset(id=rows[query.size - 1][0]) if len(rows) > query.size else None
        return rows[: query.size], nxt

    def _sorted_page(self, query: TableQuery, hide: bool) -> tuple[list[tuple[Any, ...]], Keyset | None]:
        col = quote(query.sort)
        position = self.columns.names.index(query.sort)
        rows: list[tuple[Any, ...]] = []
        after = query.after
        if after is None or not after.nulls:
            extra = [f"{col} IS NOT NULL"]
            params_after: list[Any] = []
            if after is not None:
                extra.append(f'({col}, "_id") {"<" if query.desc else ">"} ({self.ph}, {self.ph})')
                params_after = [after.value, after.id]
            where, params = self._where(query.filters, extra, hide)
            direction = "DESC" if query.desc else "ASC"
            sql = (
                f"SELECT {self.select} FROM {self.name}{where} "  # noqa: S608
                f'ORDER BY {col} {direction}, "_id" {direction} LIMIT {query.size + 1}'
            )
            rows = self._run(sql, params + params_after).rows
        if len(rows) <= query.size and self.columns.nullable.get(query.sort, True):
            rows += self._null_rows(query, after, query.size + 1 - len(rows), hide)
        if len(rows) <= query.size:
            return rows, None
        last = rows[query.size - 1]
        value = last[position]
        nxt = Keyset(id=last[0], nulls=True) if value is None else Keyset(value=value, id=last[0])
        return rows[: query.size], nxt

    def _null_rows(self, query: TableQuery, after: Keyset | None, limit: int, hide: bool) -> list[tuple[Any, ...]]:
        extra = [f"{quote(query.sort)} IS NULL"]
        params_after: list[Any] = []
        if after is not None and after.nulls:
            extra.append(f'"_id" > {self.ph}')
            params_after = [after.id]
        where, params = self._where(query.filters, extra, hide)
        sql = f'SELECT {self.select} FROM {self.name}{where} ORDER BY "_id" LIMIT {limit}'  # noqa: S608
        return self._run(sql, params + params_after).rows

    # -- counts and facets ------------------------------------------------------------------
    def count(self, query: TableQuery) -> tuple[int | None, bool]:
        """Matching rows, capped at COUNT_CAP unless ``_count=exact``. (count, truncated); count
        None when the capped count ran out of COUNT_LIMIT_MS."""
        if not query.filters:
            return self.table.row_count, False
        if query.exact_count:
            where, params = self._where(query.filters)
            try:
                return int(self._run(f"SELECT COUNT(*) FROM {self.name}{where}", params).rows[0][0]), False  # noqa: S608
            except engine.QueryError as exc:
                if exc.kind != "timeout":
                    raise
        try:
            return self.count_upto(query.filters, COUNT_CAP, limit_ms=COUNT_LIMIT_MS)
        except engine.QueryError as exc:
            if exc.kind != "timeout":
                raise
            return None, False

    def count_upto(self, filters: list[Filter], cap: int, *, limit_ms: int | None = None) -> tuple[int, bool]:
        """min(matching rows, cap) and whether there are more; never counts past cap + 1."""
        if not filters:
            return min(self.table.row_count, cap), self.table.row_count > cap
        where, params = self._where(filters)
        sql = f"SELECT COUNT(*) FROM (SELECT 1 FROM {self.name}{where} LIMIT {cap + 1}) AS capped"  # noqa: S608
        total = int(self._run(sql, params, limit_ms=limit_ms).rows[0][0])
        return min(total, cap), total > cap

    def _grouped_counts(
        self, column: str, filters: Any, limit: int, extra: list[str] | None = None
    ) -> list[Any] | None:
        """(value, count) rows of ``column`` among the filtered rows, most frequent first, at most
        ``limit``; None when the query ran past the time limit."""
        where, params = self._where(filters, extra) if extra else self._where(filters)
        col = quote(column)
        sql = (
            f"SELECT {col}, COUNT(*) AS n FROM {self.name}{where} GROUP BY {col} "  # noqa: S608
            f"ORDER BY n DESC, {col} LIMIT {limit}"
        )
        try:
            return list(self._run(sql, params).rows)
        except engine.QueryError as exc:
            if exc.kind != "timeout":
                raise
            return None

    def facet(self, query: TableQuery, column: str) -> dict[str, Any]:
        others = [f for f in query.filters if f.column != column]
        rows = self._grouped_counts(column, others, FACET_SIZE + 1)
        if rows is None:
            return {"results": [], "truncated": False, "timed_out": True}
        results = [{"value": v, "count": n} for v, n in rows[:FACET_SIZE]]
        return {"results": results, "truncated": len(rows) > FACET_SIZE, "timed_out": False}

    def facet_results(self, query: TableQuery, column: str, size: int | None = None) -> dict[str, Any]:
        """Datasette's column facet: the most frequent filled values among the rows matching every
        filter (the facet column's own too), by count then value. ``{"rows": [(value, count)],
        "truncated": bool, "timed_out": bool}``."""
        limit = FACET_SIZE if size is None else size
        rows = self._grouped_counts(column, query.filters, limit + 1, [f"{quote(column)} IS NOT NULL"])
        if rows is None:
            return {"rows": [], "truncated": False, "timed_out": True}
        return {"rows": [tuple(r) for r in rows[:limit]], "truncated": len(rows) > limit, "timed_out": False}

    def suggest_facets(self, query: TableQuery, size: int | None = None) -> list[str]:
        """Columns worth faceting, as Datasette suggests them: among the first SUGGEST_CONSIDER
        matching rows, more than one and at most ``size`` distinct filled values, fewer than the
        rows, and one of them at least twice. Each column's query has SUGGEST_LIMIT_MS; a column
        that takes longer is left out (so do the columns after the first MAX_SUGGEST_COLUMNS)."""
        limit = FACET_SIZE if size is None else size
        where, params = self._where(query.filters)
        considered = int(
            self._run(
                f"SELECT COUNT(*) FROM (SELECT 1 FROM {self.name}{where} LIMIT {SUGGEST_CONSIDER}) AS capped",  # noqa: S608
                params,
            ).rows[0][0]
        )
        found = []
        for column in [c for c in self.columns.names if c != ID and c not in query.facets][:MAX_SUGGEST_COLUMNS]:
            col = quote(column)
            sql = (
                f"SELECT {col}, COUNT(*) AS n FROM (SELECT {col} FROM {self.name}{where} "  # noqa: S608
                f"LIMIT {SUGGEST_CONSIDER}) AS limited WHERE {col} IS NOT NULL GROUP BY {col} LIMIT {limit + 1}"
            )
            try:
                rows = self._run(sql, params, limit_ms=SUGGEST_LIMIT_MS).rows
            except engine.QueryError as exc:
                if exc.kind != "timeout":
                    raise
                continue
            if 1 < len(rows) < considered and len(rows) <= limit and any(n > 1 for _v, n in rows):
                found.append(column)
        return found

    # -- everything, in keyset batches (CSV streaming, XLSX and Parquet downloads) -------------
    def stream(self, query: TableQuery, batch: int = STREAM_BATCH) -> Iterator[list[tuple[Any, ...]]]:
        """All matching rows in order, one time-limited keyset query per batch."""
        current = TableQuery(filters=query.filters, sort=query.sort, desc=query.desc, size=batch, after=query.after)
        while True:
            page = self.page(current)
            if page.rows:
                yield page.rows
            if page.next is None:
                return
            current.after = page.next
