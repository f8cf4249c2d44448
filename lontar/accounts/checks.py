"""Production defaults ``manage.py check --deploy`` refuses or warns about: where sign-in links and
tokens go (e-mail), where rate limits and lock-outs are counted (cache), and the site's own URL."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks

#: e-mail backends that print, keep or drop mail instead of sending it
UNSENT_MAIL_BACKENDS = frozenset(
    {
        "django.core.mail.backends.console.EmailBackend",
        "django.core.mail.backends.locmem.EmailBackend",
        "django.core.mail.backends.filebased.EmailBackend",
        "django.core.mail.backends.dummy.EmailBackend",
    }
)
PER_PROCESS_CACHES = frozenset(
    {
        "django.core.cache.backends.locmem.LocMemCache",
        "django.core.cache.backends.dummy.DummyCache",
    }
)
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "0.0.0.0", ""})  # noqa: S104 - names compared, not bound


def email_backend_check(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    if settings.EMAIL_BACKEND not in UNSENT_MAIL_BACKENDS:
        return []
    return [
        checks.Error(
            f"EMAIL_BACKEND is {settings.EMAIL_BACKEND}: password-reset links, invitations and PPID tracking "
            "tokens would be written to the logs or lost instead of sent.",
            hint="Set LONTAR_EMAIL_URL to the mail server, e.g. smtp+tls://user:password@smtp.example.go.id:587.",
            id="lontar.E020",
        )
    ]


def cache_check(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    backend = str(settings.CACHES.get("default", {}).get("BACKEND", ""))
    if backend not in PER_PROCESS_CACHES:
        return []
    return [
        checks.Warning(
            f"The default cache is {backend}, kept per process: with several gunicorn workers every rate limit "
            "and the account back-off of sign-ins count per worker, so they allow that many times more.",
            hint="Set LONTAR_REDIS_URL (e.g. redis://127.0.0.1:6379/0).",
            id="lontar.W021",
        )
    ]


def base_url_check(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    parts = urlsplit(settings.BASE_URL)
    host = (parts.hostname or "").lower()
    if host in LOCAL_HOSTS or host.endswith(".localhost") or host.startswith("127."):
        return [
            checks.Error(
                f"LONTAR_BASE_URL is {settings.BASE_URL}: links in e-mails, QR codes of issued documents and API "
                "next links would point at the server itself instead of the public site.",
                hint="Set LONTAR_BASE_URL to the public address, e.g. https://lontar.nttprov.go.id.",
                id="lontar.E022",
            )
        ]
    if parts.scheme != "https":
        return [
            checks.Warning(
                f"LONTAR_BASE_URL is {settings.BASE_URL}, not https: links sent by e-mail would travel unencrypted.",
                hint="Use the https:// address of the site.",
                id="lontar.W023",
            )
        ]
    return []


def register() -> None:
    for check in (email_backend_check, cache_check, base_url_check):
        checks.register(check, checks.Tags.security, deploy=True)
