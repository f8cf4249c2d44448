"""Checks on SQL sent to the public SQL endpoint, before the database sees it.

A small lexer (strings, quoted identifiers, comments) lets the checks look at real tokens, so a
keyword hidden in a comment or a string neither fools nor blocks them:

* one statement, starting with SELECT, WITH or VALUES (a trailing ``;`` is tolerated);
* no statement keywords that change anything (INSERT, DROP, ATTACH, PRAGMA, SET, COPY, INTO…);
* no system catalogues or internal names (``sqlite_*``, ``pg_*``, ``information_schema``), no
  physical ``ds_…`` table names;
* only functions on the allow-list of the database (:mod:`.functions`): nothing that runs SQL
  given as a string (``ts_stat``, ``query_to_xml``, ``dblink``…), reads files or settings;
* no PostgreSQL escape or dollar-quoted strings and no Unicode-escaped identifiers, whose
  reading differs between this lexer and the server.

Tables are named by their resource key in double quotes — ``SELECT * FROM "dataset/resource"``
— and rewritten to the physical table. The checks are the first line; the database's own
read-only guards (authorizer or role, read-only transaction, time limit) are the second.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from lontar.datastore.ingest.names import TABLE_NAME_RE, quote
from lontar.datastore.query.functions import MAX_CALLS, MAX_PATTERN_MATCHES, denied_call, over_budget

MAX_SQL = 20_000
FIRST_KEYWORDS = frozenset({"select", "with", "values"})
DENIED_KEYWORDS = frozenset(
    {
        "insert",
        "update",
        "delete",
        "merge",
        "drop",
        "create",
        "alter",
        "truncate",
        "attach",
        "detach",
        "pragma",
        "vacuum",
        "reindex",
        "analyze",
        "analyse",
        "grant",
        "revoke",
        "copy",
        "set",
        "reset",
        "begin",
        "commit",
        "rollback",
        "savepoint",
        "release",
        "lock",
        "execute",
        "prepare",
        "deallocate",
        "listen",
        "notify",
        "unlisten",
        "into",
        "",
    }
)
DENIED_PREFIXES = ("sqlite_", "pg_", "information_schema", "dblink", "lo_")
DENIED_NAMES = frozenset(
    {
        "set_config",
        "current_setting",
        "load_extension",
        "readfile",
        "writefile",
        "fts3_tokenizer",
        "txid_current",
        "nextval",
        "setval",
        "currval",
        "lastval",
        "query_to_xml",
        "xmlparse",
    }
)
DENIED_SUBSTRINGS = ("_to_xml",)
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_$]*")
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|\.[0-9]+(?:[eE][-+]?[0-9]+)?")


class SqlRejected(Exception):
    """SQL the endpoint will not run; ``reason`` is a code, ``detail`` the offending text."""

    def __init__(self, reason: str, detail: str = "") -> None:
        self.reason = reason
        self.detail = detail
        super().__init__(f"{reason}: {detail}")


@dataclass(frozen=True)
class Token:
    kind: str  # word, ident (double-quoted), string, number, symbol, space
    text: str
    value: str = ""


class _Lexer:
    def __init__(self, sql: str) -> None:
        self.sql = sql
        self.pos = 0
        self.tokens: list[Token] = []

    def run(self) -> list[Token]:
        while self.pos < len(self.sql):
            self._step()
        return self.tokens

    def _step(self) -> None:
        sql, pos = self.sql, self.pos
        ch = sql[pos]
        if ch.isspace():
            end = pos
            while end < len(sql) and sql[end].isspace():
                end += 1
            self._emit("space", end, " ")
        elif sql.startswith("--", pos):
            end = sql.find("\n", pos)
            self._emit("space", len(sql) if end < 0 else end, " ")
        elif sql.startswith("/*", pos):
            end = sql.find("*/", pos + 2)
            if end < 0:
                raise SqlRejected("unterminated", sql[pos : pos + 20])
            self._emit("space", end + 2, " ")
        elif ch in "'\"`[":
            self._quoted(ch)
        elif ch == "$" or ch == "\\":
            raise SqlRejected("unsupported_quote", sql[pos : pos + 20])
        else:
            self._plain()

    def _emit(self, kind: str, end: int, text: str | None = None, value: str = "") -> None:
        self.tokens.append(Token(kind, self.sql[self.pos : end] if text is None else text, value))
        self.pos = end

    def _quoted(self, opener: str) -> None:
        closer = {"[": "]"}.get(opener, opener)
        if opener == "'" and self._prefix_escape():
            raise SqlRejected("unsupported_quote", self.sql[max(0, self.pos - 2) : self.pos + 20])
        if opener == '"' and self.tokens and self.tokens[-1].text.endswith("&"):
            raise SqlRejected("unsupported_quote", self.sql[max(0, self.pos - 2) : self.pos + 20])
        end = self.pos + 1
        parts: list[str] = []
        while True:
            nxt = self.sql.find(closer, end)
            if nxt < 0:
                raise SqlRejected("unterminated", self.sql[self.pos : self.pos + 20])
            parts.append(self.sql[end:nxt])
            if closer != "]" and self.sql.startswith(closer * 2, nxt):
                parts.append(closer)
                end = nxt + 2
                continue
            break
        kind = "string" if opener == "'" else "ident"
        self._emit(kind, nxt + 1, value="".join(parts))

    def _prefix_escape(self) -> bool:
        """E'…', U&'…' or B'…'-style prefixes glued to a string (PostgreSQL escape syntax)."""
        if not self.tokens or self.tokens[-1].kind not in ("word", "symbol"):
            return False
        last = self.tokens[-1].text.lower()
        return last in ("e", "&") or last.endswith("&")

    def _plain(self) -> None:
        for kind, pattern in (("word", _WORD), ("number", _NUMBER)):
            match = pattern.match(self.sql, self.pos)
            if match:
                self._emit(kind, match.end(), value=match.group(0).lower())
                return
        self._emit("symbol", self.pos + 1)


def tokenize(sql: str) -> list[Token]:
    if "\x00" in sql:
        raise SqlRejected("nul")
    if len(sql) > MAX_SQL:
        raise SqlRejected("too_long", str(MAX_SQL))
    return _Lexer(sql).run()


def _check_name(name: str) -> None:
    lowered = name.lower()
    if (
        lowered.startswith(DENIED_PREFIXES)
        or lowered in DENIED_NAMES
        or any(s in lowered for s in DENIED_SUBSTRINGS)
        or TABLE_NAME_RE.match(lowered)
    ):
        raise SqlRejected("denied_name", name)


def _check_statement(tokens: list[Token]) -> list[Token]:
    meaningful = [t for t in tokens if t.kind != "space"]
    while meaningful and meaningful[-1].text == ";":
        meaningful.pop()
    if not meaningful:
        raise SqlRejected("empty")
    if any(t.text == ";" for t in meaningful):
        raise SqlRejected("multiple_statements")
    first = meaningful[0]
    if first.kind != "word" or first.value not in FIRST_KEYWORDS:
        raise SqlRejected("not_select", first.text[:30])
    return meaningful


def check_sql(sql: str, aliases: Mapping[str, str], dialect: str | None = None) -> tuple[str, set[str]]:
    """Return the SQL with resource-key aliases replaced by table names, and the tables used.

    Raises :class:`SqlRejected` for anything but one read-only SELECT over the given aliases
    that calls only functions allowed on ``dialect`` ("sqlite", "postgresql"; None: either).
    """
    tokens = tokenize(sql)
    meaningful = _check_statement(tokens)
    used: set[str] = set()
    out: list[str] = []
    for token in tokens:
        if token.kind == "word":
            if token.value in DENIED_KEYWORDS:
                raise SqlRejected("denied_keyword", token.text)
            _check_name(token.value)
        elif token.kind == "ident":
            if token.value in aliases:
                used.add(aliases[token.value])
                out.append(quote(aliases[token.value]))
                continue
            _check_name(token.value)
        out.append(token.text)
    called = denied_call(meaningful, dialect)
    if called is not None:
        raise SqlRejected("denied_function", called)
    budget = over_budget(meaningful)
    if budget == "patterns":
        raise SqlRejected("too_many_patterns", str(MAX_PATTERN_MATCHES))
    if budget == "calls":
        raise SqlRejected("too_many_calls", str(MAX_CALLS))
    text = "".join(out).strip()
    while text.endswith(";"):
        text = text[:-1].rstrip()
    return text, used
