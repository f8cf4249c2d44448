"""Who decides whether a table may be public.

The datastore does not know data classes: the catalogue does (publik, internal, dikecualikan).
An app that owns some resource keys registers a *visibility owner*: a function of a resource
key answering ``None`` (not mine), ``True`` (mine, and it may be public) or ``False`` (mine, and
it must stay private). The catalogue registers one in its ``AppConfig.ready``; the datastore
imports nothing from the catalogue (dependency direction ``datastore`` ← ``catalog``).

:func:`verdict` is consulted by the services that change what the public sees
(``datastore_set_public``, ``datastore_activate``), never per data request.
"""

from __future__ import annotations

from collections.abc import Callable

Owner = Callable[[str], "bool | None"]

_owners: list[Owner] = []


def register_owner(owner: Owner) -> None:
    """Add ``owner`` (idempotent: ``ready()`` may run more than once in tests)."""
    if owner not in _owners:
        _owners.append(owner)


def verdict(resource_key: str) -> bool | None:
    """The first owner's answer for ``resource_key``; None when no owner claims it."""
    for owner in _owners:
        answer = owner(resource_key)
        if answer is not None:
            return bool(answer)
    return None
