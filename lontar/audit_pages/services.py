"""The audit page's one change of state: a province admin verifies the chain (and that is recorded)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from lontar.accounts.permissions import is_province_admin
from lontar.audit.services import audit_record
from lontar.audit.verify import VerifyResult, verify_chain


def audit_chain_verify(*, actor: Any) -> VerifyResult:
    """Verify the whole chain for a province admin and record that it was done (with the result)."""
    if not is_province_admin(actor):
        raise PermissionDenied
    result = verify_chain()
    broken = result.broken
    with transaction.atomic():
        audit_record(
            action="audit.chain.verified",
            actor=actor,
            data={
                "ok": result.ok,
                "count": result.count,
                "head": result.head,
                "broken_event_id": broken.event_id if broken else None,
                "problem": broken.problem if broken else "",
            },
        )
    return result
