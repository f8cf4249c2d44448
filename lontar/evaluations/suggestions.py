"""Evidence suggestions for an indicator, offered by the modules above evaluations.

Evaluations sits below the modules that hold records worth citing (the Katalog TIK's
applications, infrastructure and security audits, ADR 0014), so it cannot import them. A module
with such records registers a provider in its ``AppConfig.ready``; the indicator page asks every
provider for the submission's organisation and the indicator, and shows what they answer. A
module that is switched off simply suggests nothing.

A provider answers :class:`EvidenceSuggestion` values only for records the organisation owns
(and the OPD under it, for an instansi). Attaching one goes through a single service,
:func:`lontar.evaluations.services.evidence.evidence_attach_suggestion`, which asks the providers
again, so a key that is not (or no longer) suggested for this answer cannot be attached.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise


@dataclass(frozen=True)
class IndicatorRef:
    """The indicator a suggestion is asked for: framework code (e.g. "spbe-2020"), number and name."""

    framework_code: str
    number: str
    name: str = ""

    @property
    def family(self) -> str:
        """ "spbe-2020" → "spbe": frameworks of one family share their numbering habits."""
        return self.framework_code.split("-", 1)[0]


@dataclass(frozen=True)
class EvidenceFile:
    """A snapshot of the record made when it is attached (a PDF or an office document)."""

    name: str
    content: bytes


@dataclass(frozen=True)
class EvidenceSuggestion:
    """One record offered as evidence: what it is, why it fits the indicator, and where it is.

    ``key`` names the record in its module and never changes ("katalog:asset:12"): an item of the
    evidence library made from it keeps the key, so attaching it again reuses that item.
    ``url`` is the record's page in Lontar. ``kind`` is an :class:`~lontar.evaluations.choices.EvidenceKind`.
    With ``snapshot`` the library item is a file made by calling it once, when the record is first
    attached (an asesor reads it even where the record's page is internal); without it the item is
    a link to ``url`` (a path completed with ``settings.BASE_URL``).
    """

    key: str
    title: str
    kind: str
    url: str
    description: str = ""
    reason: str | Promise = ""
    issuer: str = ""
    issued_on: dt.date | None = None
    is_sample: bool = False
    snapshot: Callable[[], EvidenceFile] | None = field(default=None, compare=False)


@dataclass(frozen=True)
class SuggestionGroup:
    """The suggestions of one module, under its label ("Katalog TIK")."""

    name: str
    label: str | Promise
    items: list[EvidenceSuggestion] = field(default_factory=list)


Provider = Callable[[Any, IndicatorRef], Iterable[EvidenceSuggestion]]
_PROVIDERS: dict[str, tuple[str | Promise, Provider]] = {}

#: at most this many suggestions per module and indicator (the page stays readable)
MAX_PER_PROVIDER = 20


def register_evidence_provider(name: str, label: str | Promise, provider: Provider) -> None:
    """Add (or replace, on a reload) the evidence suggestions of module ``name``."""
    _PROVIDERS[name] = (label, provider)


def unregister_evidence_provider(name: str) -> None:
    """Remove a module's provider (tests)."""
    _PROVIDERS.pop(name, None)


def suggestions_for(organisation: Any, indicator: IndicatorRef) -> list[SuggestionGroup]:
    """Every module's suggestions for ``indicator`` of ``organisation``, modules without any left out."""
    groups = []
    for name in sorted(_PROVIDERS):
        label, provider = _PROVIDERS[name]
        items = list(provider(organisation, indicator))[:MAX_PER_PROVIDER]
        if items:
            groups.append(SuggestionGroup(name=name, label=label, items=items))
    return groups


def answer_indicator(answer: Any) -> IndicatorRef:
    """What the providers are asked about for an answer of a submission."""
    return IndicatorRef(
        framework_code=answer.submission.cycle.framework.code, number=answer.number, name=answer.node.name
    )


def find_suggestion(organisation: Any, indicator: IndicatorRef, key: str) -> EvidenceSuggestion | None:
    """The suggestion ``key`` if it is offered now for this organisation and indicator."""
    for group in suggestions_for(organisation, indicator):
        for item in group.items:
            if item.key == key:
                return item
    return None
