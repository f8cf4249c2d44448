"""?kembali= of the evidence library is a link back to the indicator: only ever a path on this site."""

from __future__ import annotations

import pytest
from django.utils.html import escape

from tests.hostile import OFFSITE_URLS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("value", OFFSITE_URLS)
def test_hostile_kembali_is_never_rendered(people, province, value):
    url = f"/evaluasi/bukti/{province['kabupaten'].slug}/"
    page = people["team"].get(url, {"kembali": value}).content.decode()
    assert 'name="kembali" value=""' in page
    if value:
        assert f'"{escape(value)}"' not in page
    lowered = page.lower()
    assert 'href="javascript:' not in lowered and 'href="data:' not in lowered and 'href="//' not in page


def test_hostile_kembali_posted_back_is_dropped(people, province):
    url = f"/evaluasi/bukti/{province['kabupaten'].slug}/"
    page = people["team"].post(url, {"kembali": "javascript:alert(document.domain)", "title": ""}).content.decode()
    assert "javascript:" not in page


def test_same_site_kembali_is_the_back_link(people, province, submission):
    back = f"/evaluasi/penilaian/{submission.pk}/indikator/1/"
    page = people["team"].get(f"/evaluasi/bukti/{province['kabupaten'].slug}/", {"kembali": back}).content.decode()
    assert f'<a href="{back}">' in page and f'name="kembali" value="{back}"' in page
