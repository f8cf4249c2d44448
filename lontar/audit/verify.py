"""Verification of the hash chain: walk every event in id order and recompute each link.

What a passing verification proves and does not prove is in docs/adr/0004-audit-chain.md.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from lontar.audit.chain import GENESIS, compute_hash, event_fields
from lontar.audit.models import AuditEvent

_FIELDS = (
    "id",
    "action",
    "actor_id",
    "actor_label",
    "organisation_id",
    "target_type",
    "target_id",
    "target_label",
    "data",
    "created_at",
    "request_id",
    "prev_hash",
    "hash",
)


@dataclass(frozen=True)
class Break:
    """The first broken link: which event and what differs."""

    event_id: int
    problem: str  # "prev_hash" (does not link to the event before) or "hash" (content changed)
    expected: str
    found: str

    def describe(self) -> str:
        if self.problem == "prev_hash":
            what = f"prev_hash {self.found} does not match the hash of the event before it ({self.expected})"
        else:
            what = f"stored hash {self.found} differs from the hash of its content ({self.expected})"
        return f"event {self.event_id}: {what}"


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    count: int  # events checked (up to and including the broken one)
    head: str  # hash of the last event checked, GENESIS for an empty chain
    broken: Break | None = None
    #: when an anchor (a head hash recorded elsewhere earlier) was given: is it still in the chain?
    anchor_found: bool | None = None


def recompute_hash(row: dict[str, Any]) -> str:
    """The hash an event with these stored values must have (given its ``prev_hash``)."""
    fields = event_fields(
        action=row["action"],
        actor_id=row["actor_id"],
        actor_label=row["actor_label"],
        organisation_id=row["organisation_id"],
        target_type=row["target_type"],
        target_id=row["target_id"],
        target_label=row["target_label"],
        data=row["data"],
        created_at=row["created_at"],
        request_id=row["request_id"],
    )
    return compute_hash(fields, row["prev_hash"])


def check_link(row: dict[str, Any], previous_hash: str) -> Break | None:
    """The problem with one event given the hash of the event before it, or None."""
    if row["prev_hash"] != previous_hash:
        return Break(row["id"], "prev_hash", previous_hash, row["prev_hash"])
    recomputed = recompute_hash(row)
    if recomputed != row["hash"]:
        return Break(row["id"], "hash", recomputed, row["hash"])
    return None


def verify_rows(rows: Iterable[dict[str, Any]], *, anchor: str | None = None) -> VerifyResult:
    """Verify rows given in chain (id) order; stops at the first broken link.

    ``anchor``: a head hash printed by an earlier verification and kept outside the database.
    If the chain verifies and still contains it, nothing up to that point was rewritten.
    """
    previous, count = GENESIS, 0
    found = None if anchor is None else anchor == GENESIS
    for row in rows:
        count += 1
        broken = check_link(row, previous)
        if broken is not None:
            return VerifyResult(ok=False, count=count, head=previous, broken=broken, anchor_found=found)
        previous = row["hash"]
        if anchor is not None and previous == anchor:
            found = True
    return VerifyResult(ok=found is not False, count=count, head=previous, anchor_found=found)


def verify_chain(*, anchor: str | None = None, chunk_size: int = 2000) -> VerifyResult:
    """Verify the whole chain in the database, streaming rows in id order."""
    rows = AuditEvent.objects.order_by("id").values(*_FIELDS).iterator(chunk_size=chunk_size)
    return verify_rows(rows, anchor=anchor)


def event_link_status(event: AuditEvent) -> Break | None:
    """Check one event against its stored content and the event just before it (detail page)."""
    before = AuditEvent.objects.filter(id__lt=event.id).order_by("-id").values_list("hash", flat=True).first()
    row = {name: getattr(event, name) for name in _FIELDS}
    return check_link(row, before or GENESIS)
