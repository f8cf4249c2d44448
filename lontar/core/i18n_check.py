"""Fails when any Indonesian catalogue has an untranslated or fuzzy entry.

Run as ``python -m lontar.core.i18n_check``; also called by a test.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def catalogues() -> list[Path]:
    found = [p for p in ROOT.glob("locale/id/LC_MESSAGES/*.po")]
    found += [p for p in ROOT.glob("lontar/*/locale/id/LC_MESSAGES/*.po")]
    return sorted(found)


def problems(path: Path) -> list[str]:
    """Entries with an empty msgstr or a fuzzy flag (the header entry excepted)."""
    out: list[str] = []
    entries = path.read_text(encoding="utf-8").split("\n\n")
    for entry in entries:
        lines = [ln for ln in entry.strip().splitlines() if ln.strip()]
        if not lines or any(ln.startswith("#~") for ln in lines):
            continue
        msgid = _collect(lines, "msgid ")
        if msgid == "":
            continue  # header
        fuzzy = any(ln.startswith("#,") and "fuzzy" in ln for ln in lines)
        plural = any(ln.startswith("msgstr[") for ln in lines)
        if plural:
            empty = any(ln.strip() == f'msgstr[{i}] ""' and _collect_from(lines, ln) == "" for i, ln in enumerate(lines))
        else:
            empty = _collect(lines, "msgstr ") == ""
        if fuzzy or empty:
            out.append(f"{path.relative_to(ROOT)}: {'fuzzy' if fuzzy else 'untranslated'}: {msgid[:70]!r}")
    return out


def _collect(lines: list[str], key: str) -> str | None:
    for i, ln in enumerate(lines):
        if ln.startswith(key):
            return _collect_from(lines, lines[i])
    return None


def _collect_from(lines: list[str], start: str) -> str:
    i = lines.index(start)
    parts = [start.split(" ", 1)[1].strip()[1:-1]]
    for ln in lines[i + 1 :]:
        if not ln.startswith('"'):
            break
        parts.append(ln.strip()[1:-1])
    return "".join(parts)


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
