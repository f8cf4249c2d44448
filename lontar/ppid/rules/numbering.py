"""Nomor pendaftaran formats. Pure functions, no database.

A format is a Python format string over these names only:

``{region_code}`` Kemendagri code of the body's region without dots, padded to 4 digits
("53" → "5300", "53.01" → "5301"); ``{code}`` the body's short code; ``{year}``; ``{month}``;
``{seq}`` the running number of the body in that year (required, e.g. ``{seq:06d}``).

Example: ``PPID-{region_code}-{year}-{seq:06d}`` → ``PPID-5300-2026-000123``.
"""

from __future__ import annotations

import re
import string

from django.utils.translation import gettext as _

DEFAULT_FORMAT = "PPID-{region_code}-{year}-{seq:06d}"
DEFAULT_PELAKSANA_FORMAT = "PPID-{region_code}-{code}-{year}-{seq:06d}"
ALLOWED_FIELDS = frozenset({"region_code", "code", "year", "month", "seq"})
MAX_LENGTH = 60
_SAFE_LITERAL = re.compile(r"[A-Za-z0-9./_\-]*")
_SAMPLE = {"region_code": "5300", "code": "DISKOMINFO", "year": 2026, "month": 12, "seq": 999999}


def region_code(kemendagri_code: str) -> str:
    """ "53" → "5300", "53.01" → "5301", "53.71" → "5371"."""
    return kemendagri_code.replace(".", "").ljust(4, "0")


def format_problems(fmt: str) -> list[str]:
    """What is wrong with a numbering format (empty when it is usable)."""
    try:
        parts = list(string.Formatter().parse(fmt))
    except ValueError:
        return [_("The format has an unbalanced { or }.")]
    problems: list[str] = []
    names = []
    for literal, name, spec, conversion in parts:
        if not _SAFE_LITERAL.fullmatch(literal):
            problems.append(_("Outside the {…} fields, use only letters, digits and . / _ -"))
        if name is None:
            continue
        names.append(name)
        if name not in ALLOWED_FIELDS or conversion or (spec and "{" in spec):
            problems.append(_("Unknown field {%(name)s}: use region_code, code, year, month or seq.") % {"name": name})
    if "seq" not in names:
        problems.append(_("The format must contain {seq}, the running number."))
    if not problems:
        try:
            sample = fmt.format(**_SAMPLE)
        except (ValueError, TypeError, KeyError, IndexError):
            return [_("A field has a format specification that does not fit its value.")]
        if len(sample) > MAX_LENGTH:
            problems.append(_("The numbers would be longer than %(max)d characters.") % {"max": MAX_LENGTH})
    return problems


def format_number(fmt: str, *, region_code: str, code: str, year: int, month: int, seq: int) -> str:
    """Apply a validated format."""
    return fmt.format(region_code=region_code, code=code, year=year, month=month, seq=seq)
