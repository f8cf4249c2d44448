"""The subjects a questionnaire evaluates, offered by the modules above evaluations.

Indeks KAMI runs per electronic system: an application of the Katalog TIK when that module is on,
else a system named by hand. Monev KIP runs per badan publik: the PPID module's bodies. Both
modules sit above evaluations (ADR 0014), so evaluations stores the subject's reference and name
only, and each module registers a provider in its ``AppConfig.ready`` that lists its subjects.
A module that is switched off lists nothing; a named system needs no provider.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from lontar.evaluations.choices import SubjectKind


@dataclass(frozen=True)
class Subject:
    """One subject: its kind, its reference in its module, its name and the organisation that owns it."""

    kind: str
    ref: str
    name: str
    organisation: Any
    url: str = ""


Provider = Callable[[], Iterable[Subject]]
_PROVIDERS: dict[str, Provider] = {}

#: which subject kind a questionnaire framework evaluates (by framework family)
FRAMEWORK_SUBJECT = {"kami": SubjectKind.SYSTEM, "monev": SubjectKind.BODY}


def subject_kind_for(framework_code: str) -> str:
    return FRAMEWORK_SUBJECT.get(framework_code.split("-", 1)[0], SubjectKind.SYSTEM)


def register_subject_provider(kind: str, provider: Provider) -> None:
    """Add (or replace, on a reload) the provider of one subject kind."""
    _PROVIDERS[kind] = provider


def unregister_subject_provider(kind: str) -> None:
    _PROVIDERS.pop(kind, None)


def subjects(kind: str) -> list[Subject]:
    """Every subject of ``kind`` its module lists (none when the module is off)."""
    provider = _PROVIDERS.get(kind)
    return list(provider()) if provider else []


def subject_by_ref(kind: str, ref: str) -> Subject | None:
    return next((s for s in subjects(kind) if s.ref == ref), None)
