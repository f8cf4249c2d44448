"""Behind the reverse proxy of docs/deploy.md the rate limits count each forwarded client apart."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db
PROXY = "127.0.0.1"


def forwarded(i: int) -> dict[str, str]:
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": f"203.0.113.{i}"}


def test_23_tracking_lookups_from_23_forwarded_clients_all_pass(client, submit, settings):
    settings.LONTAR_TRUSTED_PROXIES = 1
    req, token = submit()
    statuses = [
        client.post(reverse("ppid:track"), {"number": req.number, "token": token}, **forwarded(i)).status_code
        for i in range(1, 24)
    ]
    assert statuses == [200] * 23


def test_one_forwarded_client_is_still_limited_whatever_it_forges(client, submit, settings):
    settings.LONTAR_TRUSTED_PROXIES = 1
    req, _token = submit()
    statuses = []
    for i in range(21):
        # The client writes a new address of its own each time; nginx appends the real one.
        headers = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": f"10.1.1.{i}, 198.51.100.4"}
        statuses.append(client.post(reverse("ppid:track"), {"number": req.number, "token": "x"}, **headers).status_code)
    assert statuses == [404] * 20 + [429]


def test_api_tracking_counts_forwarded_clients_apart(client, submit, settings):
    settings.LONTAR_TRUSTED_PROXIES = 1
    req, token = submit()
    body = {"number": req.number, "token": token}
    for i in range(1, 24):
        response = client.post("/api/v1/ppid/tracking", body, content_type="application/json", **forwarded(i))
        assert response.status_code == 200, i
