"""Content-Security-Policy: on every answer (cached ones too), nothing inline in the templates,
and `check --deploy` warns when it is missing or weakened."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client, override_settings

from lontar.core import csp, page_cache
from tests.core.test_page_cache import missed, served_from_cache

ROOT = Path(__file__).resolve().parents[2]
#: templates rendered into PDF by WeasyPrint, never served as a page, and the self-contained 500/503
#: pages whose own <style> is allowed by hash (lontar.core.csp.allow_own_styles)
NOT_PAGES = {"document_pdf.html", "report_pdf.html", "500.html", "503.html"}
INLINE = {
    "inline script": re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.I),
    "event handler attribute": re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I),
    "style attribute": re.compile(r"<[a-z][^>]*\sstyle\s*=", re.I),
    "style element": re.compile(r"<style\b", re.I),
    "javascript: URL": re.compile(r"""(?:href|src|action)\s*=\s*["']?\s*javascript:""", re.I),
}


def page_templates() -> list[Path]:
    found = [*ROOT.glob("templates/**/*.html"), *ROOT.glob("lontar/*/templates/**/*.html")]
    return sorted(p for p in found if p.name not in NOT_PAGES)


@pytest.mark.parametrize("kind", sorted(INLINE))
def test_no_template_has_inline_code_or_styles(kind):
    pattern = INLINE[kind]
    offenders = [str(p.relative_to(ROOT)) for p in page_templates() if pattern.search(p.read_text(encoding="utf-8"))]
    assert not offenders, f"{kind} in {offenders}: the Content-Security-Policy blocks it; use static/ files"


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/organisasi/", "/akun/masuk/", "/api/v1/regions", "/tidak-ada/"])
def test_every_answer_carries_the_policy(client, url):
    response = client.get(url)
    assert response["Content-Security-Policy"] == csp.DEFAULT_POLICY
    assert "script-src 'self'" in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_cached_hits_carry_the_policy(province, django_assert_num_queries):
    url = "/organisasi/"
    first = missed(Client().get(url))
    hit = served_from_cache(Client(), url, django_assert_num_queries)
    assert first["Content-Security-Policy"] == hit["Content-Security-Policy"] == csp.DEFAULT_POLICY
    assert len(page_cache.store) == 1


@pytest.mark.django_db
def test_report_only_sends_the_other_header(client, settings):
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = True
    response = client.get("/")
    assert "Content-Security-Policy" not in response
    assert response["Content-Security-Policy-Report-Only"] == csp.DEFAULT_POLICY


def test_the_500_page_allows_exactly_its_own_style(rf):
    from lontar.core.views import error_500

    response = error_500(rf.get("/x/"))
    css = re.search(r"<style>(.*?)</style>", response.content.decode(), re.DOTALL).group(1)
    policy = response["Content-Security-Policy"]
    assert csp.style_hash(css) in policy and "'unsafe-inline'" not in policy
    assert "script-src 'self'" in policy


def test_style_hash_is_the_browser_s():
    # sha256 of the exact bytes between <style> and </style>, base64: the CSP hash source format
    assert csp.style_hash("a{}") == "'sha256-X1RutGBrXCt9KkSaXMK7tHftWiRscFHOhxsS8tv8hBk='"


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({}, []),
        ({"CONTENT_SECURITY_POLICY": ""}, ["lontar.W010"]),
        ({"CONTENT_SECURITY_POLICY_REPORT_ONLY": True}, ["lontar.W011"]),
        ({"CONTENT_SECURITY_POLICY": "default-src 'self'; script-src 'self' 'unsafe-inline'"}, ["lontar.W012"]),
        ({"CONTENT_SECURITY_POLICY": "default-src *"}, ["lontar.W012"]),
    ],
)
def test_deploy_check(overrides, expected):
    with override_settings(**overrides):
        assert [m.id for m in csp.csp_check()] == expected


def test_deploy_check_without_the_middleware(settings):
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if m != csp.MIDDLEWARE_PATH]
    assert [m.id for m in csp.csp_check()] == ["lontar.W010"]
