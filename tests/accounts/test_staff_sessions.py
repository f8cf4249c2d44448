"""Staff sessions end with the browser, after the idle time and after the absolute lifetime."""

from __future__ import annotations

import time

import pytest

from lontar.accounts.middleware import SEEN_KEY, STARTED_KEY
from lontar.accounts.models import Role

pytestmark = pytest.mark.django_db


def _shift(client, **seconds_ago):
    """Move the session's time stamps into the past."""
    session = client.session
    now = time.time()
    if "started" in seconds_ago:
        session[STARTED_KEY] = int(now - seconds_ago["started"])
    if "seen" in seconds_ago:
        session[SEEN_KEY] = int(now - seconds_ago["seen"])
    session.save()


def test_staff_session_cookie_ends_with_the_browser(login, province):
    client, _user = login(province["province"], Role.WALIDATA)
    response = client.get("/akun/")
    assert response.status_code == 200
    cookie = response.cookies["sessionid"]
    assert cookie["max-age"] == "" and cookie["expires"] == ""
    assert client.session[STARTED_KEY] and client.session[SEEN_KEY]


def test_idle_staff_session_ends(login, province, settings):
    settings.LONTAR_STAFF_SESSION_IDLE_MINUTES = 30
    client, _user = login(province["province"], Role.WALIDATA)
    assert client.get("/akun/").status_code == 200
    _shift(client, seen=29 * 60)
    assert client.get("/akun/").status_code == 200  # still within the idle time, and touched
    _shift(client, seen=31 * 60)
    response = client.get("/akun/")
    assert response.status_code == 302 and response["Location"].startswith("/akun/masuk/")
    assert "_auth_user_id" not in client.session


def test_active_staff_session_ends_after_the_absolute_lifetime(login, province, settings):
    settings.LONTAR_STAFF_SESSION_HOURS = 12
    client, _user = login(province["province"], Role.PPID)
    assert client.get("/akun/").status_code == 200
    _shift(client, started=11 * 3600, seen=0)
    assert client.get("/akun/").status_code == 200
    _shift(client, started=12 * 3600 + 60, seen=0)
    assert client.get("/akun/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_viewer_sessions_keep_the_default_lifetime(login, province):
    client, _user = login(province["province"], Role.VIEWER)
    response = client.get("/")
    assert STARTED_KEY not in client.session
    _shift(client, started=30 * 3600, seen=30 * 3600)
    client.get("/")
    assert "_auth_user_id" in client.session
    assert response.status_code == 200
