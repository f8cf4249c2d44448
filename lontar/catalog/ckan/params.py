"""Coerce CKAN action parameters (strings from a query string, or JSON values) the way CKAN does."""

from __future__ import annotations

from typing import Any

from lontar.catalog.ckan.errors import ValidationFailed
from lontar.core import safe_json

TRUE = frozenset({"true", "1", "yes", "on", "t", "y"})
FALSE = frozenset({"false", "0", "no", "off", "f", "n", ""})


def natural(data: dict[str, Any], key: str, default: int, *, maximum: int | None = None, clamp: bool = True) -> int:
    """A non-negative integer parameter; values above ``maximum`` are clamped (as CKAN's rows_max)."""
    raw = data.get(key, default)
    if isinstance(raw, bool) or raw is None:
        raise ValidationFailed(f"{key}: Invalid integer", {key: ["Invalid integer"]})
    try:
        value = int(str(raw).strip()) if not isinstance(raw, int) else raw
    except ValueError as exc:
        raise ValidationFailed(f"{key}: Invalid integer", {key: ["Invalid integer"]}) from exc
    if value < 0:
        raise ValidationFailed(f"{key}: Must be a natural number", {key: ["Must be a natural number"]})
    if maximum is not None and value > maximum:
        if not clamp:
            raise ValidationFailed(f"{key}: Must be at most {maximum}", {key: [f"Must be at most {maximum}"]})
        value = maximum
    return value


def integer(data: dict[str, Any], key: str, default: int, *, minimum: int, maximum: int) -> int:
    raw = data.get(key, default)
    try:
        value = int(str(raw).strip()) if not isinstance(raw, int) or isinstance(raw, bool) else raw
    except ValueError as exc:
        raise ValidationFailed(f"{key}: Invalid integer", {key: ["Invalid integer"]}) from exc
    if not minimum <= value <= maximum:
        raise ValidationFailed(f"{key}: Out of range", {key: [f"Must be between {minimum} and {maximum}"]})
    return value


def boolean(data: dict[str, Any], key: str, default: bool) -> bool:
    raw = data.get(key, default)
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    raise ValidationFailed(f"{key}: Not a boolean", {key: ["Must be true or false"]})


def text(data: dict[str, Any], key: str, default: str = "", *, max_length: int = 2000) -> str:
    raw = data.get(key, default)
    if raw is None:
        return default
    if isinstance(raw, list | dict):
        raise ValidationFailed(f"{key}: Must be a string", {key: ["Must be a string"]})
    value = str(raw)
    if len(value) > max_length:
        raise ValidationFailed(f"{key}: Too long", {key: [f"Must be at most {max_length} characters"]})
    if "\x00" in value:
        raise ValidationFailed(f"{key}: Invalid characters", {key: ["Must not contain NUL characters"]})
    return value


def string_list(data: dict[str, Any], key: str) -> list[str]:
    """A list given as a JSON list, a JSON-encoded string (GET), or a single string."""
    raw = data.get(key)
    if raw is None or raw == "":
        return []
    if isinstance(raw, str):
        stripped = raw.strip()
        if stripped.startswith("["):
            try:
                raw = safe_json.loads(stripped)
            except ValueError as exc:
                raise ValidationFailed(f"{key}: Invalid JSON list", {key: ["Invalid JSON list"]}) from exc
        else:
            raw = [stripped]
    if not isinstance(raw, list) or not all(isinstance(v, str) for v in raw) or len(raw) > 100:
        raise ValidationFailed(f"{key}: Must be a list of strings", {key: ["Must be a list of strings"]})
    return raw


def required(data: dict[str, Any], *keys: str) -> str:
    """The first of ``keys`` present (e.g. ``id`` or ``name_or_id``), as a string."""
    for key in keys:
        value = data.get(key)
        if value not in (None, "") and not isinstance(value, list | dict):
            return text(data, key, max_length=200)
    raise ValidationFailed(f"{keys[0]}: Missing value", {keys[0]: ["Missing value"]})


def json_object(raw: str, key: str) -> Any:
    """A JSON value given as a string (GET parameters)."""
    try:
        return safe_json.loads(raw)
    except ValueError as exc:
        raise ValidationFailed(f"{key}: Invalid JSON", {key: ["Invalid JSON"]}) from exc
