"""The CKAN DataStore parameter checks and the search SQL builder, without a database."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lontar.catalog.ckan import datastore_params as dp
from lontar.catalog.ckan.errors import ValidationFailed
from lontar.datastore.query.params import Columns
from lontar.datastore.query.search import BoolOp, FieldOp, Search, SearchError, SearchSql, SortKey, TextMatch, Word

COLUMNS = [
    {"name": "nama", "type": "text"},
    {"name": "tahun", "type": "integer"},
    {"name": "nilai", "type": "decimal"},
    {"name": "tanggal", "type": "date"},
    {"name": "aktif", "type": "boolean"},
]


SLOW_MACHINE = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large], deadline=None)


def columns(postgres: bool = False) -> Columns:
    return Columns(COLUMNS, postgres=postgres)


def test_tsquery_operators():
    expr = dp.text_expr("kota & !(2023 | 2022) <-> kupang:*", "q", plain=False)
    assert expr == BoolOp(
        "and",
        (Word("kota"), BoolOp("not", (BoolOp("or", (Word("2023"), Word("2022"))),)), Word("kupang")),
    )
    assert dp.text_expr("kota  kupang", "q", plain=True) == BoolOp("and", (Word("kota"), Word("kupang")))


@SLOW_MACHINE
@given(st.text(max_size=80))
def test_any_text_query_parses_or_is_refused_with_409(text):
    for plain in (True, False):
        try:
            dp.text_expr(text, "q", plain)
        except ValidationFailed as exc:
            assert exc.status == 409


KEYS = st.sampled_from(["nama", "tahun", "nilai", "tanggal", "aktif", "gt", "in", "$or", 'nama" OR 1=1 --']) | st.text(
    max_size=5
)


@SLOW_MACHINE
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=3),
        max_leaves=8,
    )
)
def test_any_filters_value_builds_safe_sql_or_is_refused(filters):
    """Whatever JSON arrives as ``filters``: a 409, or SQL whose only names are quoted columns
    and whose values are all bound parameters."""
    try:
        ops = dp._Filters(columns()).parse(filters)
    except ValidationFailed as exc:
        assert exc.status == 409
        return
    sql, params = SearchSql("ds_0123456789abcdef", columns()).where(Search(fields=["nama"], conditions=ops))
    assert sql.count("?") == len(params)
    for op in ops:
        assert op.column in {"nama", "tahun", "nilai", "tanggal", "aktif"}


def test_filters_limits():
    with pytest.raises(ValidationFailed, match="Maximum number of filter operations"):
        dp._Filters(columns()).parse({"tahun": list(range(1001))})
    with pytest.raises(ValidationFailed, match="Maximum number of filter operations"):
        dp._Filters(columns()).parse({"tahun": {"gt": 1}, **{"nama": [str(i) for i in range(1000)]}})
    assert dp._Filters(columns()).parse({"tahun": None}) == [FieldOp("tahun", "in", [])]


def test_sort_clauses_as_ckan_reads_them():
    keys = dp.sort_keys({"sort": ' "tahun" DESC nulls first, nama'}, columns())
    assert keys == [SortKey("tahun", desc=True, nulls="first"), SortKey("nama")]
    for bad in ("tahun desc desc", "tahun;", "(tahun)", 'tahun" desc', "nama nulls"):
        with pytest.raises(ValidationFailed):
            dp.sort_keys({"sort": bad}, columns())


def test_builder_quotes_columns_and_binds_values():
    sql_builder = SearchSql("ds_0123456789abcdef", columns(postgres=True))
    search = Search(
        fields=["nama", "tahun"],
        conditions=[FieldOp("tahun", "gte", 2020), FieldOp("nama", "in", ["a", "b"])],
        texts=[TextMatch(("nama",), BoolOp("or", (Word("50%_x"), Word("y"))))],
        sort=[SortKey("tahun", desc=True)],
        limit=10,
        offset=20,
    )
    sql, params = sql_builder.page(search)
    assert sql == (
        'SELECT "nama", "tahun" FROM "ds_0123456789abcdef" WHERE ("tahun" >= %s) AND ("nama" IN (%s, %s)) AND '
        "((CAST(\"nama\" AS text) ILIKE %s ESCAPE '\\') OR (CAST(\"nama\" AS text) ILIKE %s ESCAPE '\\')) "
        'ORDER BY "tahun" DESC NULLS FIRST, "_id" ASC NULLS LAST LIMIT 10 OFFSET 20'
    )
    assert params == [2020, "a", "b", "%50\\%\\_x%", "%y%"]
    with pytest.raises(SearchError):
        sql_builder.page(Search(fields=['nama" FROM x --']))
    with pytest.raises(SearchError):
        sql_builder.page(Search(fields=["nama"], texts=[TextMatch(("nama",), Word("%" * 40))]))


def test_links_carry_the_search():
    links = __import__("lontar.catalog.ckan.datastore", fromlist=["search_links"]).search_links(
        {"q": {"nama": "a b"}, "filters": {"tahun": [1, 2]}, "sort": ["tahun desc", "nama"], "offset": 5},
        "rid",
        limit=5,
        offset=15,
    )
    assert links["next"] == (
        "/api/3/action/datastore_search?resource_id=rid&q=%7B%22nama%22%3A%22a+b%22%7D"
        "&filters=%7B%22tahun%22%3A%5B1%2C2%5D%7D&sort=tahun+desc%2Cnama&limit=5&offset=20"
    )
    assert links["prev"].endswith("&limit=5&offset=10") and "offset" not in links["start"]


def test_words_are_split_as_postgresql_reads_them():
    """CKAN's DataTables view sends ``Kota_Kup:*`` (punctuation replaced by ``_``)."""
    assert dp.text_expr("Kota_Kup:*", "q", plain=False) == BoolOp("and", (Word("Kota"), Word("Kup")))
    assert dp.text_expr("53.71, 2024-01-02 a/b", "q", plain=True) == BoolOp(
        "and", (Word("53.71"), Word("2024-01-02"), Word("a/b"))
    )
    assert dp.text_expr("_ , ;", "q", plain=True) is None
    with pytest.raises(ValidationFailed):
        dp.text_expr("___:*", "q", plain=False)
