"""Machinery of the access matrix: actors, URL enumeration, expected-status policies."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

from lontar.accounts.models import Role

ALL_ROLES: tuple[str, ...] = tuple(Role.values)
PROVINCE_WIDE = ("admin", "tim_koordinasi")


@dataclass(frozen=True)
class Actor:
    """Who makes the request: anonymous, or one role held in one place.

    ``place`` is "own" (the organisation the sample records belong to: a kabupaten instansi),
    "other" (another kabupaten/kota) or "province" (the province instansi).
    """

    role: str | None
    place: str | None

    @property
    def anonymous(self) -> bool:
        return self.role is None

    @property
    def province_wide(self) -> bool:
        return self.place == "province" and self.role in PROVINCE_WIDE

    def __str__(self) -> str:
        return "anonymous" if self.anonymous else f"{self.role}@{self.place}"


ANONYMOUS = Actor(None, None)


def actors() -> list[Actor]:
    out = [ANONYMOUS]
    for role in ALL_ROLES:
        out += [Actor(role, "own"), Actor(role, "other")]
    out += [Actor(role, "province") for role in ALL_ROLES]
    return out


Expect = Callable[[Actor], int | set[int]]


def public(actor: Actor) -> int:
    return 200


def redirect_when_signed_in(actor: Actor) -> set[int]:
    """Sign-in and similar pages: anonymous sees them; a signed-in user may be sent on."""
    return {200} if actor.anonymous else {200, 302}


def staff(roles: Iterable[str] | None = None, *, province_roles: Iterable[str] = ()) -> Expect:
    """A staff page needing one of ``roles`` anywhere (None: any staff role), or one of
    ``province_roles`` held in the province instansi (e.g. a province admin who acts for every body)."""
    wanted = set(roles) if roles is not None else {r for r in ALL_ROLES if r != "viewer"}
    province = set(province_roles)

    def expect(actor: Actor) -> int:
        if actor.anonymous:
            return 302
        if actor.role in wanted or (actor.place == "province" and actor.role in province):
            return 200
        return 403

    return expect


def signed_in(actor: Actor) -> int:
    return 302 if actor.anonymous else 200


def province_admin(actor: Actor) -> int:
    if actor.anonymous:
        return 302
    return 200 if actor.role == "admin" and actor.place == "province" else 403


def own_record(
    roles: Iterable[str], *, province_roles: Iterable[str] = PROVINCE_WIDE, refused: Iterable[str] = ()
) -> Expect:
    """A non-public record of the "own" organisation, for holders of ``roles``.

    Holders in another organisation get 404 (exactly like a missing record); province-wide
    roles see it; signed-in users without any of the roles are refused (403) or 404.
    ``refused``: roles that see the record in its own organisation but may not use this page
    (403 there, 404 elsewhere), e.g. the atasan PPID on the form answering a request.
    """
    wanted = set(roles)
    province = set(province_roles)
    no_action = set(refused)

    def expect(actor: Actor) -> int | set[int]:
        if actor.anonymous:
            return 302
        if actor.place == "province" and actor.role in province:
            return 200
        if actor.role in no_action:
            return 403 if actor.place == "own" else 404
        if actor.role not in wanted:
            return {403, 404}
        return 200 if actor.place == "own" else 404

    return expect


def method_not_allowed(actor: Actor) -> set[int]:
    """POST-only endpoints: a GET never changes anything."""
    return {302, 403, 404, 405}


def always(status: int) -> Expect:
    """The same answer for everybody, e.g. ``always(404)`` for a public route asked for a
    record that is not public (it must answer like a missing one even to the record's own
    staff), or ``always(302)`` for a public redirect."""

    def expect(actor: Actor) -> int:
        return status

    return expect


def api(expect: Expect) -> Expect:
    """An API operation that needs authentication (token or verified session): anonymous
    callers get 401 problem+json; signed-in callers get what ``expect`` says."""

    def wrapped(actor: Actor) -> int | set[int]:
        return 401 if actor.anonymous else expect(actor)

    return wrapped


@dataclass
class Rule:
    """``expect`` per actor; ``kwargs`` builds the URL's arguments from the world; ``query``
    (optional) builds the query string sent with the GET."""

    expect: Expect
    kwargs: Callable[[dict[str, Any]], dict[str, Any]] | None = None
    query: Callable[[dict[str, Any]], dict[str, Any]] | None = None


def url_names(resolver: URLResolver | None = None, prefix: str = "") -> set[str]:
    """Every named URL pattern reachable from the root resolver, as "namespace:name"."""
    resolver = resolver or get_resolver()
    names: set[str] = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace
            names |= url_names(pattern, f"{prefix}{ns}:" if ns else prefix)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{prefix}{pattern.name}")
    return names
