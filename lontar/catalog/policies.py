"""Which catalogue records an actor may see and act on, one policy per record type.

Each policy is built from the rules of :mod:`lontar.catalog.roles` (written once there): the
same rule answers "may this actor act on this record" (``can``) and "which records may this
actor see" (``visible``). Selectors fetch single records through ``visible`` with
:func:`lontar.accounts.permissions.get_for_actor_or_404`, so a record out of reach is a 404.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from lontar.accounts.permissions import Rule, visible_by
from lontar.catalog import roles
from lontar.catalog.models import ActivityMetadata, DataRequest, Dataset, IndicatorMetadata, Resource

#: action -> the rule that grants it on a dataset
DATASET_ACTIONS: dict[str, Rule] = {
    "produce": roles.PRODUCE,
    "review": roles.REVIEW,
    "approve": roles.PEMBINA_DATASET,
}


class DatasetPolicy:
    """A Produsen Data sees their organisation's datasets, the Walidata their instansi's, the
    Pembina Data the instansi's Data Prioritas; superusers every one."""

    rules = tuple(DATASET_ACTIONS.values())

    def visible(self, actor: Any) -> QuerySet[Dataset]:
        return visible_by(Dataset.objects.select_related("organisation", "published_version"), self.rules, actor)

    def can(self, actor: Any, action: str, record: Dataset) -> bool:
        if action == "view":
            return any(rule.allows(actor, record) for rule in self.rules)
        return DATASET_ACTIONS[action].allows(actor, record)


class ResourcePolicy:
    """A resource (not removed) goes with its dataset."""

    def visible(self, actor: Any) -> QuerySet[Resource]:
        return Resource.objects.select_related("dataset", "dataset__organisation").filter(
            removed_at__isnull=True, dataset__in=dataset_policy.visible(actor).values("pk")
        )

    def can(self, actor: Any, action: str, record: Resource) -> bool:
        return dataset_policy.can(actor, action, record.dataset)


class StatisticalMetadataPolicy:
    """Activity and indicator metadata: the Produsen Data of the organisation, and the Walidata and
    Pembina Data of its instansi (every indicator, not only Data Prioritas)."""

    rules = (roles.PRODUCE, roles.REVIEW, roles.PEMBINA_CHECK)

    def visible(self, actor: Any, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return visible_by(queryset, self.rules, actor)

    def activities(self, actor: Any) -> QuerySet[ActivityMetadata]:
        return self.visible(actor, ActivityMetadata.objects.select_related("organisation", "sector"))

    def indicators(self, actor: Any) -> QuerySet[IndicatorMetadata]:
        return self.visible(actor, IndicatorMetadata.objects.select_related("organisation"))

    def can(self, actor: Any, action: str, record: Any) -> bool:
        if action == "view":
            return any(rule.allows(actor, record) for rule in self.rules)
        return action == "edit" and roles.PRODUCE.allows(actor, record)


class DataRequestPolicy:
    """The Walidata of the instansi asked (superusers too) handle a public data request."""

    rules = (roles.REVIEW,)

    def visible(self, actor: Any) -> QuerySet[DataRequest]:
        return visible_by(DataRequest.objects.select_related("organisation"), self.rules, actor)

    def can(self, actor: Any, action: str, record: DataRequest) -> bool:
        return action in {"view", "handle"} and roles.REVIEW.allows(actor, record)


dataset_policy = DatasetPolicy()
resource_policy = ResourcePolicy()
statmeta_policy = StatisticalMetadataPolicy()
data_request_policy = DataRequestPolicy()
