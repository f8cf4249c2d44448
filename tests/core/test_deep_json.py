"""JSON from outside is parsed with a nesting limit (lontar.core.safe_json): never a 500."""

from __future__ import annotations

import json

import pytest

from lontar.core import safe_json
from tests.hostile import DEEP_JSON_ARRAY, DEEP_JSON_OBJECT, MODERATELY_DEEP_JSON

HOSTILE = [DEEP_JSON_ARRAY, DEEP_JSON_OBJECT, MODERATELY_DEEP_JSON, '{"levels": ' + DEEP_JSON_ARRAY + "}"]


@pytest.mark.parametrize("raw", HOSTILE)
def test_too_deep_is_a_value_error(raw):
    with pytest.raises(safe_json.JSONTooDeep) as caught:
        safe_json.loads(raw)
    assert isinstance(caught.value, ValueError)


def test_ordinary_documents_parse_as_json_loads_does():
    raw = json.dumps({"levels": {"1": 3, "11": [1, 2, {"x": None}]}, "q": "a"})
    assert safe_json.loads(raw) == json.loads(raw)
    assert safe_json.loads("[" * safe_json.MAX_DEPTH + "]" * safe_json.MAX_DEPTH) is not None
    with pytest.raises(safe_json.JSONTooDeep):
        safe_json.loads("[" * (safe_json.MAX_DEPTH + 1) + "]" * (safe_json.MAX_DEPTH + 1))


def test_depth_counts_nesting_without_recursion():
    assert safe_json.depth(1) == 0
    assert safe_json.depth({"a": [1, {"b": []}]}) == 4
    deep: list = []
    for _ in range(50_000):
        deep = [deep]
    assert safe_json.depth(deep) == 50_001


@pytest.mark.django_db
@pytest.mark.parametrize("raw", HOSTILE)
def test_api_bodies_too_deep_are_a_problem_document(client, raw):
    response = client.post("/api/v1/frameworks/spbe-2020/score", raw, content_type="application/json")
    assert response.status_code == 400, response.content[:300]
    assert response["Content-Type"] == "application/problem+json"
