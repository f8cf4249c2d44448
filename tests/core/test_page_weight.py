"""A first visit to a public page transfers at most 100 KB compressed (HTML + CSS + JS + images)."""

from __future__ import annotations

import gzip
import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

BUDGET = 100 * 1024
ASSET = re.compile(r'<(?:link[^>]+href|script[^>]+src|img[^>]+src)="(/static/[^"]+)"')

pytestmark = pytest.mark.django_db


def _asset_bytes(url: str) -> int:
    path = finders.find(url.removeprefix("/static/").split("?")[0])
    assert path, f"{url} is referenced but not found"
    with open(path, "rb") as handle:
        return len(gzip.compress(handle.read(), compresslevel=9))


@pytest.mark.parametrize("url", ["/", "/tentang/", "/organisasi/"])
def test_first_visit_is_under_100_kb_compressed(client: Client, url: str):
    response = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    html = gzip.decompress(response.content).decode()
    assets = sorted(set(ASSET.findall(html)))
    assert any(a.endswith(".css") for a in assets)
    sizes = {a: _asset_bytes(a) for a in assets}
    total = len(response.content) + sum(sizes.values())
    print(f"{url}: {total} bytes compressed")
    assert total <= BUDGET, f"{url}: {total} bytes compressed (HTML {len(response.content)}, assets {sizes})"


def test_stylesheet_is_small_and_uses_no_external_resources():
    with open(finders.find("css/lontar.css"), encoding="utf-8") as handle:
        css = handle.read()
    assert len(gzip.compress(css.encode())) < 12 * 1024
    assert "@import" not in css and "url(http" not in css and "@font-face" not in css
