"""Public names of tables and the keys they resolve to.

A table's ``resource_key`` is the key of whoever owns it. Tables loaded on the datastore's own
staff page (or by ``datastore_load``) are keyed by their public name, e.g. ``sensus/penduduk``.
An app that owns tables (the catalogue) keys them by a stable *owner key* of the form
``<app>:<id>`` — e.g. ``catalog:<resource uuid>`` — that no renaming changes and no URL can spell
(``:`` is not allowed in a public name), and registers a :class:`Namer` that turns its current
public names into owner keys and back. The datastore imports nothing from its owners
(dependency direction ``datastore`` ← ``catalog``).

Every public route resolves the name in the URL or the SQL through :func:`resolve`; lists and
the SQL endpoint show tables under :func:`public_names`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from lontar.datastore.ingest.names import valid_resource_key

OWNER_KEY_RE = re.compile(r"^[a-z][a-z0-9_]{0,19}:[A-Za-z0-9_-]{1,64}$")
#: what a namer's ``key_for`` answers for a name it claims that has no table (e.g. a dataset
#: slug with an unknown resource slug): the datastore then answers 404 for it
CLAIMED_EMPTY = ""


@dataclass(frozen=True)
class Namer:
    """``key_for(name)``: the owner key a public name stands for, :data:`CLAIMED_EMPTY` when the
    name is the owner's but names nothing, None when the name is not the owner's.
    ``names_for(keys)``: {owner key: current public name} for the keys it knows."""

    key_for: Callable[[str], str | None]
    names_for: Callable[[Iterable[str]], dict[str, str]]


_namers: list[Namer] = []
_loaded_hooks: list[Callable[[Any], None]] = []


def register_namer(namer: Namer) -> None:
    """Add ``namer`` (idempotent: ``ready()`` may run more than once in tests)."""
    if namer not in _namers:
        _namers.append(namer)


def register_loaded_hook(hook: Callable[[Any], None]) -> None:
    """``hook(table)`` runs after any version finished loading (the owner of its key, e.g. the
    catalogue filling an empty data dictionary, looks at it; others ignore it)."""
    if hook not in _loaded_hooks:
        _loaded_hooks.append(hook)


def announce_loaded(table: Any) -> None:
    for hook in _loaded_hooks:
        hook(table)


def is_owner_key(key: str) -> bool:
    return bool(OWNER_KEY_RE.match(key))


def claimed(name: str) -> bool:
    """True when an owner claims the public ``name`` (the datastore may not use it for itself)."""
    return any(namer.key_for(name) is not None for namer in _namers)


def resolve(name: str) -> str | None:
    """The ``resource_key`` that the public ``name`` stands for now, or None (answer 404)."""
    for namer in _namers:
        key = namer.key_for(name)
        if key is not None:
            return key or None
    return name if valid_resource_key(name) else None


def public_names(keys: Iterable[str]) -> dict[str, str]:
    """{resource key: public name} for ``keys``; an owner key its owner does not name is left out."""
    wanted = list(dict.fromkeys(keys))
    names = {key: key for key in wanted if not is_owner_key(key)}
    owned = [key for key in wanted if is_owner_key(key)]
    for namer in _namers:
        if owned:
            names.update(namer.names_for(owned))
    return names


def public_name(key: str) -> str | None:
    return public_names([key]).get(key)
