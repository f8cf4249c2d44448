"""Browser-test infrastructure: the system Chromium via Playwright, axe-core checks, sign-in.

Use in a test module under ``tests/e2e/``::

    pytestmark = pytest.mark.e2e

    def test_something(page, e2e_login, province):
        e2e_login(province["kota"], "ppid")           # signs in through /akun/masuk/ (+ 2FA)
        page.goto("/akun/")                           # relative to the live server
        assert_accessible(page)                       # tests.e2e.helpers: no serious/critical axe violations
        screenshot(page, "workspace")                 # test-artifacts/workspace.png

``page`` runs against pytest-django's ``live_server`` (transactional database), so data created
in the test (factories, fixtures) is visible to the browser.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright

from tests.e2e.helpers import E2E_PASSWORD, assert_no_csp_violations, sign_in, watch_csp_violations

# Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the test
# itself (factories, assertions) are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Browser tests need the system Chromium at {CHROMIUM} (Debian package 'chromium').")
    browser = playwright_instance.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def csp_violations() -> list[dict]:
    """The Content-Security-Policy violations seen in this test's browser (every page it visits)."""
    return []


@pytest.fixture
def browser_context(browser: Browser, live_server: Any, csp_violations: list[dict]) -> Iterator[BrowserContext]:
    """A fresh context (cookies, storage) per test, with relative URLs resolved on the live server.

    Every page it opens reports Content-Security-Policy violations; the test fails on any."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900}, locale="id-ID")
    context.set_default_timeout(15_000)
    watch_csp_violations(context, csp_violations)
    yield context
    context.close()
    assert_no_csp_violations(csp_violations)


@pytest.fixture
def page(browser_context: BrowserContext) -> Iterator[Page]:
    page = browser_context.new_page()
    yield page
    page.close()


@pytest.fixture
def e2e_login(page: Page, transactional_db: None) -> Callable[..., Any]:
    """e2e_login(organisation, role, email=None) -> user, signed in in ``page`` with 2FA passed."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from lontar.accounts.models import Membership, User

    def _login(organisation: Any, role: str | None, email: str | None = None) -> Any:
        address = email or f"{role or 'anon'}.{getattr(organisation, 'slug', 'none')}@e2e.uji.go.id"
        user = User.objects.create_user(email=address, password=E2E_PASSWORD, full_name="Pengguna Uji E2E")
        if organisation is not None and role is not None:
            Membership.objects.create(user=user, organisation=organisation, role=role)
        device = TOTPDevice.objects.create(user=user, name="e2e", confirmed=True)
        sign_in(page, address, device=device)
        return user

    return _login
