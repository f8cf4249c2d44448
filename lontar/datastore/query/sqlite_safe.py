"""Bounded-cost stand-ins for SQLite functions that can hold a core for seconds in one call.

SQLite checks its progress handler and interrupts between virtual-machine steps, never inside a
function, so one call must be cheap whatever its arguments. Measured with 1 MB values on SQLite
3.40: ``printf('%.*c', 2000000000, 'x')`` ran ~12 s (the precision loop ignores the length
limit), ``instr`` and ``replace`` with a long pattern ~39 s (a byte-by-byte search). On the
read-only connection these names are replaced by the functions below:

* ``printf``/``format``: a width or precision over :data:`MAX_WIDTH` (written or given by ``*``)
  is refused; otherwise SQLite's own ``printf`` formats the call on a private in-memory
  connection, so the output is exactly SQLite's.
* ``instr``/``replace``: text or blob arguments are searched with Python's string search (linear
  time); other argument types go to SQLite's own function unless both are long.
* ``trim``/``ltrim``/``rtrim`` with a set of characters: SQLite compares every character of the
  value with every character of the set (40,000 characters each: ~20 s in one call; 1 MB and a
  set of 80,000: minutes); the stand-in strips with a Python set (linear time). The one-argument forms
  (spaces) stay SQLite's own.

A refusal raises :class:`FunctionRefused` and is remembered per thread (SQLite only reports "user-
defined function raised exception"), so the engine can say which limit was hit.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from typing import Any

MAX_WIDTH = 1000
#: above this length both arguments of a search are "long" (SQLite's search is O(n·m))
LONG = 1000
_DIRECTIVE = re.compile(r"%([-+ 0#,!]*)(\*|[0-9]+)?(?:\.(\*|[0-9]*))?(l{0,2})(.?)", re.S)
_LEADING_INT = re.compile(r"\s*([-+]?[0-9]+)")


class FunctionRefused(Exception):
    def __init__(self, reason: str, detail: str = "") -> None:
        self.reason = reason
        self.detail = detail
        super().__init__(f"{reason}: {detail}")


def _as_int(value: Any) -> int:
    """The integer SQLite's ``sqlite3_value_int64`` would read (enough to compare with a bound)."""
    if isinstance(value, bool | int):
        return int(value)
    if isinstance(value, float):
        return int(value) if abs(value) < 1e18 else 10**18
    if isinstance(value, bytes | memoryview):
        value = bytes(value).decode("utf-8", "replace")
    if isinstance(value, str):
        match = _LEADING_INT.match(value)
        if match:
            digits = match.group(1)
            return int(digits) if len(digits.lstrip("+-")) <= 18 else 10**18
    return 0


def check_format(fmt: Any, args: tuple[Any, ...]) -> None:
    """Refuse a ``printf`` format whose widths or precisions exceed :data:`MAX_WIDTH`."""
    if isinstance(fmt, bytes | memoryview):
        fmt = bytes(fmt).decode("utf-8", "replace")
    if not isinstance(fmt, str):
        return
    position = 0
    for match in _DIRECTIVE.finditer(fmt):
        _flags, width, precision, _size, kind = match.groups()
        if kind == "%":
            continue
        for part in (width, precision):
            if part == "*":
                amount = _as_int(args[position]) if position < len(args) else 0
                position += 1
            else:
                amount = int(part) if part and len(part) <= 9 else (10**9 if part else 0)
            if abs(amount) > MAX_WIDTH:
                raise FunctionRefused("width", str(MAX_WIDTH))
        position += 1


#: the characters a trim removes: (from the start, from the end)
_TRIMS = {"trim": (True, True), "ltrim": (True, False), "rtrim": (False, True)}
#: up to this many distinct characters, str.strip (C, O(value x set)) is faster than a set lookup
_STRIP_SET = 64


def strip_chars(text: str, chars: str, sides: tuple[bool, bool]) -> str:
    """``text`` without the leading/trailing characters of ``chars``, in time linear in both."""
    members = set(chars)
    if len(members) <= _STRIP_SET:
        kept = "".join(members)
        text = text.lstrip(kept) if sides[0] else text
        return text.rstrip(kept) if sides[1] else text
    start, end = 0, len(text)
    while sides[0] and start < end and text[start] in members:
        start += 1
    while sides[1] and end > start and text[end - 1] in members:
        end -= 1
    return text[start:end]


def _length(value: Any) -> int:
    return len(value) if isinstance(value, str | bytes | memoryview) else 0


class SafeFunctions:
    """Installs the stand-ins on a connection; ``begin(cap)`` sets the per-value limit of a query."""

    def __init__(self) -> None:
        self.local = threading.local()

    def install(self, conn: sqlite3.Connection) -> None:
        conn.create_function("printf", -1, self.printf, deterministic=True)
        conn.create_function("format", -1, self.printf, deterministic=True)
        conn.create_function("instr", 2, self.instr, deterministic=True)
        conn.create_function("replace", 3, self.replace, deterministic=True)
        for name, sides in _TRIMS.items():
            conn.create_function(name, 2, self._trimmer(name, sides), deterministic=True)

    def begin(self, value_cap: int) -> None:
        self.local.cap = value_cap
        self.local.refused = None

    def refused(self) -> FunctionRefused | None:
        return getattr(self.local, "refused", None)

    def _builtin(self) -> sqlite3.Connection:
        conn = getattr(self.local, "builtin", None)
        if conn is None:
            conn = sqlite3.connect(":memory:", check_same_thread=False)
            self.local.builtin = conn
        conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, self._cap())
        return conn

    def _cap(self) -> int:
        return int(getattr(self.local, "cap", 1_000_000))

    def _refuse(self, reason: str, detail: str) -> FunctionRefused:
        self.local.refused = FunctionRefused(reason, detail)
        return self.local.refused

    def _call(self, name: str, *args: Any) -> Any:
        placeholders = ", ".join("?" for _arg in args)
        try:
            return self._builtin().execute(f"SELECT {name}({placeholders})", args).fetchone()[0]
        except sqlite3.DataError as exc:
            raise self._refuse("value", str(self._cap())) from exc

    def printf(self, fmt: Any = None, *args: Any) -> Any:
        try:
            check_format(fmt, args)
        except FunctionRefused as exc:
            raise self._refuse(exc.reason, exc.detail) from exc
        return self._call("printf", fmt, *args)

    def instr(self, haystack: Any, needle: Any) -> Any:
        if haystack is None or needle is None:
            return None
        if isinstance(haystack, str) and isinstance(needle, str):
            return haystack.find(needle) + 1
        if isinstance(haystack, bytes) and isinstance(needle, bytes):
            return haystack.find(needle) + 1
        if _length(haystack) > LONG and _length(needle) > LONG:
            raise self._refuse("search", str(LONG))
        return self._call("instr", haystack, needle)

    def replace(self, text: Any, old: Any, new: Any) -> Any:
        if text is None or old is None or new is None:
            return None
        if isinstance(text, str) and isinstance(old, str) and isinstance(new, str):
            if not old:
                return text
            count = text.count(old)
            if count and len(text) + count * (len(new) - len(old)) > self._cap():
                raise self._refuse("value", str(self._cap()))
            return text.replace(old, new)
        if _length(text) > LONG and _length(old) > LONG:
            raise self._refuse("search", str(LONG))
        return self._call("replace", text, old, new)

    def _trimmer(self, name: str, sides: tuple[bool, bool]) -> Any:
        def trim(text: Any, chars: Any) -> Any:
            if text is None or chars is None:
                return None
            if isinstance(text, str) and isinstance(chars, str):
                return strip_chars(text, chars, sides)
            if _length(text) > LONG and _length(chars) > LONG:
                raise self._refuse("search", str(LONG))
            return self._call(name, text, chars)

        return trim
