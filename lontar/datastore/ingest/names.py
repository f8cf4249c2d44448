"""Safe SQL identifiers for columns and tables, and resource-key validation (pure functions)."""

from __future__ import annotations

import re
import secrets
import unicodedata
from collections.abc import Sequence

MAX_IDENTIFIER = 63
RESERVED = frozenset({"_id", "rowid", "oid", "_rowid_", "ctid", "xmin", "xmax", "cmin", "cmax", "tableoid"})
RESOURCE_KEY_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,119}(?:/[A-Za-z0-9][A-Za-z0-9_-]{0,119}){0,3}$")
#: first path parts that the data API uses for its own pages
RESERVED_KEYS = frozenset({"sql", "static"})
TABLE_NAME_RE = re.compile(r"^ds_[0-9a-f]{16}$")


def slug_identifier(label: str) -> str:
    """Lower-case ASCII letters, digits and underscores, starting with a letter."""
    text = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode("ascii").lower()
    text = re.sub(r"[^a-z0-9]+", "_", text).strip("_")
    if not text:
        return ""
    if not text[0].isalpha():
        text = f"k_{text}"
    return text[:MAX_IDENTIFIER].rstrip("_")


def column_names(labels: Sequence[str]) -> list[str]:
    """One unique identifier per header label (``kolom_3`` for an empty label)."""
    names: list[str] = []
    taken: set[str] = set()
    for position, label in enumerate(labels, start=1):
        base = slug_identifier(label) or f"kolom_{position}"
        if base in RESERVED:
            base = f"{base.strip('_')}_kolom"
        name = base
        n = 2
        while name in taken:
            suffix = f"_{n}"
            name = base[: MAX_IDENTIFIER - len(suffix)] + suffix
            n += 1
        taken.add(name)
        names.append(name)
    return names


def new_table_name() -> str:
    return f"ds_{secrets.token_hex(8)}"


def is_table_name(name: str) -> bool:
    return bool(TABLE_NAME_RE.match(name))


def valid_resource_key(key: str) -> bool:
    return bool(RESOURCE_KEY_RE.match(key)) and key.split("/")[0].lower() not in RESERVED_KEYS


def quote(identifier: str) -> str:
    """Double-quote an identifier that this module produced (defensive: refuses quotes)."""
    if '"' in identifier or "\x00" in identifier:
        raise ValueError(f"unsafe identifier {identifier!r}")
    return f'"{identifier}"'
