"""lontar.core.forms: integer fields that never hand the database a number beyond 64 bits."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from lontar.core.forms import DB_INT_MAX, DB_INT_MIN, DbIntegerField, fits_db_integer
from tests.hostile import HUGE_INTEGERS


@pytest.mark.parametrize("huge", HUGE_INTEGERS)
def test_huge_integers_do_not_fit(huge):
    assert not fits_db_integer(huge)
    with pytest.raises(ValidationError):
        DbIntegerField().clean(huge)


def test_the_range_ends_are_accepted():
    assert DbIntegerField().clean(str(DB_INT_MAX)) == DB_INT_MAX
    assert DbIntegerField().clean(str(DB_INT_MIN)) == DB_INT_MIN
    assert DbIntegerField(min_value=0).clean("7") == 7


@given(st.integers())
def test_fits_exactly_the_64_bit_range(value):
    assert fits_db_integer(value) is (DB_INT_MIN <= value <= DB_INT_MAX)
    assert fits_db_integer(str(value)) is (DB_INT_MIN <= value <= DB_INT_MAX)


@pytest.mark.parametrize("value", ["", "abc", "1.5", "٣", " 12 ", "+7", None])
def test_non_integers_are_left_to_the_field(value):
    assert fits_db_integer(value)
