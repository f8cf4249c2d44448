"""The Nu Html Checker (vnu.jar, https://validator.github.io/validator/) run once over many pages.

The jar comes from the ``vnu-jar`` npm package, installed by ``make tools`` into
tools/node/node_modules (tools/node/package-lock.json pins it); Java 17 runs it. The JVM starts
slowly, so every page goes into one temporary directory and one ``java -jar vnu.jar`` call.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = ROOT / "tools/node/node_modules/vnu-jar/build/dist/vnu.jar"
#: local runs may skip (never CI: .ci/run installs Java and the jar)
ALLOW_SKIP = "LONTAR_ALLOW_SKIP_VNU"


@dataclass(frozen=True)
class Message:
    page: str
    line: int | None
    column: int | None
    text: str
    extract: str

    def __str__(self) -> str:
        where = f"line {self.line}" + (f":{self.column}" if self.column else "") if self.line else "?"
        extract = " ".join(self.extract.split())[:160]
        return f"{self.page} ({where}): {self.text}\n      {extract}"


def require_vnu() -> list[str]:
    """The command line prefix that runs vnu.jar; fails (skips only with LONTAR_ALLOW_SKIP_VNU=1)
    when Java or the jar is missing."""
    java = shutil.which("java")
    missing = []
    if java is None:
        missing.append("java (Debian package openjdk-17-jre-headless)")
    if not VNU_JAR.exists():
        missing.append(f"{VNU_JAR.relative_to(ROOT)} (run `make tools`: npm ci of tools/node)")
    if missing:
        message = "The HTML check needs " + " and ".join(missing) + "."
        if os.environ.get(ALLOW_SKIP) == "1":
            pytest.skip(message + f" Skipped because {ALLOW_SKIP}=1.")
        pytest.fail(message + f" Set {ALLOW_SKIP}=1 to skip it on a machine without them.")
    assert java is not None
    return [java, "-Xss4m", "-jar", str(VNU_JAR)]


def _file_name(index: int, label: str) -> str:
    return f"{index:03d}-{re.sub(r'[^A-Za-z0-9_.-]+', '-', label).strip('-')[:80]}.html"


def check(pages: dict[str, str]) -> list[Message]:
    """Validate every page (label → HTML) in one vnu run; the errors found, with page and line."""
    command = require_vnu()
    with tempfile.TemporaryDirectory(prefix="lontar-vnu-") as directory:
        by_file: dict[str, str] = {}
        for index, (label, html) in enumerate(pages.items()):
            name = _file_name(index, label)
            (Path(directory) / name).write_text(html, encoding="utf-8")
            by_file[name] = label
        done = subprocess.run(
            [*command, "--errors-only", "--format", "json", "--exit-zero-always", *sorted(by_file)],
            cwd=directory,
            capture_output=True,
            text=True,
            timeout=600,
        )
    try:
        report = json.loads(done.stderr or done.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"vnu.jar gave no JSON report (exit {done.returncode}):\n{done.stderr[-2000:]}")
    messages = []
    for item in report.get("messages", []):
        if item.get("type") not in ("error", "non-document-error"):
            continue
        url = item.get("url", "?")
        page = by_file.get(url.rsplit("/", 1)[-1], url)
        messages.append(
            Message(
                page, item.get("lastLine"), item.get("firstColumn"), item.get("message", ""), item.get("extract", "")
            )
        )
    return messages
