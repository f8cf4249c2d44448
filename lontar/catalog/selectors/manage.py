"""Reads for the staff pages: the datasets an actor may work on, scoped by role."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from lontar.catalog import roles
from lontar.catalog.models import Dataset, DatasetState, Resource
from lontar.catalog.roles import PEMBINA, WALIDATA


def _scope(actor: Any) -> Q | None:
    """None = every dataset (superuser); an empty Q-set never matches."""
    if getattr(actor, "is_authenticated", False) and actor.is_active and actor.is_superuser:
        return None
    condition = Q(pk__in=[])
    produsen = roles.produsen_org_ids(actor)
    if produsen:
        condition |= Q(organisation_id__in=produsen)
    instansi = roles.instansi_ids_for(actor, WALIDATA)
    if instansi:
        condition |= Q(organisation_id__in=instansi) | Q(organisation__parent_id__in=instansi)
    pembina = roles.instansi_ids_for(actor, PEMBINA)
    if pembina:
        condition |= Q(is_prioritas=True) & (Q(organisation_id__in=pembina) | Q(organisation__parent_id__in=pembina))
    return condition


def datasets_for_actor(actor: Any) -> QuerySet[Dataset]:
    """Every dataset the actor may open in the staff area."""
    qs = Dataset.objects.select_related("organisation", "published_version")
    condition = _scope(actor)
    return qs if condition is None else qs.filter(condition)


def dataset_get_for_actor(actor: Any, pk: Any) -> Dataset:
    """One dataset the actor may open, or 404 exactly as for a missing one."""
    try:
        return datasets_for_actor(actor).get(pk=pk)
    except (Dataset.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def resource_get_for_actor(actor: Any, dataset: Dataset, pk: Any) -> Resource:
    try:
        return Resource.objects.select_related("dataset", "dataset__organisation").get(
            dataset=dataset, pk=pk, removed_at__isnull=True
        )
    except (Resource.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def queue_for_actor(actor: Any) -> dict[str, QuerySet[Dataset]]:
    """Work waiting for the actor: to review (Walidata), to approve (Pembina), returned (Produsen)."""
    mine = datasets_for_actor(actor)
    queues: dict[str, QuerySet[Dataset]] = {}
    walidata = roles.instansi_ids_for(actor, WALIDATA)
    if walidata or actor.is_superuser:
        scope = Q() if actor.is_superuser else Q(organisation_id__in=walidata) | Q(organisation__parent_id__in=walidata)
        queues["review"] = mine.filter(scope, state__in=[DatasetState.SUBMITTED, DatasetState.IN_REVIEW])
    pembina = roles.instansi_ids_for(actor, PEMBINA)
    if pembina or actor.is_superuser:
        scope = Q() if actor.is_superuser else Q(organisation_id__in=pembina) | Q(organisation__parent_id__in=pembina)
        queues["approve"] = mine.filter(scope, state=DatasetState.VERIFIED, is_prioritas=True)
    produsen = roles.produsen_org_ids(actor)
    if produsen:
        queues["returned"] = mine.filter(organisation_id__in=produsen, state=DatasetState.RETURNED)
    return queues
