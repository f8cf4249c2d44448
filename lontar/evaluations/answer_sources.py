"""Answers suggested from Lontar's own records, offered by the modules above evaluations (issue 14 §2).

A question of a questionnaire framework (Indeks KAMI, Monev KIP) may name a **source in Lontar**
with its ``lontar_source`` key, e.g. ``"ppid.dip_current"``. The module that holds the records
registers a provider for the key in its ``AppConfig.ready`` (evaluations sits below PPID and the
Katalog TIK, ADR 0014, so it cannot import them); a module that is switched off suggests nothing.

A provider is asked once per key for a subject (:class:`lontar.evaluations.subjects.Subject`) and
a year, and answers a :class:`Finding`: whether the question's condition holds (``met``), the
figure behind it in words, links to the evidence, and the day the figure describes (``as_of``).
``met`` becomes an option of the question: the best option of its answer set when it holds, the
lowest when it does not; ``None`` (KAMI's graded controls, or too few records to tell) suggests
evidence only. A provider answers only for records of the subject itself — never another body's
or another organisation's — and ``None`` for a subject it does not know.

The stored side (the suggestion kept beside the answer, accepted or overridden) is
:class:`lontar.evaluations.models.SuggestedAnswer`; reads in
:mod:`lontar.evaluations.selectors.answer_suggestions`, the change in
:mod:`lontar.evaluations.services.answer_suggestions`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from lontar.assessments.questionnaire import Question, Questionnaire
from lontar.assessments.questionnaire_checks import LONTAR_SOURCE as KEY_PATTERN
from lontar.audit.registry import register as register_audit_action


@dataclass(frozen=True)
class EvidenceLink:
    """A record in Lontar that backs a figure: its title and its page (a path or a full address)."""

    title: str
    url: str
    is_sample: bool = False


@dataclass(frozen=True)
class Finding:
    """What one source found for one subject and year."""

    met: bool | None
    figure: str
    evidence: tuple[EvidenceLink, ...] = ()
    as_of: dt.date | None = None


@dataclass(frozen=True)
class AnswerSuggestion:
    """The answer Lontar suggests for one question, with what it rests on.

    ``option`` is an option code of the question, or "" when the source offers evidence only.
    """

    question_id: str
    option: str
    figure: str
    evidence: tuple[EvidenceLink, ...]
    as_of: dt.date
    source: str
    source_label: str | Promise

    @property
    def is_sample(self) -> bool:
        return any(link.is_sample for link in self.evidence)


#: audit actions of :mod:`lontar.evaluations.services.answer_suggestions` (registered at start-up:
#: the modules that provide sources import this one in their ``AppConfig.ready``)
ACCEPTED = register_audit_action(
    "evaluations.questionnaire.suggestion_accepted", gettext_lazy("Answer suggested by Lontar accepted")
)
OVERRIDDEN = register_audit_action(
    "evaluations.questionnaire.suggestion_overridden", gettext_lazy("Answer suggested by Lontar overridden")
)

SourceProvider = Callable[[Any, int, dt.date], Finding | None]
_SOURCES: dict[str, tuple[str | Promise, SourceProvider]] = {}


def register_answer_source(key: str, label: str | Promise, provider: SourceProvider) -> None:
    """Add (or replace, on a reload) the provider of the ``lontar_source`` key ``key``."""
    if not KEY_PATTERN.match(key):
        raise ValueError(f"answer source key {key!r} is not of the form module.figure")
    _SOURCES[key] = (label, provider)


def unregister_answer_source(key: str) -> None:
    """Remove a provider (tests)."""
    _SOURCES.pop(key, None)


def registered_sources() -> list[str]:
    return sorted(_SOURCES)


def as_of_for(year: int, today: dt.date | None = None) -> dt.date:
    """The day the figures of ``year`` describe: today within the year, else its last day."""
    today = today or timezone.localdate()
    return min(today, dt.date(year, 12, 31))


def option_for(questionnaire: Questionnaire, question: Question, met: bool | None) -> str:
    """The option ``met`` stands for: the question's best option when met, its lowest when not.

    Options marked not applicable are never suggested; "" when ``met`` is None or no option fits.
    """
    if met is None:
        return ""
    options = [o for o in questionnaire.allowed(question) if not o.not_applicable]
    if not options:
        return ""
    points = [o.points_for(question.tier) for o in options]
    target = max(points) if met else min(points)
    if max(points) == min(points):
        return ""
    return next(o.code for o, p in zip(options, points, strict=True) if p == target)


def answer_suggestions(
    subject: Any, questionnaire: Questionnaire, year: int, *, today: dt.date | None = None
) -> dict[str, AnswerSuggestion]:
    """Question id → suggestion, for every question whose source has a provider that found something.

    Each source is asked once, however many questions name it.
    """
    as_of = as_of_for(year, today)
    findings: dict[str, Finding | None] = {}
    out: dict[str, AnswerSuggestion] = {}
    for question in questionnaire.questions:
        key = question.lontar_source
        if not key or key not in _SOURCES:
            continue
        label, provider = _SOURCES[key]
        if key not in findings:
            findings[key] = provider(subject, year, as_of)
        finding = findings[key]
        if finding is None:
            continue
        out[question.id] = AnswerSuggestion(
            question_id=question.id,
            option=option_for(questionnaire, question, finding.met),
            figure=finding.figure,
            evidence=tuple(finding.evidence),
            as_of=finding.as_of or as_of,
            source=key,
            source_label=label,
        )
    return out


def unknown_sources(questionnaire: Questionnaire) -> list[tuple[str, str]]:
    """(question id, key) of questions naming a source no module provides now."""
    return [
        (q.id, q.lontar_source) for q in questionnaire.questions if q.lontar_source and q.lontar_source not in _SOURCES
    ]


def links(items: Iterable[EvidenceLink]) -> list[dict[str, Any]]:
    """Evidence as plain values, for storing beside the answer."""
    return [{"title": i.title, "url": i.url, "is_sample": i.is_sample} for i in items]
