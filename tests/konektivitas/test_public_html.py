"""The konektivitas pages are valid HTML (Nu Html Checker), with points and with grid cells.

tests/conformance/pages.py checks the same pages on the demo data; this runs on a small world so
a konektivitas change is checked without building the whole demo."""

from __future__ import annotations

import pytest

from lontar.accounts.models import Role
from lontar.konektivitas.models import ConnectivityStatus, Measurement
from tests.conformance import vnu
from tests.konektivitas.maps_helpers import make_site


@pytest.mark.django_db
def test_pages_are_valid_html(province, login, client, monkeypatch):
    site = make_site(province["kota"], status=ConnectivityStatus.SEDANG)
    for i in range(12):
        make_site(province["kota"], f"H-{i:02d}", lat=-10.15 - i * 0.01, lng=123.6 + i * 0.01)
    Measurement.objects.create(site=site, measured_at="2026-12-01T08:00:00+08:00", download_mbps=3, source="manual")
    pages = {
        "province": client.get("/konektivitas/").content.decode(),
        "province-filtered": client.get(
            "/konektivitas/?jenis=kantor_opd&status=sedang&teknologi=vsat"
        ).content.decode(),
        "kabupaten": client.get("/konektivitas/kabupaten/53.71/").content.decode(),
        "site": client.get(f"/konektivitas/titik/{site.code}/").content.decode(),
    }
    from lontar.konektivitas.selectors import maps

    monkeypatch.setattr(maps, "MAX_POINTS", 5)
    from django.core.cache import cache

    cache.clear()
    pages["province-grid"] = client.get("/konektivitas/?x=1").content.decode()
    assert "dikelompokkan" in pages["province-grid"]
    tik, _user = login(province["kota"], Role.PENGELOLA_TIK)
    pages["site-staff"] = tik.get(f"/konektivitas/titik/{site.code}/").content.decode()
    pages["cek"] = tik.get("/konektivitas/cek/").content.decode()
    pages["cek-errors"] = tik.post("/konektivitas/cek/", {"site": site.pk, "download_mbps": "-3"}).content.decode()
    messages = vnu.check(pages)
    assert not messages, "\n".join(str(m) for m in messages)
