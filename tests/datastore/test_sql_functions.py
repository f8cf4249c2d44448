"""The function allow-list of the SQL guard and SQLite's bounded-cost stand-ins (no database)."""

from __future__ import annotations

import sqlite3
import time

import pytest

from lontar.datastore.query.engine import _Watchdog
from lontar.datastore.query.sqlguard import SqlRejected, check_sql
from lontar.datastore.query.sqlite_safe import MAX_WIDTH, FunctionRefused, SafeFunctions, check_format

ALIASES = {"uji/sql": "ds_0123456789abcdef"}

#: functions that run SQL given as a string, read files or settings, or build huge values
#: cheaply: what the security review used (ts_stat / ts_rewrite read NIK from a private table)
REFUSED = [
    "SELECT * FROM ts_stat('SELECT to_tsvector(nama) FROM x')",
    "SELECT ts_rewrite('a'::tsquery, 'SELECT ''a''::tsquery, nama::tsquery FROM x')",
    "SELECT * FROM ts_stat('SELECT to_tsvector(usename) FROM pg_user')",
    "SELECT * FROM \"ts_stat\"('SELECT 1')",
    "SELECT * FROM \"uji/sql\" t, LATERAL ts_stat('SELECT 1') s",
    "SELECT * FROM ROWS FROM (ts_stat('SELECT 1'))",
    "SELECT xpath('/a', '<a/>')",
    "SELECT xmlparse(document '<a/>')",
    "SELECT xmltable('/a' PASSING '<a/>' COLUMNS b int)",
    "SELECT cursor_to_xml('c', 1, true, true, '')",
    "SELECT * FROM dblink('dbname=x', 'SELECT 1') AS t(a int)",
    "SELECT lo_import('/etc/passwd')",
    "SELECT pg_ls_dir('.')",
    "SELECT current_setting('data_directory')",
    "SELECT zeroblob(9000000)",
    "SELECT randomblob(500000000)",
    "SELECT repeat('x', 9000000) FROM generate_series(1, 20)",
    "SELECT lpad('x', 900000000, 'x')",
    "SELECT * FROM pragma_table_info('x')",
    "SELECT setseed(0.5)",
    'SELECT * FROM "uji/sql" x(a, b)',
    "SELECT OPERATOR(pg_catalog.+)(1, 2)",
]


REFUSED_ON = [(sql, dialect) for sql in REFUSED for dialect in ("sqlite", "postgresql")] + [
    # SQLite's printf/format run as the bounded stand-in (below); PostgreSQL's format is off the list
    ("SELECT format('%900000000s', 'x')", "postgresql"),
    # O(value x set) inside one call, past statement_timeout; SQLite's trims are stand-ins (below)
    ("SELECT translate(b, b || 'x', 'y') FROM \"uji/sql\"", "postgresql"),
    ("SELECT btrim(b, b || 'a') FROM \"uji/sql\"", "postgresql"),
    ('SELECT ltrim(b, (SELECT max(b) FROM "uji/sql")) FROM "uji/sql"', "postgresql"),
    ("SELECT length(rtrim(b, 'x')) FROM \"uji/sql\"", "postgresql"),
    ('SELECT trim(BOTH b FROM b) FROM "uji/sql"', "postgresql"),
    ("SELECT * FROM json_each('[1]')", "sqlite"),  # a table-valued function there
]


@pytest.mark.parametrize(("sql", "dialect"), REFUSED_ON)
def test_functions_off_the_allow_list_are_refused(sql, dialect):
    with pytest.raises(SqlRejected) as err:
        check_sql(sql, ALIASES, dialect)
    assert err.value.reason in ("denied_function", "denied_name")


#: what analysts write: aggregates, windows, casts with type modifiers, CTEs with column lists,
#: aliases with column lists, subqueries, keyword constructs followed by "("
ANALYST = {
    None: [
        'SELECT a, count(*) AS n, sum(b), avg(b), min(b), max(b) FROM "uji/sql" GROUP BY a HAVING (count(*) > 1)',
        "WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r WHERE i < 5) SELECT i FROM r",
        'WITH t AS MATERIALIZED (SELECT a FROM "uji/sql"), u(x) AS (SELECT 1) SELECT * FROM t, u',
        'SELECT CAST(a AS numeric(10, 2)), coalesce(a, 0), nullif(a, 1) FROM "uji/sql"',
        'SELECT a FROM "uji/sql" WHERE a IN (1, 2) AND EXISTS (SELECT 1) AND NOT (a = 3)',
        'SELECT row_number() OVER (PARTITION BY a ORDER BY b), lag(a) OVER (ORDER BY a) FROM "uji/sql"',
        'SELECT count(*) FILTER (WHERE a > 1) FROM "uji/sql"',
        "SELECT lower(trim(b)), upper(substr(b, 1, 2)), length(b), replace(b, '.', ''), round(a / 3.0, 2) "
        'FROM "uji/sql"',
        "SELECT * FROM (VALUES (1, 2)) AS v(a, b)",
        'SELECT CASE WHEN (a > 1) THEN abs(a) ELSE 0 END FROM "uji/sql"',
    ],
    "sqlite": [
        "SELECT printf('%.2f', 3.14159), strftime('%Y', '2024-05-01'), date('now'), iif(1, 2, 3)",
        "SELECT group_concat(b, ', '), json_object('a', 1), json_extract('{\"a\": 1}', '$.a'), instr('abc', 'b')",
        "SELECT ifnull(NULL, 1), typeof(1), total(1), hex('a'), unicode('a'), char(65)",
    ],
    "postgresql": [
        "SELECT EXTRACT(YEAR FROM DATE '2024-05-01'), date_trunc('month', now()), to_char(now(), 'YYYY')",
        "SELECT string_agg(b, ', '), array_agg(a), json_agg(a), percentile_cont(0.5) WITHIN GROUP (ORDER BY a) "
        'FROM "uji/sql"',
        "SELECT split_part('a.b', '.', 1), concat('a', 'b'), left('abc', 1), regexp_replace('a', 'a', 'b')",
        "SELECT * FROM generate_series(1, 3) AS g(i)",
    ],
}


@pytest.mark.parametrize(("dialect", "sql"), [(dialect, sql) for dialect, items in ANALYST.items() for sql in items])
def test_analyst_functions_pass(dialect, sql):
    for target in ["sqlite", "postgresql"] if dialect is None else [dialect]:
        check_sql(sql, ALIASES, target)


def test_dialects_differ():
    with pytest.raises(SqlRejected):
        check_sql("SELECT printf('%d', 1)", ALIASES, "postgresql")
    with pytest.raises(SqlRejected):
        check_sql("SELECT string_agg('a', ',')", ALIASES, "sqlite")


@pytest.mark.parametrize(
    ("fmt", "args"),
    [
        ("%.*c", (2_000_000_000, "x")),
        ("%.*c", ("2000000000", "x")),
        ("%*d", (-5000, 1)),
        ("%2000000000c", ("x",)),
        ("%.99999999999999999999f", (1.5,)),
        ("%d %.*c", (1, 1001, "x")),
    ],
)
def test_printf_widths_are_bounded(fmt, args):
    with pytest.raises(FunctionRefused):
        check_format(fmt, args)


def _guarded_connection() -> tuple[sqlite3.Connection, SafeFunctions]:
    """An in-memory connection with the 1 MB value cap and the bounded-cost stand-ins installed."""
    conn = sqlite3.connect(":memory:")
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, 1_000_000)
    safe = SafeFunctions()
    safe.begin(1_000_000)
    safe.install(conn)
    return conn, safe


def test_printf_stand_in_formats_like_sqlite():
    conn, safe = _guarded_connection()
    cases = ["printf('%.2f|%5d|%-3s|%%|%c', 3.14159, 42, 'a', 'xyz')", f"printf('%.*c', {MAX_WIDTH}, 'x')"]
    expected = sqlite3.connect(":memory:").execute("SELECT " + ", ".join(cases)).fetchone()
    assert conn.execute("SELECT " + ", ".join(cases)).fetchone() == expected
    started = time.monotonic()
    with pytest.raises(sqlite3.OperationalError):
        conn.execute("SELECT length(printf('%.*c', 2000000000, 'x'))").fetchone()
    assert time.monotonic() - started < 2
    assert safe.refused().reason == "width"


def test_search_stand_ins_are_linear_and_exact():
    conn, safe = _guarded_connection()
    plain = sqlite3.connect(":memory:")
    small = (
        "instr('abcabc', 'ca'), instr('abc', ''), instr(NULL, 'a'), instr(x'616263', x'63'), instr(12345, 34), "
        "replace('a.b.c', '.', ''), replace('abc', '', 'x'), replace('abc', 'b', NULL), replace(123, 2, 9)"
    )
    assert conn.execute(f"SELECT {small}").fetchone() == plain.execute(f"SELECT {small}").fetchone()
    # SQLite's own functions took ~39 s each for these (a byte-by-byte search of 1 MB)
    haystack = "'" + "a" * 499_999 + "'"
    needle = "'" + "a" * 250_000 + "b'"
    started = time.monotonic()
    assert conn.execute(f"SELECT instr({haystack}, {needle})").fetchone() == (0,)
    assert conn.execute(f"SELECT length(replace({haystack}, {needle}, 'c'))").fetchone() == (499_999,)
    assert time.monotonic() - started < 5
    with pytest.raises(sqlite3.OperationalError):
        conn.execute(f"SELECT replace({haystack}, 'a', 'aaa')").fetchone()
    assert safe.refused().reason == "value"


def test_trim_stand_ins_are_linear_and_exact():
    conn, _safe = _guarded_connection()
    plain = sqlite3.connect(":memory:")
    small = (
        "trim('xxaxx', 'x'), ltrim('xxaxx', 'x'), rtrim('xxaxx', 'x'), trim('  a  '), ltrim('abc', ''), "
        "trim(NULL, 'x'), trim('x', NULL), rtrim(12300, 0), ltrim('ééaé', 'é'), trim(x'616263', 'a'), "
        "trim('abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ!?.,;:_-+=ZZ', "
        "'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ!?.,;:_-+=')"
    )
    assert conn.execute(f"SELECT {small}").fetchone() == plain.execute(f"SELECT {small}").fetchone()
    # SQLite's own ltrim compares each character of the value with each of the set: ~20 s for
    # 40,000 characters each, ~10 min for 1 MB and 80,000, in one call no time limit interrupts
    value = "'" + "a" * 40_000 + "'"
    chars = "'" + "b" * 40_000 + "a'"
    started = time.monotonic()
    assert conn.execute(f"SELECT length(ltrim({value}, {chars}))").fetchone() == (0,)
    assert conn.execute(f"SELECT length(trim({value} || 'c', {chars}))").fetchone() == (1,)
    assert time.monotonic() - started < 2


def test_watchdog_interrupts_a_query_on_time():
    conn = sqlite3.connect(":memory:", check_same_thread=False)
    bomb = "WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r) SELECT count(*) FROM r"
    started = time.monotonic()
    watchdog = _Watchdog(conn, 0.2)
    with pytest.raises(sqlite3.OperationalError, match="interrupted"):
        conn.execute(bomb).fetchone()
    watchdog.stop()
    assert time.monotonic() - started < 5
    # a stopped watchdog never interrupts the next query
    late = _Watchdog(conn, 0.05)
    late.stop()
    time.sleep(0.1)
    assert conn.execute("SELECT 1").fetchone() == (1,)


def test_work_budget_counts_calls_and_pattern_matches():
    from lontar.datastore.query.functions import MAX_CALLS, MAX_PATTERN_MATCHES

    aliases = {"a/b": "ds_x"}
    ok = "SELECT count(*), sum(n), upper(nama) FROM \"a/b\" WHERE nama LIKE '%kupang%' GROUP BY nama"
    assert check_sql(ok, aliases, "sqlite")[1] == {"ds_x"}
    many_calls = "SELECT " + ", ".join(["abs(1)"] * (MAX_CALLS + 1))
    many_like = "SELECT " + " + ".join(["('a' LIKE 'b')"] * (MAX_PATTERN_MATCHES + 1))
    many_glob = "SELECT " + " + ".join(["glob('a', 'b')"] * (MAX_PATTERN_MATCHES + 1))
    many_regexp = "SELECT " + " + ".join(["regexp_like('a', 'b')"] * (MAX_PATTERN_MATCHES + 1))
    for sql, reason, dialect in (
        (many_calls, "too_many_calls", "sqlite"),
        (many_like, "too_many_patterns", "sqlite"),
        (many_glob, "too_many_patterns", "sqlite"),
        (many_regexp, "too_many_patterns", "postgresql"),
    ):
        with pytest.raises(SqlRejected) as caught:
            check_sql(sql, aliases, dialect)
        assert caught.value.reason == reason, sql
    # keywords that take a parenthesis are not calls
    keywords = "SELECT " + ", ".join(["CAST(1 AS INTEGER)"] * (MAX_CALLS + 5))
    assert check_sql(keywords, aliases, "sqlite")
