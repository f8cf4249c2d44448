"""The public frameworks API: list, tree, score, plan, and every kind of bad input."""

from __future__ import annotations

import json

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

API = "/api/v1/frameworks"


@pytest.fixture(autouse=True)
def english(client):
    """Messages are checked in English (the msgids, chosen with the language cookie); one test checks
    the Indonesian default."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def post(client, url, body, **extra):
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post(url, data, content_type="application/json", **extra)


def test_list(client, shipped):
    response = client.get(API)
    assert response.status_code == 200
    items = response.json()["items"]
    assert [i["code"] for i in items] == ["epss", "pemdi-2026", "spbe-2018", "spbe-2020"]
    spbe = items[3]
    assert spbe["indicator_count"] == 47 and spbe["level_min"] == 1 and "59 Tahun 2020" in spbe["regulation"]


def test_list_pages_with_a_cursor(client, shipped):
    first = client.get(API, {"limit": 3}).json()
    assert len(first["items"]) == 3 and first["next_cursor"]
    rest = client.get(API, {"limit": 3, "cursor": first["next_cursor"]}).json()
    assert [i["code"] for i in rest["items"]] == ["spbe-2020"] and rest["next_cursor"] is None
    assert client.get(API, {"cursor": "%%%"}).status_code == 422


def test_detail_has_exact_weights_levels_and_bands(client, shipped):
    data = client.get(f"{API}/spbe-2018").json()
    assert data["level_min"] == 0 and len(data["nodes"]) == 3
    aspect7 = data["nodes"][2]["children"][1]
    assert [(i["number"], i["weight"], i["weight_exact"]) for i in aspect7["children"]] == [
        ("32", 3.3333, "10/3"),
        ("33", 3.3333, "10/3"),
        ("34", 3.3333, "10/3"),
        ("35", 10.0, "10"),
    ]
    indicator_1 = data["nodes"][0]["children"][0]["children"][0]
    assert [lv["level"] for lv in indicator_1["levels"]] == [0, 1, 2, 3, 4, 5]
    assert indicator_1["levels"][0]["criteria"].startswith("Tidak terdapat kebijakan internal")
    assert data["bands"][-1] == {"name": "Memuaskan", "alias": "", "lower": 4.2, "upper": None}


def test_detail_pemdi_external_and_generic_ladder(client, shipped):
    data = client.get(f"{API}/pemdi-2026").json()
    indicators = {i["number"]: i for aspect in data["nodes"] for i in aspect["children"]}
    assert indicators["7"]["external_source"].startswith("EPSS") and indicators["7"]["external_framework"] == "epss"
    assert indicators["1"]["external_source"] == ""
    assert indicators["1"]["levels"][0]["level_name"] == "Merintis / Initiate"
    assert {b["alias"] for b in data["bands"]} >= {"Berkembang / Developing"}


def test_unknown_framework_is_a_problem_404(client, shipped):
    for response in (client.get(f"{API}/spbe-2099"), post(client, f"{API}/spbe-2099/score", {"levels": {}})):
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"


def test_score_complete(client, shipped):
    levels = {str(n): 3 for n in range(1, 48)}
    levels.update({"42": 5, "43": 5})
    data = post(client, f"{API}/spbe-2020/score", {"levels": levels}).json()
    assert data["index"] == 3.12 and data["index_exact"] == "3.12" and data["predikat"] == "Baik"
    assert data["provisional"] is False and data["answered"] == 47
    nodes = {(n["kind"], n["number"]): n for n in data["nodes"]}
    assert len(nodes) == 12
    assert nodes[("aspect", "8")]["index"] == 3.67 and nodes[("aspect", "8")]["predikat"] == "Sangat Baik"
    assert nodes[("domain", "1")]["index"] == 3.0 and nodes[("domain", "1")]["weight_exact"] == "13"


def test_score_thirds_exactly(client, shipped):
    levels = dict.fromkeys(map(str, range(1, 36)), 0)
    levels["32"] = 1
    data = post(client, f"{API}/spbe-2018/score", {"levels": levels}).json()
    assert data["index_exact"] == "1/30" and data["index"] == 0.03


def test_score_provisional(client, shipped):
    data = post(client, f"{API}/spbe-2020/score", {"levels": {"1": 4, "2": None}}).json()
    assert data["provisional"] is True and data["answered"] == 1 and data["index"] == 4.0
    assert post(client, f"{API}/spbe-2020/score", {}).json()["index"] is None


def test_score_pemdi_with_external_figures(client, shipped):
    levels = {str(n): 3 for n in range(1, 21)}
    levels.update({"7": 2.87, "5": "3,75"})
    data = post(client, f"{API}/pemdi-2026/score", {"levels": levels}).json()
    assert data["provisional"] is False
    assert data["index_exact"] == "3.0336"  # (92·3 + 5·3.75 + 3·2.87) / 100
    assert data["index"] == 3.03 and data["predikat"] == "Baik" and data["predikat_alias"] == "Berkembang / Developing"


@pytest.mark.parametrize(
    ("levels", "field", "message"),
    [
        ({"1": 6}, "levels.1", "Indicator 1: level 6 is outside the scale 1–5."),
        ({"1": 0}, "levels.1", "Indicator 1: level 0 is outside the scale 1–5."),
        ({"48": 3}, "levels.48", "Indicator “48” does not exist in this framework."),
        ({"1": 2.5}, "levels.1", "Indicator 1: the level must be a whole number in the scale 1–5."),
        ({"1": True}, "levels.1", "Indicator 1: “True” is not a level."),
        ({"1": "tiga"}, "levels.1", "Indicator 1: “tiga” is not a level."),
        ({"1": [3]}, "levels.1", "Indicator 1: “[3]” is not a level."),
        ({"1": 10**400}, "levels.1", "is outside the scale"),
        ({"<script>alert(1)</script>" * 5: 1}, "levels.<script>alert(1)</s", "does not exist"),
    ],
)
def test_bad_levels_are_422_naming_the_indicator(client, shipped, levels, field, message):
    response = post(client, f"{API}/spbe-2020/score", {"levels": levels})
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    errors = response.json()["errors"]
    assert errors[0]["field"].startswith(field[:20]) and message in errors[0]["message"]


def test_infinity_and_nan_are_not_levels(client, shipped):
    for literal in ("Infinity", "NaN", "-Infinity"):
        response = post(client, f"{API}/spbe-2020/score", '{"levels": {"1": ' + literal + "}}")
        assert response.status_code == 422, literal


def test_too_many_entries_is_one_clear_error(client, shipped):
    levels = {str(n): 1 for n in range(5000)}
    response = post(client, f"{API}/pemdi-2026/score", {"levels": levels})
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "levels", "message": "“levels” has 5000 entries but this framework has only 20 indicators."}
    ]


def test_many_bad_entries_are_capped(client, shipped):
    levels = {str(n): 9 for n in range(1, 48)}
    errors = post(client, f"{API}/spbe-2020/score", {"levels": levels}).json()["errors"]
    assert len(errors) == 21 and "27 more" in errors[-1]["message"]


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ("{not json", 400),
        ("[1, 2]", 422),
        ('"levels"', 422),
        ("null", 422),
        ('{"levels": [1, 2]}', 422),
        ('{"level": {}}', 422),
    ],
)
def test_malformed_bodies_are_4xx(client, shipped, body, status):
    response = post(client, f"{API}/spbe-2020/score", body)
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"


def test_huge_body_is_refused(client, shipped):
    response = post(client, f"{API}/spbe-2020/score", '{"levels": {"1": 1}, "x": "' + "a" * (6 * 1024 * 1024) + '"}')
    assert response.status_code == 413  # DATA_UPLOAD_MAX_MEMORY_SIZE, answered as a problem
    assert response["Content-Type"] == "application/problem+json"


def test_plan_by_predikat(client, shipped):
    data = post(
        client, f"{API}/spbe-2020/plan", {"levels": dict.fromkeys(map(str, range(1, 48)), 2), "target_predikat": "baik"}
    ).json()
    assert data["step_count"] == 20
    assert data["steps"][0] == {"indicator": "32", "from": 2, "to": 4, "steps": 2}
    assert [s["indicator"] for s in data["steps"][1:]] == [str(n) for n in range(42, 48)]
    assert data["index_before"] == 2.0 and data["index_after"] == 2.6 and data["predikat_after"] == "Baik"
    assert data["target_index"] == 2.6 and data["target_predikat"] == "Baik" and data["assumed_minimum"] == []


def test_plan_by_index_with_caps_and_unanswered(client, shipped):
    caps = {str(n): 2 for n in range(32, 48)}
    data = post(client, f"{API}/spbe-2020/plan", {"levels": {"1": 3}, "target_index": "1,5", "caps": caps}).json()
    assert all(s["to"] <= 2 for s in data["steps"] if 32 <= int(s["indicator"]) <= 47)
    assert data["index_after"] >= 1.5
    assert len(data["assumed_minimum"]) == 46 and "1" not in data["assumed_minimum"]


def test_plan_pemdi_alias(client, shipped):
    data = post(client, f"{API}/pemdi-2026/plan", {"levels": {}, "target_predikat": "Melembaga"}).json()
    assert data["target_predikat"] == "Sangat Baik" and data["index_after"] >= 3.5


def test_plan_unreachable_says_the_maximum(client, shipped):
    caps = {str(n): 3 for n in range(1, 48)}
    response = post(client, f"{API}/spbe-2020/plan", {"levels": {}, "target_predikat": "Memuaskan", "caps": caps})
    assert response.status_code == 422
    error = response.json()["errors"][0]
    assert error["field"] == "target_predikat"
    assert error["message"] == "The target 4.20 cannot be reached: the highest index reachable is 3.00 (Baik)."


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"levels": {}}, "target_index", "Give either a target index or a target predikat."),
        ({"target_index": 3, "target_predikat": "Baik"}, "target_index", "Give either"),
        ({"target_index": 7}, "target_index", "The target index must be a number in the scale 1–5."),
        ({"target_index": "abc"}, "target_index", "must be a number"),
        ({"target_predikat": "Luar Biasa"}, "target_predikat", "Unknown predikat “Luar Biasa”"),
        ({"target_predikat": 5}, "target_predikat", "Unknown predikat"),
        ({"target_index": 3, "caps": {"1": 6}}, "caps.1", "outside the scale"),
        ({"levels": {"1": 4}, "target_index": 3, "caps": {"1": 2}}, "caps.1", "below the current level (4)"),
        ({"target_index": 3, "caps": {"99": 2}}, "caps.99", "does not exist"),
        ({"target_index": 3, "cap": {}}, "", "Unknown field “cap”"),
    ],
)
def test_plan_bad_input(client, shipped, body, field, message):
    response = post(client, f"{API}/spbe-2020/plan", body)
    assert response.status_code == 422
    error = response.json()["errors"][0]
    assert error["field"] == field and message in error["message"]


def test_messages_are_indonesian_by_default(client, shipped):
    del client.cookies[settings.LANGUAGE_COOKIE_NAME]
    response = post(client, f"{API}/spbe-2020/score", {"levels": {"1": 9}})
    assert response.json()["errors"][0]["message"] == "Indikator 1: tingkat 9 berada di luar skala 1–5."


def test_openapi_documents_the_endpoints(client, shipped):
    schema = client.get("/api/v1/openapi.json").json()
    for path in (
        "/api/v1/frameworks",
        "/api/v1/frameworks/{code}",
        "/api/v1/frameworks/{code}/score",
        "/api/v1/frameworks/{code}/plan",
    ):
        assert path in schema["paths"]
    assert "from" in schema["components"]["schemas"]["StepOut"]["properties"]
