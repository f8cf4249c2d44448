"""Helpers for browser tests: axe-core checks, screenshots, signing in through the real pages.

Import them in tests: ``from tests.e2e.helpers import assert_accessible, screenshot, sign_in``.
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
BLOCKING_IMPACTS = frozenset({"serious", "critical"})
E2E_PASSWORD = "kata-sandi-e2e-uji-123"

_AXE = Axe()


def _format_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({v.get('helpUrl', '')})")
        for node in v.get("nodes", [])[:8]:
            target = " ".join(str(t) for t in node.get("target", []))
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    at {target}: {summary[:300]}")
            lines.append(f"       {node.get('html', '')[:200]}")
    return "\n".join(lines)


def assert_accessible(page: Page, *, context: Any = None, impacts: frozenset[str] = BLOCKING_IMPACTS) -> list[dict]:
    """Run axe-core on the current page; fail on any violation whose impact is in ``impacts``.

    Returns every violation found (including minor/moderate) for tests that want to look closer.
    """
    results = _AXE.run(page, context=context)
    violations = results.response.get("violations", [])
    blocking = [v for v in violations if v.get("impact") in impacts]
    if blocking:
        report = _format_violations(blocking)
        pytest.fail(f"axe-core found {len(blocking)} serious/critical violation(s) on {page.url}:\n{report}")
    return violations


def screenshot(page: Page, name: str, *, full_page: bool = True) -> Path:
    """Save a PNG into test-artifacts/ (gitignored) for people to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-") or "page"
    path = ARTIFACTS / f"{safe}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def totp_code(device: Any) -> str:
    """The current code of a django-otp TOTP device (what the authenticator app would show)."""
    from django_otp.oath import TOTP

    device.refresh_from_db()
    generator = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    generator.time = time.time()
    return f"{generator.token():0{device.digits}d}"


def sign_in(page: Page, email: str, password: str = E2E_PASSWORD, *, device: Any = None, next_url: str = "") -> None:
    """Sign in through the real pages: /akun/masuk/, then the TOTP step when the user has a device."""
    page.goto("/akun/masuk/" + (f"?next={next_url}" if next_url else ""))
    form = page.locator("main form[method=post]").first
    form.locator("input[name=username]").fill(email)
    form.locator("input[name=password]").fill(password)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    if "/akun/2fa/" in page.url:
        if device is None:
            pytest.fail(f"{email} must pass two-factor sign-in but has no TOTP device")
        code_form = page.locator("main form[method=post]").first
        code_form.locator("input[name=otp_token]").fill(totp_code(device))
        code_form.locator("button[type=submit]").click()
        page.wait_for_load_state()
    if "/akun/masuk/" in page.url or "/akun/2fa/" in page.url:
        pytest.fail(f"sign-in of {email} did not complete; the browser is still at {page.url}")


# ------------------------------------------------------------ Content-Security-Policy violations

#: runs in every document before its own scripts: reports each violation to the test process
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (e) => {
  window.__lontarCspViolation({
    page: document.location.href, directive: e.effectiveDirective || e.violatedDirective,
    blocked: e.blockedURI, sample: e.sample, source: e.sourceFile, line: e.lineNumber,
    disposition: e.disposition,
  });
});
"""


def watch_csp_violations(context: Any, violations: list[dict]) -> list[dict]:
    """Append the CSP violations of every page of a browser context to ``violations`` as they happen."""
    context.expose_binding("__lontarCspViolation", lambda _source, v: violations.append(v))
    context.add_init_script(CSP_LISTENER)
    return violations


def assert_no_csp_violations(violations: list[dict]) -> None:
    if violations:
        lines = [
            f"  {v['page']}: {v['directive']} blocked {v['blocked'] or 'inline'}"
            f" ({v['source']}:{v['line']}) {str(v['sample'] or '')[:80]}"
            for v in violations
        ]
        pytest.fail("Content-Security-Policy violations:\n" + "\n".join(lines))
