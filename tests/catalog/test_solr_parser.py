"""The Solr query parser (``lontar.catalog.search.solr``): the grammar, the bounds, and
hypothesis properties (printing a tree and parsing it again gives the same tree; any text either
parses or raises ``SolrSyntaxError``, nothing else)."""

from __future__ import annotations

import contextlib
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lontar.catalog.search.solr import (
    MAX_DEPTH,
    MAX_TERMS,
    And,
    MatchAll,
    Not,
    Or,
    Range,
    SolrSyntaxError,
    Term,
    conjuncts,
    parse,
    positive_text,
    to_text,
)


def test_harvester_filter_binds_or_tighter_than_spaces():
    # ckanext-harvest joins its fq terms with spaces: "(a or b) and modified since"
    tree = parse("organization:a OR organization:b groups:x OR groups:y metadata_modified:[2026-01-01T00:00:00Z TO *]")
    assert tree == And(
        (
            Or((Term("a", "organization"), Term("b", "organization"))),
            Or((Term("x", "groups"), Term("y", "groups"))),
            Range("metadata_modified", "2026-01-01T00:00:00Z", None),
        )
    )


def test_exclusions_plus_and_not():
    assert parse("-organization:x -organization:y") == And(
        (Not(Term("x", "organization")), Not(Term("y", "organization")))
    )
    assert parse("+organization:x") == Term("x", "organization")
    assert parse("NOT tags:a AND !tags:b") == And((Not(Term("a", "tags")), Not(Term("b", "tags"))))
    assert parse("paud OR miskin") == Or((Term("paud"), Term("miskin")))
    assert parse("a AND b OR c") == Or((And((Term("a"), Term("b"))), Term("c")))
    assert parse("a || b && c") == Or((Term("a"), And((Term("b"), Term("c")))))


def test_field_groups_phrases_and_ranges():
    assert parse("+(organization:a OR organization:b)") == Or((Term("a", "organization"), Term("b", "organization")))
    assert parse('organization:(a OR "b c")') == Or((Term("a", "organization"), Term("b c", "organization", True)))
    assert parse('tags:"data kesehatan"') == Term("data kesehatan", "tags", phrase=True)
    assert parse("metadata_modified:{NOW-1DAY TO NOW/DAY]") == Range("metadata_modified", "NOW-1DAY", "NOW/DAY", False)
    assert parse("metadata_modified:[* TO 2024-05-01T10:00:00.5Z}") == Range(
        "metadata_modified", None, "2024-05-01T10:00:00.5Z", True, False
    )
    assert parse("name:*") == Range("name", None, None)
    assert parse("") == MatchAll() and parse("*:*") == MatchAll() and parse("  ") == MatchAll()
    assert parse(r"title:a\:b") == Term("a:b", "title")
    assert parse("metadata_modified:2024-01-01T00:00:00Z") == Term("2024-01-01T00:00:00Z", "metadata_modified")


def test_helpers():
    tree = parse("a -b (c OR organization:d) NOT (e OR f)")
    assert positive_text(tree) == ["a", "c"]
    assert len(conjuncts(tree)) == 4 and conjuncts(parse("*:*")) == []


@pytest.mark.parametrize(
    "text",
    [
        "(a OR b",
        "a OR b)",
        "()",
        "organization:",
        "organization: x",
        '"open phrase',
        "metadata_modified:[2024 TO",
        "metadata_modified:[2024 2025]",
        "metadata_modified:[a TO [b TO c]]",
        "metadata_modified:[[a TO b] TO c]",
        "[a TO b]",
        "a AND",
        "OR a",
        "a \\",
        "x]",
        "organization:x'; DROP TABLE catalog_catalogentry; --)",
    ],
)
def test_bad_syntax(text):
    with pytest.raises(SolrSyntaxError):
        parse(text)


def test_bounds_refuse_hostile_queries_fast():
    started = time.monotonic()
    for text in (
        " ".join(["a"] * 10_000)[:7999],
        "(" * 10_000 + "a" + ")" * 10_000,
        "-" * 5000 + "a",
        "NOT " * 1000 + "a",
        " OR ".join(["tags:x"] * (MAX_TERMS + 1)),
        "(" * (MAX_DEPTH + 1) + "a" + ")" * (MAX_DEPTH + 1),
        "a" * 9000,
    ):
        with pytest.raises(SolrSyntaxError):
            parse(text)
    assert time.monotonic() - started < 2
    parse("(" * (MAX_DEPTH - 1) + "a" + ")" * (MAX_DEPTH - 1))  # just within the bound


_FIELDS = st.sampled_from(["organization", "groups", "tags", "metadata_modified", "extras_source", "res_format"])
_CHARS = st.characters(blacklist_characters="\x00")  # the parser refuses NUL by design
_VALUES = st.text(_CHARS, min_size=1, max_size=12)
_LEAVES = st.one_of(
    st.just(MatchAll()),
    st.builds(Term, value=_VALUES, field=st.one_of(st.none(), _FIELDS), phrase=st.just(False)),
    st.builds(Term, value=st.text(_CHARS, max_size=12), field=st.one_of(st.none(), _FIELDS), phrase=st.just(True)),
    st.builds(
        Range,
        field=_FIELDS,
        low=st.one_of(st.none(), _VALUES),
        high=st.one_of(st.none(), _VALUES),
        low_inclusive=st.booleans(),
        high_inclusive=st.booleans(),
    ),
)


def _trees():
    return st.recursive(
        _LEAVES,
        lambda inner: st.one_of(
            st.builds(Not, inner),
            st.builds(And, st.lists(inner, min_size=2, max_size=4).map(tuple)),
            st.builds(Or, st.lists(inner, min_size=2, max_size=4).map(tuple)),
        ),
        max_leaves=12,
    )


def _depth(node) -> int:
    if isinstance(node, Not):
        return 1 + _depth(node.child)
    if isinstance(node, And | Or):
        return 1 + max(_depth(c) for c in node.children)
    return 0


@settings(max_examples=300, deadline=None)
@given(_trees())
def test_printing_and_parsing_again_gives_the_same_tree(tree):
    if _depth(tree) >= MAX_DEPTH:
        return
    assert parse(to_text(tree)) == tree


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.sampled_from([*'ab :()[]{}"\\*-+!', " TO ", " AND ", " OR ", "NOT ", "x:", "&&", "||"]), max_size=40)
)
def test_any_text_parses_or_raises_the_parser_error(pieces):
    text = "".join(pieces)
    try:
        tree = parse(text)
    except SolrSyntaxError:
        return
    assert parse(to_text(tree)) == tree


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_unicode_parses_or_raises_the_parser_error(text):
    with contextlib.suppress(SolrSyntaxError):
        parse(text)


_ANY_FIELDS = st.sampled_from(
    [
        "organization",
        "groups",
        "tags",
        "metadata_modified",
        "year",
        "id",
        "num_resources",
        "extras_temporal_start",
        "extras_source",
        "extras_data_prioritas",
        "title",
        "text",
        "owner_org",
        "password",
        "is_sample",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    st.recursive(
        st.one_of(
            st.builds(Term, value=_VALUES, field=st.one_of(st.none(), _ANY_FIELDS), phrase=st.booleans()),
            st.builds(
                Range,
                field=_ANY_FIELDS,
                low=st.one_of(st.none(), st.sampled_from(["NOW-1DAY", "2024", "2024-01-01T00:00:00Z", "x"]), _VALUES),
                high=st.one_of(st.none(), st.sampled_from(["NOW/DAY", "2025", "*"]), _VALUES),
            ),
        ),
        lambda inner: st.one_of(
            st.builds(Not, inner),
            st.builds(And, st.lists(inner, min_size=2, max_size=3).map(tuple)),
            st.builds(Or, st.lists(inner, min_size=2, max_size=3).map(tuple)),
        ),
        max_leaves=8,
    )
)
def test_translation_gives_a_filter_or_the_query_error(tree):
    """Any parsed query becomes a ``Q`` or raises ``QueryError`` (CKAN's 400), nothing else."""
    from django.db.models import Q

    from lontar.catalog.search.query import QueryError
    from lontar.catalog.search.translate import tree_q

    with contextlib.suppress(QueryError):
        assert isinstance(tree_q(tree), Q)
