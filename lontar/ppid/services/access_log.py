"""Reads that the law wants on record: register exports and openings of identity documents.

They change no PPID data, but each writes its audit event in its own transaction, like every
service (the views only call these).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from lontar.audit.services import audit_record
from lontar.ppid.models import IdentityDocument, InformationRequest

#: register name → audit action of its export
EXPORT_ACTIONS = {
    "permohonan": "ppid.register.exported",
    "keberatan": "ppid.objection_register.exported",
}


def register_export_log(
    *,
    actor: Any,
    register: str,
    fmt: str,
    date_from: dt.date | None,
    date_to: dt.date | None,
    body: int | None,
) -> None:
    """Record that ``actor`` exported a staff register (with personal columns) as ``fmt``."""
    with transaction.atomic():
        audit_record(
            action=EXPORT_ACTIONS[register],
            actor=actor,
            data={"format": fmt, "from": str(date_from or ""), "to": str(date_to or ""), "body": body},
        )


def identity_document_open_log(*, actor: Any, request: InformationRequest, document: IdentityDocument) -> None:
    """Record that ``actor`` opened a requester's identity document (UU 27/2022: every access logged)."""
    with transaction.atomic():
        audit_record(
            action="ppid.identity_document.viewed",
            actor=actor,
            organisation=request.public_body.organisation,
            target=request,
            data={"document": document.pk, "kind": document.kind},
        )
