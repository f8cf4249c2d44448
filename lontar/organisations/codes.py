"""Kemendagri region codes: shape and level (pure functions, no database).

A code is ``PP`` (provinsi), ``PP.KK`` (kabupaten, or kota when ``KK`` is 71–99),
``PP.KK.CC`` (kecamatan) or ``PP.KK.CC.DDDD`` (kelurahan when ``DDDD`` starts with 1, otherwise
desa — Permendagri 58/2021).
"""

from __future__ import annotations

import re

PROVINCE_CODE = "53"
MAX_CODE_LENGTH = 13
_CODE_RE = re.compile(r"[0-9]{2}(?:\.[0-9]{2}(?:\.[0-9]{2}(?:\.[0-9]{4})?)?)?")
_BPS_RE = re.compile(r"[0-9]{2}(?:[0-9]{2}(?:[0-9]{3}(?:[0-9]{3})?)?)?")


def is_region_code(value: str) -> bool:
    """True for a well-formed Kemendagri code (any province)."""
    return len(value) <= MAX_CODE_LENGTH and _CODE_RE.fullmatch(value) is not None


def is_bps_code(value: str) -> bool:
    """True for a well-formed BPS code (2, 4, 7 or 10 digits)."""
    return len(value) <= 10 and _BPS_RE.fullmatch(value) is not None


def level_for_code(value: str) -> str | None:
    """The level a well-formed code belongs to, or None for a malformed one."""
    if not is_region_code(value):
        return None
    parts = value.split(".")
    if len(parts) == 1:
        return "provinsi"
    if len(parts) == 2:
        return "kota" if int(parts[1]) >= 71 else "kabupaten"
    if len(parts) == 3:
        return "kecamatan"
    return "kelurahan" if parts[3].startswith("1") else "desa"


def parent_code(value: str) -> str | None:
    """The code one level up (None for a province or a malformed code)."""
    if not is_region_code(value) or "." not in value:
        return None
    return value.rsplit(".", 1)[0]
