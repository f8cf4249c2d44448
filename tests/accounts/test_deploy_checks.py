"""`check --deploy` refuses console e-mail and a loopback LONTAR_BASE_URL, warns about a
per-process cache and a plain-http base URL; a realistic production configuration passes."""

from __future__ import annotations

import pytest
from django.core import checks as django_checks

from lontar.accounts import checks

GOOD = {
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "CACHES": {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://r/0"}},
    "BASE_URL": "https://lontar.nttprov.go.id",
}


def ids(settings, **overrides) -> list[str]:
    for name, value in {**GOOD, **overrides}.items():
        setattr(settings, name, value)
    found = checks.email_backend_check() + checks.cache_check() + checks.base_url_check()
    return [message.id for message in found]


def test_realistic_production_configuration_passes(settings):
    assert ids(settings) == []


@pytest.mark.parametrize("backend", ["console", "locmem", "filebased", "dummy"])
def test_mail_that_is_not_sent_is_an_error(settings, backend):
    assert ids(settings, EMAIL_BACKEND=f"django.core.mail.backends.{backend}.EmailBackend") == ["lontar.E020"]


@pytest.mark.parametrize("backend", ["locmem.LocMemCache", "dummy.DummyCache"])
def test_per_process_cache_is_a_warning(settings, backend):
    caches = {"default": {"BACKEND": f"django.core.cache.backends.{backend}"}}
    assert ids(settings, CACHES=caches) == ["lontar.W021"]


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:8000", "https://localhost", "http://[::1]:8000", "http://127.0.1.1", "https://x.localhost"],
)
def test_loopback_base_url_is_an_error(settings, url):
    assert ids(settings, BASE_URL=url) == ["lontar.E022"]


def test_plain_http_base_url_is_a_warning(settings):
    assert ids(settings, BASE_URL="http://lontar.nttprov.go.id") == ["lontar.W023"]


def test_the_checks_run_with_deploy_only(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    security = [django_checks.Tags.security]
    deploy = {m.id for m in django_checks.run_checks(tags=security, include_deployment_checks=True)}
    plain = {m.id for m in django_checks.run_checks(tags=security)}
    assert "lontar.E020" in deploy and "lontar.E020" not in plain
