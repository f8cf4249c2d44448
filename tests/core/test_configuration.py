"""Every environment variable the code reads is declared in config/env.py and documented."""

import re
from pathlib import Path

from config.env import VARIABLES

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")

# env("X") and env.<cast>("X"), os.environ["X"], os.environ.get("X"), os.getenv("X")
READ_PATTERNS = [
    re.compile(r"""\benv(?:\.\w+)?\(\s*["']([A-Z][A-Z0-9_]+)["']"""),
    re.compile(r"""os\.environ(?:\.get)?[\[(]\s*["']([A-Z][A-Z0-9_]+)["']"""),
    re.compile(r"""os\.getenv\(\s*["']([A-Z][A-Z0-9_]+)["']"""),
    re.compile(r"""environ\.setdefault\(\s*["']([A-Z][A-Z0-9_]+)["']"""),
]
SCANNED = ["config", "lontar", "manage.py", "Makefile"]


def variables_read_by_code() -> set[str]:
    found: set[str] = set()
    for entry in SCANNED:
        path = ROOT / entry
        files = [path] if path.is_file() else [p for p in path.rglob("*.py") if "migrations" not in p.parts]
        for file in files:
            text = file.read_text(encoding="utf-8")
            for pattern in READ_PATTERNS:
                found.update(pattern.findall(text))
    return found


def documented() -> set[str]:
    return set(re.findall(r"^\| `([A-Z][A-Z0-9_]+)` \|", DOC, flags=re.MULTILINE))


def test_every_variable_read_is_declared():
    missing = variables_read_by_code() - set(VARIABLES)
    assert not missing, f"read by the code but not declared in config/env.py VARIABLES: {sorted(missing)}"


def test_every_declared_variable_is_documented():
    missing = set(VARIABLES) - documented()
    assert not missing, f"declared but not documented in docs/configuration.md: {sorted(missing)}"


def test_documentation_lists_nothing_stale():
    stale = documented() - set(VARIABLES)
    assert not stale, f"documented but not declared in config/env.py: {sorted(stale)}"


def test_scanner_finds_known_reads():
    found = variables_read_by_code()
    assert {"DATABASE_URL", "LONTAR_SECRET_KEY", "LONTAR_REQUIRE_2FA"} <= found
