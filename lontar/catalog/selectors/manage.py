"""Reads for the staff pages: the datasets an actor may work on, scoped by role."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from lontar.accounts.permissions import get_for_actor_or_404
from lontar.catalog import roles
from lontar.catalog.models import Dataset, DatasetState, Resource
from lontar.catalog.policies import dataset_policy, resource_policy


def datasets_for_actor(actor: Any) -> QuerySet[Dataset]:
    """Every dataset the actor may open in the staff area."""
    return dataset_policy.visible(actor)


def dataset_get_for_actor(*, actor: Any, pk: Any) -> Dataset:
    """One dataset the actor may open, or 404 exactly as for a missing one."""
    return get_for_actor_or_404(dataset_policy.visible(actor), pk)


def resource_get_for_actor(*, actor: Any, pk: Any) -> Resource:
    """One resource (not removed) of a dataset the actor may open, or 404 exactly as for a missing one."""
    return get_for_actor_or_404(resource_policy.visible(actor), pk)


def queue_for_actor(actor: Any) -> dict[str, QuerySet[Dataset]]:
    """Work waiting for the actor: to review (Walidata), to approve (Pembina), returned (Produsen)."""
    mine = datasets_for_actor(actor)
    queues: dict[str, QuerySet[Dataset]] = {}
    review = roles.REVIEW.scope(actor)
    if not review.is_empty:
        queues["review"] = mine.filter(review.q(), state__in=[DatasetState.SUBMITTED, DatasetState.IN_REVIEW])
    approve = roles.PEMBINA_DATASET.scope(actor)
    if not approve.is_empty:
        queues["approve"] = mine.filter(approve.q(), state=DatasetState.VERIFIED, is_prioritas=True)
    produsen = roles.produsen_org_ids(actor)
    if produsen:
        queues["returned"] = mine.filter(organisation_id__in=produsen, state=DatasetState.RETURNED)
    return queues
