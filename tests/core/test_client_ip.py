"""The client address behind trusted proxies (LONTAR_TRUSTED_PROXIES), with hostile headers."""

from __future__ import annotations

import ipaddress

import pytest
from django.test import RequestFactory, override_settings
from hypothesis import given
from hypothesis import strategies as st

from lontar.core.client_ip import UNKNOWN, axes_client_ip, client_ip

factory = RequestFactory()
PROXY = "127.0.0.1"


def request(xff: str | None = None, remote: str = PROXY):
    extra = {"REMOTE_ADDR": remote}
    if xff is not None:
        extra["HTTP_X_FORWARDED_FOR"] = xff
    return factory.get("/", **extra)


def test_without_trusted_proxies_the_peer_is_the_client(settings):
    settings.LONTAR_TRUSTED_PROXIES = 0
    assert client_ip(request("198.51.100.9", remote="203.0.113.5")) == "203.0.113.5"
    assert client_ip(request(remote="")) == UNKNOWN
    assert client_ip(request(remote="not-an-ip")) == UNKNOWN


def test_one_proxy_takes_the_entry_it_appended(settings):
    settings.LONTAR_TRUSTED_PROXIES = 1
    assert client_ip(request("203.0.113.7")) == "203.0.113.7"
    # The client sent its own X-Forwarded-For; nginx appended the real address.
    assert client_ip(request("1.2.3.4, 5.6.7.8, 203.0.113.7")) == "203.0.113.7"


def test_two_proxies_take_the_second_entry_from_the_right(settings):
    settings.LONTAR_TRUSTED_PROXIES = 2
    assert client_ip(request("6.6.6.6, 203.0.113.7, 10.0.0.2")) == "203.0.113.7"


def test_spoofed_header_with_more_entries_than_proxies_cannot_choose_the_address(settings):
    settings.LONTAR_TRUSTED_PROXIES = 1
    forged = ", ".join(f"10.9.{i}.1" for i in range(50))
    assert client_ip(request(f"{forged}, 203.0.113.7")) == "203.0.113.7"


def test_fewer_entries_than_proxies_is_unknown_not_the_proxy(settings):
    settings.LONTAR_TRUSTED_PROXIES = 2
    assert client_ip(request("203.0.113.7")) == UNKNOWN
    assert client_ip(request()) == UNKNOWN
    assert client_ip(request("")) == UNKNOWN
    assert axes_client_ip(request()) is None


@pytest.mark.parametrize(
    "value",
    ["garbage", "203.0.113.7; DROP TABLE", "999.1.1.1", "<script>", "unknown", "\x00", "2001:db8::zz", "1.2.3.4.5"],
)
def test_garbage_in_the_trusted_position_is_unknown(settings, value):
    settings.LONTAR_TRUSTED_PROXIES = 1
    assert client_ip(request(f"203.0.113.8, {value}")) == UNKNOWN


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2001:DB8:0:0::1", "2001:db8::1"),
        ("[2001:db8::1]:443", "2001:db8::1"),
        ("::ffff:203.0.113.7", "203.0.113.7"),
        ("203.0.113.7:51234", "203.0.113.7"),
        ("  203.0.113.7  ", "203.0.113.7"),
    ],
)
def test_ipv6_and_ports_are_canonical(settings, value, expected):
    settings.LONTAR_TRUSTED_PROXIES = 1
    assert client_ip(request(f"6.6.6.6,{value}")) == expected


def test_an_enormous_header_still_answers_from_its_right_end(settings):
    settings.LONTAR_TRUSTED_PROXIES = 1
    assert client_ip(request("1.1.1.1," * 10_000 + "203.0.113.7")) == "203.0.113.7"


@given(st.text(max_size=300), st.integers(min_value=0, max_value=3))
def test_any_header_gives_an_ip_or_unknown(xff, hops):
    with override_settings(LONTAR_TRUSTED_PROXIES=hops):
        address = client_ip(request(xff))
    assert address == UNKNOWN or ipaddress.ip_address(address)
