"""Arbitrary JSON at the score and plan endpoints: always a 200 or a 4xx problem, never a server error."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

SCALARS = st.none() | st.booleans() | st.integers(-(10**30), 10**30) | st.floats(allow_nan=False) | st.text(max_size=30)
JSON = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)
NUMBERS = st.sampled_from([str(n) for n in range(0, 50)]) | st.text(max_size=12)
LEVEL_MAPS = st.dictionaries(NUMBERS, SCALARS | st.integers(0, 6), max_size=12) | JSON
BODIES = (
    st.fixed_dictionaries(
        {},
        optional={
            "levels": LEVEL_MAPS,
            "caps": LEVEL_MAPS,
            "target_index": SCALARS | st.decimals(0, 6, places=3).map(str),
            "target_predikat": SCALARS | st.sampled_from(["Baik", "baik", "Unggul", "Sangat Baik"]),
        },
    )
    | JSON
)

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def check(response) -> None:
    assert response.status_code in (200, 400, 404, 422), response.content[:300]
    if response.status_code != 200:
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["title"]


@FUZZ
@given(body=BODIES, code=st.sampled_from(["spbe-2018", "pemdi-2026", "spbe-2099"]))
def test_score_never_fails(client, shipped, body, code):
    check(client.post(f"/api/v1/frameworks/{code}/score", json.dumps(body), content_type="application/json"))


@FUZZ
@given(body=BODIES, code=st.sampled_from(["spbe-2020", "epss"]))
def test_plan_never_fails(client, shipped, body, code):
    check(client.post(f"/api/v1/frameworks/{code}/plan", json.dumps(body), content_type="application/json"))


@FUZZ
@given(raw=st.binary(max_size=200))
def test_raw_bytes_never_fail(client, shipped, raw):
    check(client.post("/api/v1/frameworks/spbe-2020/score", raw, content_type="application/json"))
