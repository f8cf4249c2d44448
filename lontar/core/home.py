"""What the home page shows from the modules above core, registered by them at start-up.

The home page is a core view, and core may import no other app (the layers of ARCHITECTURE.md).
A module that has a headline for the home page registers a provider in its ``AppConfig.ready``;
the view asks every provider and shows what they answer, so a module that is switched off simply
shows nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.functional import Promise


@dataclass(frozen=True)
class Headline:
    """One figure of a module for the home page: what it is, its value, and where to read more."""

    title: str | Promise
    year: int
    value: Decimal | float | None
    category: str = ""  # e.g. the predikat of an index
    url: str = ""
    source: str | Promise = ""
    is_sample: bool = False


Provider = Callable[[], Headline | None]
_PROVIDERS: dict[str, Provider] = {}


def register_headline(name: str, provider: Provider) -> None:
    """Add (or replace, on a reload) the home-page headline of module ``name``."""
    _PROVIDERS[name] = provider


def headlines() -> dict[str, Headline]:
    """{module name: its headline} of every provider that has one now."""
    found: dict[str, Headline] = {}
    for name in sorted(_PROVIDERS):
        headline = _PROVIDERS[name]()
        if headline is not None:
            found[name] = headline
    return found
