"""Client-made ``_next`` values: whatever Datasette's own encoder (``tilde_encode``) makes of a
sort value and a primary key, Lontar reads back as the same keyset."""

from __future__ import annotations

import pytest
from datasette.utils import tilde_encode
from hypothesis import given
from hypothesis import strategies as st

from lontar.datastore.query import params as qp

COLUMNS = [{"name": "nama", "type": "text"}, {"name": "jumlah", "type": "integer"}]


def columns() -> qp.Columns:
    return qp.Columns(COLUMNS, postgres=False)


@given(value=st.text(min_size=1, max_size=40).filter(lambda v: v != "$null"), row_id=st.integers(1, 2**62))
def test_sort_value_and_primary_key_round_trip(value, row_id):
    query = qp.TableQuery(sort="nama")
    keyset = qp.decode_keyset(f"{tilde_encode(value)},{row_id}", query, columns())
    assert keyset == qp.Keyset(value=value, id=row_id)


def test_awkward_values():
    for value in ["\x00", "a%b", "~", "+ +", "%7E", "Désa, 1/2"]:
        keyset = qp.decode_keyset(f"{tilde_encode(value)},5", qp.TableQuery(sort="nama"), columns())
        assert keyset.value == value


@given(row_id=st.integers(0, 2**63 - 1))
def test_primary_key_alone(row_id):
    assert qp.decode_keyset(str(row_id), qp.TableQuery(), columns()) == qp.Keyset(id=row_id)


@pytest.mark.parametrize(
    ("token", "sort"),
    [("1,2,3", ""), ("x,1", "jumlah"), ("5", "nama"), ("9" * 30, ""), ("a,b", "nama"), ("~FF~FE,1", "nama")],
)
def test_bad_client_tokens_are_refused(token, sort):
    with pytest.raises(qp.ParamError):
        qp.decode_keyset(token, qp.TableQuery(sort=sort), columns())


def test_null_sort_value_and_lontar_tokens():
    assert qp.decode_keyset("$null,7", qp.TableQuery(sort="jumlah"), columns()) == qp.Keyset(id=7, nulls=True)
    query = qp.TableQuery(sort="jumlah", desc=True)
    own = qp.encode_keyset(qp.Keyset(value=30, id=3), query)
    assert qp.decode_keyset(own, query, columns()) == qp.Keyset(value=30, id=3)
