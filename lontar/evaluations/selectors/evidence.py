"""Reads of the evidence library, scoped: the organisation's team and managers; assigned asesor for linked files."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.shortcuts import get_object_or_404

from lontar.evaluations import permissions
from lontar.evaluations.models import AnswerEvidence, Evidence
from lontar.evaluations.suggestions import SuggestionGroup, answer_indicator, suggestions_for
from lontar.organisations.models import Organisation


def library_organisation(actor: Any, slug: str) -> Organisation:
    """The organisation whose library the actor may open (own team or manager), else 404."""
    organisation = get_object_or_404(Organisation, slug=slug[:120], is_active=True)
    if permissions.is_team(actor, organisation) or permissions.is_manager(actor):
        return organisation
    raise Http404


def evidence_get(actor: Any, organisation: Organisation, pk: Any) -> Evidence:
    try:
        return Evidence.objects.select_related("organisation", "created_by").get(pk=int(pk), organisation=organisation)
    except (Evidence.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def evidence_get_for_download(actor: Any, slug: str, pk: Any) -> Evidence:
    """The team, managers, and an asesor assigned to a submission whose answers cite the item."""
    organisation = get_object_or_404(Organisation, slug=slug[:120])
    evidence = evidence_get(actor, organisation, pk)
    if permissions.is_team(actor, organisation) or permissions.is_manager(actor):
        return evidence
    if permissions.holds_asesor_role(actor):
        cited = AnswerEvidence.objects.filter(evidence=evidence, answer__submission__assignments__asesor=actor).exists()
        if cited:
            return evidence
    raise Http404


def library(organisation: Organisation, query: str = "", kind: str = "") -> Any:
    qs = Evidence.objects.filter(organisation=organisation).select_related("created_by")
    if query:
        qs = qs.filter(title__icontains=query[:100])
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("-created_at", "-id")


def suggested_evidence(answer: Any) -> tuple[list[SuggestionGroup], set[str]]:
    """The modules' suggestions for ``answer`` and the keys of those already cited by it."""
    groups = suggestions_for(answer.submission.organisation, answer_indicator(answer))
    attached = set(
        AnswerEvidence.objects.filter(answer=answer)
        .exclude(evidence__source="")
        .values_list("evidence__source", flat=True)
    )
    return groups, attached
