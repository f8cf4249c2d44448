"""Every change of state in the catalogue goes through one of these services."""

from lontar.catalog.services.datasets import dataset_create, dataset_update
from lontar.catalog.services.resources import columns_set, resource_add, resource_remove, resource_update
from lontar.catalog.services.workflow import (
    dataset_approve,
    dataset_publish,
    dataset_return,
    dataset_review_start,
    dataset_revise,
    dataset_submit,
    dataset_verify,
    dataset_withdraw,
    datasets_due,
)

__all__ = [
    "columns_set",
    "dataset_approve",
    "dataset_create",
    "dataset_publish",
    "dataset_return",
    "dataset_review_start",
    "dataset_revise",
    "dataset_submit",
    "dataset_update",
    "dataset_verify",
    "dataset_withdraw",
    "datasets_due",
    "resource_add",
    "resource_remove",
    "resource_update",
]
