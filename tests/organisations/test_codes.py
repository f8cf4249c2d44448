"""Pure functions: Kemendagri code shape/level and the region sync plan (hypothesis)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from lontar.organisations.codes import is_bps_code, is_region_code, level_for_code, parent_code
from lontar.organisations.loaders.regions import RegionRow, plan_sync

two = st.integers(0, 99).map(lambda n: f"{n:02d}")
four = st.integers(0, 9999).map(lambda n: f"{n:04d}")
codes = st.one_of(
    two,
    st.tuples(two, two).map(".".join),
    st.tuples(two, two, two).map(".".join),
    st.tuples(two, two, two, four).map(".".join),
)


@given(codes)
def test_every_well_formed_code_has_a_level_and_a_parent_one_level_up(code):
    assert is_region_code(code)
    level = level_for_code(code)
    assert level in ("provinsi", "kabupaten", "kota", "kecamatan", "desa", "kelurahan")
    parent = parent_code(code)
    if level == "provinsi":
        assert parent is None
    else:
        assert parent is not None and code.startswith(parent + ".") and is_region_code(parent)


@given(st.text(max_size=40))
def test_arbitrary_text_never_raises(value):
    level = level_for_code(value)
    assert (level is None) == (not is_region_code(value))
    is_bps_code(value)


def test_known_levels():
    assert level_for_code("53") == "provinsi"
    assert level_for_code("53.01") == "kabupaten"
    assert level_for_code("53.71") == "kota"
    assert level_for_code("53.01.04") == "kecamatan"
    assert level_for_code("53.01.04.2003") == "desa"
    assert level_for_code("53.71.01.1001") == "kelurahan"
    for bad in ("5", "53.", "53.1", "53.01.04.20031", "53-01", "٥٣", "53.01\n", "", "53.01.04.2003.1"):
        assert level_for_code(bad) is None, bad
    assert is_bps_code("5303") and not is_bps_code("53.03")


rows = st.lists(
    st.builds(
        RegionRow,
        code=codes,
        name=st.text(min_size=1, max_size=10),
        level=st.sampled_from(["desa", "kelurahan"]),
        parent_id=st.none(),
        population=st.none() | st.integers(0, 10**7),
    ),
    unique_by=lambda r: r.code,
    max_size=30,
)


@given(rows, rows)
def test_plan_then_apply_reaches_a_fixed_point(old, new):
    existing = {r.code: r.values() for r in old}
    plan = plan_sync(existing, new)
    assert len(plan.create) + len(plan.update) + plan.unchanged == len(new)
    assert {r.code for r in plan.create}.isdisjoint(existing)
    for row in [*plan.create, *plan.update]:
        existing[row.code] = row.values()
    again = plan_sync(existing, new)
    assert (again.create, again.update, again.unchanged) == ([], [], len(new))
