"""The pure parts of search: the q/fq/sort parser, tokens, FTS query text (hypothesis)."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lontar.catalog.search import backend
from lontar.catalog.search.query import QueryError, parse, parse_datetime, parse_sort, parse_year


def test_fields_values_quotes_groups_ranges():
    parsed = parse(
        'organization:dinkes +tags:"data kesehatan" -res_format:PDF groups:(pendidikan OR kesehatan) '
        "metadata_modified:[2026-01-01T00:00:00Z TO *] puskesmas",
        free_text=True,
    )
    assert parsed.words == ["puskesmas"]
    org, tags, fmt, groups, modified = parsed.clauses
    assert (org.field, org.values) == ("organization", ("dinkes",))
    assert tags.values == ("data kesehatan",) and not tags.negate
    assert fmt.negate and fmt.values == ("PDF",)
    assert groups.values == ("pendidikan", "kesehatan")
    assert modified.is_range and modified.low == "2026-01-01T00:00:00Z" and modified.high is None


def test_exclusive_range_and_match_all():
    parsed = parse("*:*", free_text=True)
    assert parsed.words == [] and parsed.clauses == []
    (clause,) = parse("year:{2020 TO 2024]", free_text=False).clauses
    assert not clause.low_inclusive and clause.high_inclusive


@pytest.mark.parametrize(
    "text",
    ['tags:"unterminated', "year:[2020 TO", "year:[2020 2024]", "nosuchfield:x", "groups:()", "name:", "free words"],
)
def test_bad_fq_is_a_query_error(text):
    with pytest.raises(QueryError):
        parse(text, free_text=False)


def test_sort():
    assert parse_sort("id asc", has_text=False) == [("id", False)]
    assert parse_sort("metadata_modified desc, name asc", has_text=False) == [
        ("metadata_modified", True),
        ("name", False),
    ]
    assert parse_sort("", has_text=True)[0] == ("score", True)
    for bad in ("id sideways", "password asc", "id asc desc", ","):
        with pytest.raises(QueryError):
            parse_sort(bad, has_text=False)


def test_dates_and_years():
    now = dt.datetime(2026, 3, 10, 15, 30, tzinfo=dt.UTC)
    assert parse_datetime("NOW-7DAYS", now=now) == now - dt.timedelta(days=7)
    assert parse_datetime("NOW/DAY", now=now) == dt.datetime(2026, 3, 10, tzinfo=dt.UTC)
    assert parse_datetime("2026-01-01").tzinfo is not None
    with pytest.raises(QueryError):
        parse_datetime("NOW+9999YEARS", now=now)
    with pytest.raises(QueryError):
        parse_datetime("yesterday")
    assert parse_year("2024") == 2024
    with pytest.raises(QueryError):
        parse_year("２０２４")


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=300), st.booleans())
def test_parser_never_raises_anything_but_query_error(text, free):
    try:
        parsed = parse(text, free_text=free)
    except QueryError:
        return
    for clause in parsed.clauses:
        assert clause.values or clause.is_range


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_tokens_are_plain_words(text):
    words = backend.tokens(text)
    assert len(words) <= backend.MAX_TOKENS
    for word in words:
        assert word and all(ch.isalnum() for ch in word) and len(word) <= backend.MAX_TOKEN_LENGTH
    fts = backend.fts5_query(words)
    assert fts.count('"') == 2 * len(words)
    assert set(backend.tsquery(words)) <= set("".join(words)) | set(" &:*")


def test_solr_date_math():
    now = dt.datetime(2026, 3, 31, 15, 30, tzinfo=dt.UTC)
    utc = dt.UTC
    assert parse_datetime("NOW/DAY-7DAYS", now=now) == dt.datetime(2026, 3, 24, tzinfo=utc)
    assert parse_datetime("NOW-1MONTH", now=now) == dt.datetime(2026, 2, 28, 15, 30, tzinfo=utc)
    assert parse_datetime("NOW+1YEAR/MONTH", now=now) == dt.datetime(2027, 3, 1, tzinfo=utc)
    assert parse_datetime("NOW-1DAY/HOUR", now=now) == dt.datetime(2026, 3, 30, 15, tzinfo=utc)
    assert parse_datetime("2024-01-31T10:00:00Z+1MONTH") == dt.datetime(2024, 2, 29, 10, tzinfo=utc)
    assert parse_datetime("2024-05-01T10:00:00.5Z/DAY") == dt.datetime(2024, 5, 1, tzinfo=utc)
    assert parse_datetime("2024-01-01/YEAR") == dt.datetime(2024, 1, 1, tzinfo=utc)
    for bad in ("NOW-", "NOW/FOO", "NOW+1", "2024-01-01Zjunk", "NOW-99999999DAYS", "NOW+99999YEARS"):
        with pytest.raises(QueryError):
            parse_datetime(bad, now=now)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("NOW0123456789-+/:TZ.YEARMONTHDAYS ")), max_size=40))
def test_date_math_raises_only_query_error(text):
    with contextlib.suppress(QueryError):
        parse_datetime(text)
