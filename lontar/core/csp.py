"""Content-Security-Policy on every answer, and the deploy check that it is configured.

The pages run no inline script, no inline event handler and no inline style (the stylesheet and
htmx come from /static/; htmx's own indicator styles are off, see templates/base.html), so the
policy can forbid all of them: an injected ``<script>`` or ``onerror=`` does not run.

The middleware sits outside the page cache (ADR 0010), so cached hits carry the header too. A
view that needs another policy sets the header itself; the middleware leaves it alone.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable

from django.conf import settings
from django.core import checks
from django.http import HttpRequest, HttpResponse

DEFAULT_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",  # data: for small inline images (Swagger UI's icons, SVG data URIs)
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
HEADER = "Content-Security-Policy"
REPORT_ONLY_HEADER = "Content-Security-Policy-Report-Only"
MIDDLEWARE_PATH = "lontar.core.csp.ContentSecurityPolicyMiddleware"
_STYLE_BLOCK = re.compile(r"<style>(.*?)</style>", re.DOTALL)


def header_name() -> str:
    return REPORT_ONLY_HEADER if getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", False) else HEADER


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        policy = getattr(settings, "CONTENT_SECURITY_POLICY", "")
        if policy and HEADER not in response and REPORT_ONLY_HEADER not in response:
            response[header_name()] = policy
        return response


def style_hash(css: str) -> str:
    """The CSP source ('sha256-…') that allows exactly this inline ``<style>`` content."""
    digest = hashlib.sha256(css.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def allow_own_styles(response: HttpResponse) -> HttpResponse:
    """The policy plus the hashes of the response's own ``<style>`` blocks, for the self-contained
    500 page (it must render even when static files do not): those blocks and nothing else."""
    policy = getattr(settings, "CONTENT_SECURITY_POLICY", "")
    hashes = " ".join(style_hash(css) for css in _STYLE_BLOCK.findall(response.content.decode()))
    if policy and hashes:
        if "style-src" in policy:
            policy = re.sub(r"style-src([^;]*)", lambda m: f"style-src{m.group(1)} {hashes}", policy, count=1)
        else:
            policy = f"{policy}; style-src 'self' {hashes}"
    if policy:
        response[header_name()] = policy
    return response


def csp_check(app_configs: object = None, **kwargs: object) -> list[checks.CheckMessage]:
    """Deploy check: a policy is configured, enforced, and sent by the middleware."""
    policy = getattr(settings, "CONTENT_SECURITY_POLICY", "")
    problems: list[checks.CheckMessage] = []
    if not policy or MIDDLEWARE_PATH not in settings.MIDDLEWARE:
        problems.append(
            checks.Warning(
                "No Content-Security-Policy is sent: injected scripts would run.",
                hint=f"Set CONTENT_SECURITY_POLICY (default: {DEFAULT_POLICY!r}) and keep {MIDDLEWARE_PATH} "
                "in MIDDLEWARE.",
                id="lontar.W010",
            )
        )
    elif getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", False):
        problems.append(
            checks.Warning(
                "The Content-Security-Policy is only reported, not enforced.",
                hint="Set CONTENT_SECURITY_POLICY_REPORT_ONLY = False in production.",
                id="lontar.W011",
            )
        )
    elif "'unsafe-inline'" in policy or "'unsafe-eval'" in policy or "script-src" not in policy:
        problems.append(
            checks.Warning(
                "The Content-Security-Policy allows inline or evaluated scripts, or sets no script-src.",
                hint=f"Use the default policy: {DEFAULT_POLICY!r}.",
                id="lontar.W012",
            )
        )
    return problems
