"""Valid HTML: every public page and the staff pages of the browser tests pass the Nu Html Checker.

The demo data is loaded, each page is rendered with the Django test client (anonymous, or signed
in as a demo user with 2FA passed), and all of them go through vnu.jar in one run: 0 errors.
"""

from __future__ import annotations

import pytest
from django.test import Client

from lontar.accounts.models import Membership, Role, User
from lontar.organisations.models import Organisation
from tests.access.engine import ANONYMOUS
from tests.access.rules import RULES
from tests.conformance import vnu
from tests.conformance.demo_data import complete_for_pages, load_demo
from tests.conformance.pages import ENROLLING, NOT_HTML, Page, public_pages, staff_pages, tracking_from
from tests.fixtures import _mark_verified

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "datastore"])


def public_html_names() -> set[str]:
    """The named URLs the access matrix says an anonymous visitor may open, less those that are
    not HTML pages (API, files, feeds)."""
    names = set()
    for name, rule in RULES.items():
        expected = rule.expect(ANONYMOUS)
        if 200 in (expected if isinstance(expected, set) else {expected}):
            names.add(name)
    return {n for n in names if not n.startswith("api:") and n not in NOT_HTML}


class Visitors:
    """One test client per demo user (and one anonymous), signed in once."""

    def __init__(self) -> None:
        self.clients: dict[tuple[str | None, bool], Client] = {}

    def client(self, page: Page) -> Client:
        key = (page.user, page.two_factor_pending)
        if key not in self.clients:
            client = Client()
            if page.user is not None:
                user = User.objects.get(email=page.user)
                client.force_login(user)
                if not page.two_factor_pending:
                    _mark_verified(client, user)
            self.clients[key] = client
        return self.clients[key]


def render(pages: list[Page]) -> tuple[dict[str, str], list[str]]:
    """label → HTML of each page, and what answered with an unexpected status or type."""
    visitors, html, wrong = Visitors(), {}, []
    for page in pages:
        client = visitors.client(page)
        response = client.post(page.path, page.post) if page.post is not None else client.get(page.path)
        kind = response.get("Content-Type", "")
        if response.status_code != page.status or not kind.startswith("text/html"):
            wrong.append(f"{page.label} {page.path}: {response.status_code} {kind} (expected {page.status} HTML)")
            continue
        html[page.label] = response.content.decode(response.charset or "utf-8")
    return html, wrong


def test_every_public_and_staff_page_is_valid_html():
    vnu.require_vnu()  # before the slow part: fail (or skip) at once when Java or the jar is missing
    printed = load_demo()
    complete_for_pages()
    enrolling = User.objects.create_user(email=ENROLLING, password="kata-sandi-uji-123", full_name="Walidata baru")
    Membership.objects.create(
        user=enrolling, organisation=Organisation.objects.get(slug="pemprov-ntt"), role=Role.WALIDATA
    )
    anonymous = Client()
    pages = [*public_pages(tracking_from(printed), lambda path: anonymous.get(path).content.decode()), *staff_pages()]

    unchecked = public_html_names() - {page.name for page in pages}
    assert not unchecked, f"public pages missing from tests/conformance/pages.py: {sorted(unchecked)}"
    html, wrong = render(pages)
    assert not wrong, "pages that did not render as expected:\n" + "\n".join(wrong)

    errors = vnu.check(html)
    report = "\n".join(f"  {error}" for error in errors)
    assert not errors, f"the Nu Html Checker found {len(errors)} error(s) in {len(html)} pages:\n{report}"


def test_the_checker_reports_an_error_with_its_page_and_line():
    good = '<!doctype html><html lang="id"><head><title>Uji</title></head><body><p>Baik</p></body></html>'
    bad = good.replace("<p>Baik</p>", '<p>Baik</p>\n<div hx-get="/x">buruk</div>')
    errors = vnu.check({"baik": good, "buruk": bad})
    assert [(e.page, e.line) for e in errors] == [("buruk", 2)]
    assert "hx-get" in errors[0].text
