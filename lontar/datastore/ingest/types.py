"""Column types and the pure parsers for one value (the reference the vectorised code follows).

Numbers come in two conventions, decided per column (never per cell):

* Indonesian (``id``): ``1.234.567`` and ``1.234,5`` — dots group thousands, a comma marks decimals;
* English (``en``): ``1,234,567`` and ``1,234.5``.

Plain digits (``1234``, ``-5``) fit both. The regular expressions below are written in the
syntax shared by Python's ``re`` and RE2 (used by pyarrow), so both engines agree.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class ColumnType(StrEnum):
    TEXT = "text"
    INTEGER = "integer"
    DECIMAL = "decimal"
    DATE = "date"
    BOOLEAN = "boolean"
    REGION = "region"


TYPE_LABELS: dict[str, Promise] = {
    ColumnType.TEXT: _("text"),
    ColumnType.INTEGER: _("integer"),
    ColumnType.DECIMAL: _("decimal number"),
    ColumnType.DATE: _("date"),
    ColumnType.BOOLEAN: _("yes/no"),
    ColumnType.REGION: _("Kemendagri region code"),
}
NUMBER_FORMATS = ("id", "en")
#: longest integer kept as a number (int64 holds 18 full digits)
MAX_INT_DIGITS = 18

INT_RE = r"^-?[0-9]+$"
LEADING_ZERO_RE = r"^-?0[0-9]"
ID_INT_RE = r"^-?(?:[0-9]+|[1-9][0-9]{0,2}(?:\.[0-9]{3})+)$"
EN_INT_RE = r"^-?(?:[0-9]+|[1-9][0-9]{0,2}(?:,[0-9]{3})+)$"
ID_NUM_RE = r"^-?(?:[0-9]+|[1-9][0-9]{0,2}(?:\.[0-9]{3})+)(?:,[0-9]+)?$"
EN_NUM_RE = r"^-?(?:[0-9]+|[1-9][0-9]{0,2}(?:,[0-9]{3})+)(?:\.[0-9]+)?$"
#: a value a reader could take either way: one separator followed by exactly three digits
AMBIGUOUS_RE = r"^-?[1-9][0-9]{0,2}[.,][0-9]{3}$"
REGION_BODY = r"[0-9]{2}(?:\.[0-9]{2}(?:\.[0-9]{2}(?:\.[0-9]{4})?)?)?"
REGION_RE = f"^{REGION_BODY}$"
# Fast checks on raw cells (empty allowed): when a whole chunk passes one, nothing else is needed.
PLAIN_INT_OR_EMPTY_RE = r"^\s*(?:-?(?:0|[1-9][0-9]{0,17}))?\s*$"
REGION_OR_EMPTY_RE = f"^(?:{REGION_BODY})?$"
ISO_DATE_OR_EMPTY_RE = r"^(?:[0-9]{4}-[0-9]{2}-[0-9]{2})?$"
BLANK_RE = r"^[\s\pZ]*$"
ISO_DATE_RE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
DMY_DATE_RE = r"^[0-9]{1,2}[/-][0-9]{1,2}[/-][0-9]{4}$"
NAMED_DATE_RE = r"^[0-9]{1,2}[ -][A-Za-z]{3,9}\.?[ -][0-9]{4}$"
DATE_RE = f"(?:{ISO_DATE_RE})|(?:{DMY_DATE_RE})|(?:{NAMED_DATE_RE})"

#: cells that stand for a missing value in published statistics ("-" nil, "…" not available,
#: "x" suppressed): null in a number column, the mark itself kept in its ``_catatan`` column
MISSING_MARKS = {
    "-": "nihil",
    "–": "nihil",
    "—": "nihil",
    "…": "tidak tersedia",
    "...": "tidak tersedia",
    "na": "tidak tersedia",
    "n/a": "tidak tersedia",
    "x": "tidak dipublikasikan",
}
#: a number followed by a footnote or revision marker: "230.040*", "12,5 r", "1.234¹", "7 (r)"
MARKED_NUMBER_RE = r"^(-?[0-9][0-9.,]*)\s*(\*{1,3}|[rRxX]|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\([a-zA-Z*]\))$"
MONTHS = {
    "januari": 1, "jan": 1, "january": 1,
    "februari": 2, "feb": 2, "pebruari": 2, "peb": 2, "february": 2,
    "maret": 3, "mar": 3, "march": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "agustus": 8, "agu": 8, "agt": 8, "ags": 8, "agst": 8, "aug": 8, "august": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "oct": 10, "october": 10,
    "november": 11, "nov": 11, "nopember": 11, "nop": 11,
    "desember": 12, "des": 12, "dec": 12, "december": 12,
}  # fmt: skip
TRUE_TOKENS = frozenset({"ya", "y", "yes", "true", "benar", "1"})
FALSE_TOKENS = frozenset({"tidak", "tdk", "n", "no", "false", "salah", "0"})
BOOL_TOKENS = TRUE_TOKENS | FALSE_TOKENS
#: a boolean column needs at least one value that is not a bare digit
DIGIT_TOKENS = frozenset({"0", "1"})

_re_cache: dict[str, re.Pattern[str]] = {}


def _match(pattern: str, value: str) -> bool:
    compiled = _re_cache.get(pattern)
    if compiled is None:
        compiled = _re_cache[pattern] = re.compile(pattern)
    return compiled.match(value) is not None


def normalise_number(value: str, number_format: str) -> str:
    """Plain ``-1234.5`` from a value in ``number_format``; ValueError when it does not fit."""
    text = value.strip()
    if number_format == "id" and _match(ID_NUM_RE, text):
        return text.replace(".", "").replace(",", ".")
    if number_format == "en" and _match(EN_NUM_RE, text):
        return text.replace(",", "")
    raise ValueError(value)


def parse_integer(value: str, number_format: str = "id") -> int:
    text = value.strip()
    pattern = ID_INT_RE if number_format == "id" else EN_INT_RE
    if not _match(pattern, text):
        raise ValueError(value)
    digits = normalise_number(text, number_format)
    if len(digits.lstrip("-")) > MAX_INT_DIGITS:
        raise ValueError(value)
    return int(digits)


def parse_decimal(value: str, number_format: str = "id") -> Decimal:
    try:
        return Decimal(normalise_number(value, number_format))
    except InvalidOperation as exc:
        raise ValueError(value) from exc


def split_mark(value: str) -> tuple[str, str]:
    """``(number text, mark)`` of one cell: ``("", "-")`` for a missing-value mark,
    ``("230.040", "*")`` for a marked number, ``(value, "")`` otherwise."""
    text = value.strip()
    if text.lower() in MISSING_MARKS:
        return "", text
    match = re.match(MARKED_NUMBER_RE, text)
    if match:
        return match.group(1), match.group(2)
    return value, ""


def parse_date(value: str) -> dt.date:
    """ISO ``2024-08-17``, day first ``17/08/2024`` or ``17-08-2024``, or ``17 Agustus 2024``."""
    text = value.strip()
    if _match(ISO_DATE_RE, text):
        return dt.date.fromisoformat(text)
    if _match(DMY_DATE_RE, text):
        day, month, year = (int(p) for p in re.split(r"[/-]", text))
        return dt.date(year, month, day)
    if _match(NAMED_DATE_RE, text):
        day_text, name, year_text = re.split(r"[ -]", text)
        month_number = MONTHS.get(name.rstrip(".").lower())
        if month_number is None:
            raise ValueError(value)
        return dt.date(int(year_text), month_number, int(day_text))
    raise ValueError(value)


def parse_boolean(value: str) -> bool:
    token = value.strip().lower()
    if token in TRUE_TOKENS:
        return True
    if token in FALSE_TOKENS:
        return False
    raise ValueError(value)


def is_region_code(value: str) -> bool:
    return _match(REGION_RE, value.strip())


def parse_value(value: str, column_type: str, number_format: str = "id") -> object:
    """One cell as the Python value stored for ``column_type`` (None for an empty cell)."""
    if not value.strip():
        return None
    kind = ColumnType(column_type)
    if kind == ColumnType.INTEGER:
        return parse_integer(value, number_format)
    if kind == ColumnType.DECIMAL:
        return parse_decimal(value, number_format)
    if kind == ColumnType.DATE:
        return parse_date(value)
    if kind == ColumnType.BOOLEAN:
        return parse_boolean(value)
    if kind == ColumnType.REGION:
        return value.strip()
    return value
