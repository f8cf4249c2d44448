"""lontar.core.safe_urls: the one check of back-link and redirect parameters."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lontar.core.safe_urls import is_safe_path, safe_next
from tests.hostile import OFFSITE_URLS, SAME_SITE_PATHS


@pytest.mark.parametrize("value", OFFSITE_URLS)
def test_hostile_values_give_the_default(value):
    assert safe_next(value, default="/akun/") == "/akun/"
    assert not is_safe_path(value)


@pytest.mark.parametrize("value", SAME_SITE_PATHS)
def test_same_site_paths_are_kept(value):
    assert safe_next(value, default="/akun/") == value


@pytest.mark.parametrize("value", [None, 42, ["/"], b"/evaluasi/"])
def test_non_strings_give_the_default(value):
    assert safe_next(value, default="/") == "/"


@given(st.text(max_size=60))
def test_whatever_is_accepted_stays_on_this_site(value):
    kept = safe_next(value, default="/")
    # what a browser does before resolving: drop tabs/newlines, read backslashes as slashes
    seen = kept.replace("\t", "").replace("\n", "").replace("\r", "").replace("\\", "/")
    assert seen.startswith("/") and not seen.startswith("//")
    parts = urlsplit(seen)
    assert not parts.scheme and not parts.netloc


@pytest.mark.django_db
@pytest.mark.parametrize("value", OFFSITE_URLS)
def test_sign_in_page_carries_no_hostile_next(client, value):
    page = client.get("/akun/masuk/", {"next": value}).content.decode()
    assert 'name="next" value="/akun/"' in page
