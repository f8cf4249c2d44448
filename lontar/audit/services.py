"""The one write path of the audit trail."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import connection, models, transaction
from django.utils import timezone

from lontar.audit import registry
from lontar.audit.chain import GENESIS, compute_hash, event_fields, normalise_numbers
from lontar.audit.models import AuditEvent
from lontar.core.request_context import get_client_request_id, get_request_id

# Any constant: the key of the PostgreSQL advisory lock that serialises chain writes.
_CHAIN_LOCK_KEY = 0x4C4F4E544152  # "LONTAR"
_SQLITE_LOCKING = frozenset({"IMMEDIATE", "EXCLUSIVE"})
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def _lock_chain() -> None:
    """Serialise writers so each event links to the one committed before it.

    PostgreSQL: a transaction-scoped advisory lock. SQLite: transactions are BEGIN IMMEDIATE
    (settings), so the database write lock is already held for the whole transaction.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK_KEY])
    elif connection.vendor == "sqlite" and getattr(connection, "transaction_mode", None) not in _SQLITE_LOCKING:
        raise ImproperlyConfigured("the audit chain needs SQLite transactions in IMMEDIATE or EXCLUSIVE mode")


def _clean_text(value: str) -> str:
    """Text every database stores and UTF-8 encodes: NUL and lone surrogates become U+FFFD."""
    return _UNSTORABLE.sub("\ufffd", value)


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return _clean_text(value)
    if isinstance(value, dict):
        return {_clean_text(str(k)): _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def _json_safe(data: dict[str, Any]) -> dict[str, Any]:
    """Plain JSON (dates and other objects as strings) that survives a round trip through the database."""
    try:
        plain = json.loads(json.dumps(data, default=str, allow_nan=False))
    except ValueError as exc:
        raise ValueError("audit data must not contain NaN or infinite numbers") from exc
    return normalise_numbers(_clean(plain))


def _with_client_request_id(data: dict[str, Any]) -> dict[str, Any]:
    """The client's own X-Request-ID (when it sent one) goes in the data, apart from the request id."""
    client_id = get_client_request_id()
    return {**data, "client_request_id": client_id} if client_id else data


def audit_record(
    *,
    action: str,
    actor: Any = None,
    organisation: Any = None,
    target: models.Model | None = None,
    target_label: str = "",
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the chain. Must run inside the caller's transaction.

    ``actor`` is a user or None (system); ``organisation`` an Organisation or None;
    ``target`` the model instance the action was about.
    """
    if not registry.is_registered(action):
        raise ValueError(f"unregistered audit action {action!r}")
    if not connection.in_atomic_block:
        raise RuntimeError("audit_record must be called inside transaction.atomic()")
    actor_obj = actor if getattr(actor, "is_authenticated", False) else None
    fields = event_fields(
        action=action,
        actor_id=actor_obj.pk if actor_obj else None,
        actor_label=_clean_text(str(actor_obj.email) if actor_obj else "sistem")[:200],
        organisation_id=organisation.pk if organisation is not None else None,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_label=_clean_text(target_label or (str(target) if target is not None else ""))[:300],
        data=_json_safe(_with_client_request_id(data or {})),
        created_at=timezone.now(),
        request_id=get_request_id(),
    )
    with transaction.atomic():
        _lock_chain()
        last = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
        prev_hash = last or GENESIS
        event = AuditEvent(
            action=fields["action"],
            actor_id=fields["actor_id"],
            actor_label=fields["actor_label"],
            organisation_id=fields["organisation_id"],
            target_type=fields["target_type"],
            target_id=fields["target_id"],
            target_label=fields["target_label"],
            data=fields["data"],
            created_at=dt.datetime.fromisoformat(fields["created_at"].replace("Z", "+00:00")),
            request_id=fields["request_id"],
            prev_hash=prev_hash,
            hash=compute_hash(fields, prev_hash),
        )
        event.save(force_insert=True)
    return event
