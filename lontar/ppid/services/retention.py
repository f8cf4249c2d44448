"""Retention of identity documents (UU 27/2022): purge them a body's set number of days after closing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from lontar.audit.services import audit_record
from lontar.ppid.choices import TERMINAL
from lontar.ppid.models import IdentityDocument, PublicBody

BATCH = 200


@dataclass
class PurgeResult:
    documents: int = 0
    requests: set[int] = field(default_factory=set)


def _due(body: PublicBody, today: dt.date) -> QuerySet[IdentityDocument]:
    """Documents of the body's closed or withdrawn requests whose retention period has ended."""
    last_kept = today - dt.timedelta(days=body.retention_days)
    return (
        IdentityDocument.objects.filter(
            purged_at__isnull=True,
            request__public_body=body,
            request__status__in=TERMINAL,
            request__closed_on__lt=last_kept,
        )
        .select_related("request__public_body__organisation")
        .order_by("id")
    )


def identity_documents_purge(*, today: dt.date | None = None) -> PurgeResult:
    """Delete the files and mark the rows purged, in batches; one audit event per purged request.

    The row stays (kind, size, digest, purged_at) so the register still shows a document existed.
    """
    day = today or timezone.localdate()
    result = PurgeResult()
    for body in PublicBody.objects.all().only("pk", "retention_days"):
        while batch := list(_due(body, day)[:BATCH]):
            for doc in batch:
                _purge(doc)
                result.documents += 1
                result.requests.add(doc.request_id)
    return result


def _purge(doc: IdentityDocument) -> None:
    with transaction.atomic():
        locked = IdentityDocument.objects.select_for_update().get(pk=doc.pk)
        if locked.purged_at is not None:
            return
        name = locked.file.name
        locked.purged_at = timezone.now()
        locked.file = ""
        locked.save(update_fields=["purged_at", "file"])
        audit_record(
            action="ppid.identity_document.purged",
            organisation=doc.request.public_body.organisation,
            target=doc.request,
            data={"document": doc.pk, "kind": doc.kind, "retention_days": doc.request.public_body.retention_days},
        )
        transaction.on_commit(lambda: locked.file.storage.delete(name) if name else None)
