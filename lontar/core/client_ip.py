"""The client's address behind a known number of trusted reverse proxies.

``LONTAR_TRUSTED_PROXIES`` (``settings.LONTAR_TRUSTED_PROXIES``) is the number of proxies in front
of the application that append the address they received the request from to
``X-Forwarded-For`` (nginx: ``proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for``).
With ``0`` the peer address (``REMOTE_ADDR``) is the client. With ``n > 0`` the peer is the
nearest proxy, and the client is the ``n``-th entry from the right of ``X-Forwarded-For``: the
right-most entry no trusted proxy could have been told by the client. Entries to the left of it
were written by the client and are ignored, so a forged header cannot pick the address.

Rate limits and django-axes (``AXES_CLIENT_IP_CALLABLE``) both use :func:`client_ip`.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest

#: what a request without a usable address is counted as (all of them share one bucket)
UNKNOWN = "unknown"
#: a header longer than this is not parsed (a client can send anything)
MAX_HEADER_LENGTH = 4096


def _normalise(value: str) -> str | None:
    """The address in canonical form, or None when ``value`` is not an IP address."""
    value = value.strip()
    if value.startswith("[") and "]" in value:  # "[2001:db8::1]:443"
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # "203.0.113.7:51234"
        value = value.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return str(address)


def trusted_proxies() -> int:
    return max(0, int(getattr(settings, "LONTAR_TRUSTED_PROXIES", 0) or 0))


def client_ip(request: HttpRequest) -> str:
    """The client address as configured, canonical (IPv4 or compressed IPv6), or ``"unknown"``.

    Behind ``n`` trusted proxies, a request whose ``X-Forwarded-For`` has fewer than ``n``
    entries did not come through all of them (or the header is garbage): it is counted as
    ``"unknown"`` rather than trusted.
    """
    hops = trusted_proxies()
    if hops == 0:
        return _normalise(request.META.get("REMOTE_ADDR", "") or "") or UNKNOWN
    header = request.META.get("HTTP_X_FORWARDED_FOR", "") or ""
    if len(header) > MAX_HEADER_LENGTH:
        # Only the right-most entries matter; the cut-off first one is dropped.
        header = header[-MAX_HEADER_LENGTH:].partition(",")[2]
    entries = [entry for entry in (part.strip() for part in header.split(",")) if entry]
    if len(entries) < hops:
        return UNKNOWN
    return _normalise(entries[-hops]) or UNKNOWN


def axes_client_ip(request: HttpRequest) -> str | None:
    """``AXES_CLIENT_IP_CALLABLE``: the same address the rate limits use (None when unknown,
    as django-axes stores it in an IP address column)."""
    address = client_ip(request)
    return None if address == UNKNOWN else address
