"""The browser enforces the Content-Security-Policy, and the e2e fixtures notice violations.

Every browser test fails on a violation (tests/e2e/conftest.py: ``browser_context``); this module
checks that the watch works, on a page with injected inline code.
"""

from __future__ import annotations

import pytest

from tests.e2e.helpers import assert_no_csp_violations

pytestmark = pytest.mark.e2e


def test_injected_inline_script_is_blocked_and_reported(page, csp_violations, transactional_db):
    page.goto("/")
    assert page.evaluate("document.querySelector('meta[name=htmx-config]') !== null")
    page.evaluate(
        """() => {
        const s = document.createElement('script'); s.textContent = 'window.__ran = true';
        document.body.appendChild(s);
        const d = document.createElement('div'); d.setAttribute('style', 'color: red'); document.body.appendChild(d);
        }"""
    )
    page.wait_for_timeout(200)
    assert page.evaluate("window.__ran === undefined")
    directives = sorted({v["directive"] for v in csp_violations})
    assert directives == ["script-src-elem", "style-src-attr"], csp_violations
    with pytest.raises(pytest.fail.Exception):
        assert_no_csp_violations(csp_violations)
    csp_violations.clear()  # expected here; any other test fails on them


def test_pages_pass_the_policy(page, csp_violations, transactional_db):
    for url in ("/", "/pola/", "/organisasi/", "/akun/masuk/", "/api/v1/docs", "/tidak-ada/"):
        page.goto(url)
        page.wait_for_load_state("networkidle")
    assert csp_violations == []
