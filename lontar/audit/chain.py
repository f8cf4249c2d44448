"""Pure functions of the hash chain: canonical serialisation and the hash of one event."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

GENESIS = "0" * 64


def _default(value: Any) -> str:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value)


def normalise_numbers(value: Any) -> Any:
    """Integral floats become ints, recursively.

    PostgreSQL ``jsonb`` keeps numbers as ``numeric``: ``1e+20`` comes back as the integer
    ``100000000000000000000``. Hashing integral floats as ints makes the hash of the data as
    written equal to the hash of the data as read back, on every database.
    """
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: normalise_numbers(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [normalise_numbers(v) for v in value]
    return value


def canonical(fields: dict[str, Any]) -> str:
    """Serialise deterministically: sorted keys, no whitespace, UTF-8, datetimes in ISO form,
    integral floats as integers, NaN and infinities refused."""
    return json.dumps(
        normalise_numbers(fields),
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        allow_nan=False,
        default=_default,
    )


def event_fields(
    *,
    action: str,
    actor_id: int | None,
    actor_label: str,
    organisation_id: int | None,
    target_type: str,
    target_id: str,
    target_label: str,
    data: dict[str, Any],
    created_at: dt.datetime,
    request_id: str,
) -> dict[str, Any]:
    return {
        "action": action,
        "actor_id": actor_id,
        "actor_label": actor_label,
        "organisation_id": organisation_id,
        "target_type": target_type,
        "target_id": target_id,
        "target_label": target_label,
        "data": data,
        "created_at": created_at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        "request_id": request_id,
    }


def compute_hash(fields: dict[str, Any], prev_hash: str) -> str:
    return hashlib.sha256((canonical(fields) + prev_hash).encode("utf-8")).hexdigest()
