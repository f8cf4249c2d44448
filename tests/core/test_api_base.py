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
