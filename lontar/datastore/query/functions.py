"""Which functions a public SQL query may call: an allow-list per database.

A deny-list missed functions that run SQL given as a string (PostgreSQL's ``ts_stat('SELECT …')``
and ``ts_rewrite``, ``query_to_xml``, ``dblink``…), so the guard now accepts a name followed by
``(`` only when it is an allowed function, a keyword that takes a parenthesis (``IN (``,
``CAST(``, ``OVER (``…), a type with modifiers (``numeric(10, 2)``), an alias's column list
(``AS t(a, b)``) or the name of a common table expression (``WITH r(i) AS (…)``).

The lists hold aggregates, window functions, arithmetic, text, date and JSON functions that only
read their arguments. Left out on purpose: anything that reads files, settings or the catalogue,
runs SQL, changes session state, or builds huge values from a small argument (SQLite
``zeroblob``/``randomblob``; PostgreSQL ``repeat``, ``lpad``/``rpad`` and ``format``, whose
widths allocate up to 1 GB on the server in one call), and calls that run for hours inside one
function, where no time limit can stop them: PostgreSQL's ``translate`` and the trims with a set of
characters (``btrim(x, chars)``, ``trim(BOTH chars FROM x)``…) compare every character of a value
with every character of the set (two 40,000-character arguments: 5-40 s past a 1 s
``statement_timeout``); SQLite's trims run as linear stand-ins (:mod:`.sqlite_safe`). On SQLite
the read-only connection's authorizer checks the same list again (:data:`SQLITE_RUNTIME`), so a
name the lexer missed is still refused.
"""

from __future__ import annotations

from collections.abc import Sequence


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


COMMON = _words(
    """
    avg count max min sum
    coalesce nullif
    length lower upper trim ltrim rtrim replace substr substring
    abs round sign ceil ceiling floor exp ln log log10 log2 pow power sqrt mod pi
    sin cos tan asin acos atan atan2 degrees radians trunc random
    row_number rank dense_rank percent_rank cume_dist ntile lag lead first_value last_value nth_value
    date current_date current_time current_timestamp
    json_array_length
    """
)

SQLITE = COMMON | _words(
    """
    total ifnull iif typeof time datetime julianday strftime unixepoch
    printf format char unicode hex quote instr glob like likely unlikely likelihood
    group_concat
    json json_array json_extract json_insert json_object json_patch json_remove json_replace json_set
    json_type json_valid json_quote json_group_array json_group_object
    """
)

POSTGRES = COMMON | _words(
    """
    string_agg array_agg json_agg jsonb_agg json_object_agg jsonb_object_agg
    bool_and bool_or every bit_and bit_or
    stddev stddev_pop stddev_samp variance var_pop var_samp corr covar_pop covar_samp
    regr_slope regr_intercept regr_r2 regr_count regr_avgx regr_avgy
    percentile_cont percentile_disc mode
    greatest least concat concat_ws left right btrim split_part strpos position initcap
    reverse starts_with char_length character_length octet_length chr ascii overlay
    regexp_replace regexp_match regexp_matches regexp_split_to_array regexp_split_to_table
    regexp_count regexp_like regexp_instr regexp_substr md5 to_hex
    to_char to_date to_timestamp to_number date_trunc date_part date_bin extract age now
    make_date make_time make_timestamp make_interval justify_days justify_hours justify_interval
    isfinite clock_timestamp statement_timestamp localtime localtimestamp timezone
    div scale gcd lcm cbrt width_bucket num_nulls num_nonnulls
    array_length array_to_string string_to_array cardinality unnest array_position array_positions
    array_remove array_append array_prepend array_cat array_upper array_lower generate_series
    json_build_object jsonb_build_object json_build_array jsonb_build_array to_json to_jsonb
    jsonb_array_length json_extract_path json_extract_path_text jsonb_extract_path
    jsonb_extract_path_text json_typeof jsonb_typeof jsonb_pretty row_to_json array_to_json
    json_strip_nulls jsonb_strip_nulls json_array_elements jsonb_array_elements
    json_array_elements_text jsonb_array_elements_text json_each jsonb_each json_each_text
    jsonb_each_text json_object_keys jsonb_object_keys
    to_tsvector to_tsquery plainto_tsquery phraseto_tsquery websearch_to_tsquery ts_rank ts_rank_cd
    ts_headline
    """
)

#: what SQLite's authorizer reports for operators and keywords implemented as functions
SQLITE_RUNTIME = SQLITE | frozenset({"->", "->>", "coalesce", "nullif"})

#: keywords (and type names) that may stand before "(" without being a function call
CALL_KEYWORDS = _words(
    """
    in exists values as over filter within cast case when then else and or not select from join on
    where having by using union all any some except intersect distinct between like ilike glob is
    escape materialized row array lateral limit offset group partition rows range groups grouping
    sets cube rollup with numeric decimal varchar char character varying time timestamp interval
    bit float
    """
)


#: PostgreSQL functions allowed with one argument only (see the module docstring)
POSTGRES_ONE_ARGUMENT = _words("trim ltrim rtrim btrim")


def allowed_functions(dialect: str | None) -> frozenset[str]:
    """The allow-list of ``dialect`` ("sqlite", "postgresql"); None: the union (guard-only tests)."""
    if dialect == "postgresql":
        return POSTGRES
    if dialect == "sqlite":
        return SQLITE
    return SQLITE | POSTGRES


def _closing(tokens: Sequence, start: int) -> int:
    """Index of the ")" matching the "(" at ``start`` (len(tokens) if it is never closed)."""
    depth = 0
    for index in range(start, len(tokens)):
        if tokens[index].text == "(":
            depth += 1
        elif tokens[index].text == ")":
            depth -= 1
            if depth == 0:
                return index
    return len(tokens)


def _more_arguments(tokens: Sequence, start: int) -> bool:
    """True when the call whose "(" is at ``start`` has a second argument or a ``FROM`` part."""
    depth = 0
    for token in tokens[start:]:
        if token.text == "(":
            depth += 1
        elif token.text == ")":
            depth -= 1
            if depth == 0:
                return False
        elif depth == 1 and (token.text == "," or (token.kind == "word" and token.value == "from")):
            return True
    return False


def _word(tokens: Sequence, index: int, *values: str) -> bool:
    return index < len(tokens) and tokens[index].kind == "word" and tokens[index].value in values


def cte_names(tokens: Sequence) -> set[int]:
    """Positions of the names defined by ``WITH [RECURSIVE] name [(cols)] AS [[NOT] MATERIALIZED] (…)``."""
    names: set[int] = set()
    for start, token in enumerate(tokens):
        if not (token.kind == "word" and token.value == "with"):
            continue
        index = start + 1 + int(_word(tokens, start + 1, "recursive"))
        while index < len(tokens) and tokens[index].kind in ("word", "ident"):
            name = index
            index += 1
            if index < len(tokens) and tokens[index].text == "(":
                index = _closing(tokens, index) + 1
            if not _word(tokens, index, "as"):
                break
            names.add(name)
            index += 1
            while _word(tokens, index, "not", "materialized"):
                index += 1
            if index >= len(tokens) or tokens[index].text != "(":
                break
            index = _closing(tokens, index) + 1
            if index >= len(tokens) or tokens[index].text != ",":
                break
            index += 1
    return names


def denied_call(tokens: Sequence, dialect: str | None) -> str | None:
    """The first name called like a function that the allow-list of ``dialect`` does not hold.

    ``tokens`` are the meaningful tokens (no spaces) of :mod:`sqlguard`'s lexer.
    """
    allowed = allowed_functions(dialect)
    ctes = cte_names(tokens)
    for index, token in enumerate(tokens[:-1]):
        if tokens[index + 1].text != "(" or token.kind not in ("word", "ident") or index in ctes:
            continue
        name = token.value
        if token.kind == "word" and name in CALL_KEYWORDS:
            continue
        if index and _word(tokens, index - 1, "as"):
            continue  # an alias's column list: AS t(a, b)
        if name not in allowed:
            return token.text
        if dialect != "sqlite" and name in POSTGRES_ONE_ARGUMENT and _more_arguments(tokens, index + 1):
            return token.text
    return None


# One row's expressions run without a check of the time limit: SQLite tests its interrupt flag and
# progress handler only where the program loops or jumps, so 26 ``big LIKE '%…X%'`` terms on a
# 512 KB value held a core for 23.6 s against a 1 s limit, and 1,100 ``upper(x)`` columns for 8 s.
# Each call is bounded by the value cap and SQLITE_LIMIT_LIKE_PATTERN_LENGTH; these cap how many
# there are, so one row costs well under a second. Real analyst queries use a handful.
MAX_CALLS = 64
MAX_PATTERN_MATCHES = 4
PATTERN_OPERATORS = _words("like ilike glob regexp match similar")
PATTERN_FUNCTION_PREFIXES = ("regexp_",)


def over_budget(tokens: Sequence) -> str | None:
    """``"calls"`` or ``"patterns"`` when the query holds more function calls or pattern matches
    (LIKE, GLOB, REGEXP… as operators or functions) than one row may run; else None."""
    calls = patterns = 0
    for index, token in enumerate(tokens):
        if token.kind not in ("word", "ident"):
            continue
        name = token.value
        called = index + 1 < len(tokens) and tokens[index + 1].text == "("
        if name in PATTERN_OPERATORS or (called and name.startswith(PATTERN_FUNCTION_PREFIXES)):
            patterns += 1
        if called and name not in CALL_KEYWORDS:
            calls += 1
    if patterns > MAX_PATTERN_MATCHES:
        return "patterns"
    if calls > MAX_CALLS:
        return "calls"
    return None
