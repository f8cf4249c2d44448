"""Fails when any Indonesian catalogue has an untranslated or fuzzy entry (ADR 0003).

Run as ``python -m lontar.core.i18n_check``; a test runs it too.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


@dataclass
class Entry:
    flags: set[str] = field(default_factory=set)
    msgid: str = ""
    msgstrs: list[str] = field(default_factory=list)
    obsolete: bool = False


def catalogues() -> list[Path]:
    found = list(ROOT.glob("locale/id/LC_MESSAGES/*.po"))
    found += list(ROOT.glob("lontar/*/locale/id/LC_MESSAGES/*.po"))
    return sorted(found)


def _unquote(text: str) -> str:
    text = text.strip()
    return text[1:-1] if len(text) >= 2 and text[0] == text[-1] == '"' else text


def _feed(current: Entry, target: str | None, line: str) -> str | None:
    """Apply one non-blank line to the entry being read; return what continuation lines extend."""
    if line.startswith("#~"):
        current.obsolete = True
    elif line.startswith("#,"):
        current.flags.update(f.strip() for f in line[2:].split(","))
    elif line.startswith("#"):
        return target
    elif line.startswith("msgid_plural "):
        return "plural"
    elif line.startswith("msgid "):
        current.msgid = _unquote(line[6:])
        return "msgid"
    elif line.startswith("msgstr"):
        current.msgstrs.append(_unquote(line.split(" ", 1)[1]))
        return "msgstr"
    elif line.startswith('"') and target == "msgid":
        current.msgid += _unquote(line)
    elif line.startswith('"') and target == "msgstr":
        current.msgstrs[-1] += _unquote(line)
    return target


def parse(path: Path) -> list[Entry]:
    entries: list[Entry] = []
    current = Entry()
    target: str | None = None
    for raw in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = raw.strip()
        if line:
            target = _feed(current, target, line)
            continue
        if target is not None:
            entries.append(current)
        current, target = Entry(), None
    return entries


def _display(path: Path) -> str:
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


def problems(path: Path) -> list[str]:
    """Entries with an empty msgstr or a fuzzy flag (the header entry excepted)."""
    out: list[str] = []
    for entry in parse(path):
        if entry.obsolete or entry.msgid == "":
            continue
        if "fuzzy" in entry.flags:
            out.append(f"{_display(path)}: fuzzy: {entry.msgid[:70]!r}")
        elif not entry.msgstrs or any(s == "" for s in entry.msgstrs):
            out.append(f"{_display(path)}: untranslated: {entry.msgid[:70]!r}")
    return out


def main() -> int:
    found = catalogues()
    if not found:
        print("no Indonesian catalogues found")
        return 1
    issues = [p for c in found for p in problems(c)]
    for line in issues:
        print(line)
    print(f"{len(found)} catalogues, {len(issues)} problems")
    return 1 if issues else 0


if __name__ == "__main__":
    sys.exit(main())
