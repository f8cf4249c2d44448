"""The API base: local docs, OpenAPI schema snapshot, problem+json errors."""

import json
import os
import re
from pathlib import Path

import pytest

SNAPSHOT = Path(__file__).parent / "snapshots" / "openapi.json"


def _schema(client) -> dict:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


@pytest.mark.django_db
def test_docs_page_loads_nothing_from_the_internet(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    urls = re.findall(r"""(?:src|href)=["']([^"']+)["']""", html)
    assert urls, "docs page references its assets"
    external = [u for u in urls if u.startswith(("http://", "https://", "//"))]
    assert not external, f"docs page loads from the internet: {external}"
    for url in urls:
        if url.startswith("/static/"):
            assert client.get(url).status_code == 200, url


@pytest.mark.django_db
def test_openapi_schema_matches_snapshot(client):
    """Regenerate after an intended API change with UPDATE_SNAPSHOTS=1."""
    schema = _schema(client)
    assert schema["openapi"].startswith("3.1")
    text = json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    if os.environ.get("UPDATE_SNAPSHOTS") == "1" or not SNAPSHOT.exists():
        SNAPSHOT.write_text(text, encoding="utf-8")
    assert text == SNAPSHOT.read_text(encoding="utf-8"), (
        "The OpenAPI schema changed. If intended, run: UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest "
        "tests/core/test_api_base.py and commit tests/core/snapshots/openapi.json"
    )


@pytest.mark.django_db
def test_unknown_api_path_is_problem_json(client):
    response = client.get("/api/v1/tidak-ada")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 404


@pytest.mark.django_db
def test_missing_token_is_401_problem_json(client):
    response = client.get("/api/v1/me")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 401 and body["title"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "header",
    [
        "Bearer " + "x" * 10000,
        "Bearer ' OR 1=1--",
        "Bearer <script>alert(1)</script>",
        "Bearer lontar_ünïcode",
        "Basic abc",
    ],
)
def test_garbage_tokens_are_401_not_500(client, header):
    response = client.get("/api/v1/me", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.django_db
def test_api_errors_are_in_indonesian_by_default(client):
    body = client.get("/api/v1/me").json()
    assert body["title"] == "Autentikasi diperlukan."


# The OpenAPI document as clients read it (lontar/core/api_openapi.py); schemathesis checks the rest
# against a live server (tests/conformance/test_openapi_schemathesis.py).


@pytest.mark.django_db
def test_every_error_answer_is_documented_as_problem_json(client):
    schema = _schema(client)
    assert "Problem" in schema["components"]["schemas"]
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            codes = {int(code) for code in operation["responses"]}
            assert 422 in codes or (not operation.get("parameters") and "requestBody" not in operation), (path, method)
            for code, answer in operation["responses"].items():
                if int(code) >= 400:
                    assert list(answer["content"]) == ["application/problem+json"], (path, method, code)
            if operation.get("security") and {} not in operation["security"]:
                assert 401 in codes, (path, method)
            for parameter in operation.get("parameters", []):
                assert {"type": "null"} not in parameter["schema"].get("anyOf", []), (path, parameter["name"])


@pytest.mark.django_db
def test_geojson_and_optional_authentication_in_the_document(client):
    paths = _schema(client)["paths"]
    for path in ("/api/v1/regions/geojson", "/api/v1/regions/{code}/geometry"):
        assert list(paths[path]["get"]["responses"]["200"]["content"]) == ["application/geo+json"]
    ranking = paths["/api/v1/evaluations/cycles/{cycle_id}/ranking"]["get"]
    assert {} in ranking["security"] and 401 not in {int(c) for c in ranking["responses"]}
    assert paths["/api/v1/me"]["get"]["security"] == [{"TokenAuth": []}, {"VerifiedSessionAuth": []}]
    limit = next(p for p in paths["/api/v1/regions"]["get"]["parameters"] if p["name"] == "limit")
    assert (limit["schema"]["minimum"], limit["schema"]["maximum"]) == (1, 500)
    answer = paths["/api/v1/ppid/objections/{pk}/answer"]["post"]["requestBody"]["content"]["application/json"]
    assert answer["schema"]["$ref"].endswith("/ObjectionAnswerIn")


def test_two_schemas_with_one_name_refuse_to_build():
    from ninja import Router, Schema

    from lontar.core.api_openapi import DuplicateSchemaName, LontarAPI

    def named_item(field: str) -> type[Schema]:
        return type("Item", (Schema,), {"__annotations__": {field: int}})

    first, second = named_item("a"), named_item("b")

    class OneOut(Schema):
        item: first  # type: ignore[valid-type]

    class TwoOut(Schema):
        item: second  # type: ignore[valid-type]

    router = Router()
    router.get("/one", response=OneOut)(lambda request: {})
    router.get("/two", response=TwoOut)(lambda request: {})
    api = LontarAPI(urls_namespace="duplicate-test")
    api.add_router("/", router)
    with pytest.raises(DuplicateSchemaName, match="Item"):
        api.get_openapi_schema(path_prefix="/")


@pytest.mark.django_db
@pytest.mark.parametrize("header", [None, "Bearer lontar_00000000_salah", "Basic abc"])
def test_post_without_a_valid_token_is_401_not_a_csrf_403(header):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    extra = {"HTTP_AUTHORIZATION": header} if header else {}
    response = browser.post("/api/v1/ppid/requests/1/extend", {}, content_type="application/json", **extra)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.django_db
def test_a_session_signed_post_still_needs_the_csrf_token(login, province):
    from lontar.accounts.models import Role

    browser, _user = login(province["province"], Role.PPID)
    browser.handler.enforce_csrf_checks = True
    response = browser.post("/api/v1/ppid/requests/1/extend", {}, content_type="application/json")
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "url", "body"),
    [
        ("get", "/api/v1/organisations/pemprov%00ntt", None),
        ("get", "/api/v1/ppid/dip?body=a%00b", None),
        ("post", "/api/v1/ppid/tracking", '{"number": "a\\u0000", "token": "x"}'),
    ],
)
def test_a_nul_character_is_422_on_every_database(client, method, url, body):
    """PostgreSQL cannot store NUL (it raised a 500); SQLite could: both answer 422 before any query."""
    response = client.get(url) if method == "get" else client.post(url, body, content_type="application/json")
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
