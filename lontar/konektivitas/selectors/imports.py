"""Reads of site imports: the batches of the organisations the actor manages (others are 404)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from lontar.accounts.permissions import get_for_actor_or_404, visible_by
from lontar.konektivitas.models import ImportBatch
from lontar.konektivitas.permissions import MANAGE


def import_batches_for_actor(*, actor: Any) -> QuerySet[ImportBatch]:
    return visible_by(ImportBatch.objects.select_related("organisation", "uploaded_by"), (MANAGE,), actor)


def import_batch_get_for_actor(*, actor: Any, pk: Any) -> ImportBatch:
    return get_for_actor_or_404(import_batches_for_actor(actor=actor), pk)
