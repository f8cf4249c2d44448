"""The import-linter contracts of ARCHITECTURE.md (pyproject.toml, run by `make check`) hold on
the code, and fail when a module imports across a wall: each case copies the Python files to a
temporary directory, adds one import there, and runs ``lint-imports`` on the copy."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = str(Path(sys.executable).with_name("lint-imports"))
LAYERS = "Layers: an app imports only the layers below it"
INDEPENDENCE = "Domain apps: independent but for the declared edges"


def _copy(target: Path) -> Path:
    for package in ("lontar", "config"):
        shutil.copytree(
            ROOT / package,
            target / package,
            ignore=lambda _dir, names: [n for n in names if not n.endswith(".py") and "." in n],
        )
    shutil.copy(ROOT / "pyproject.toml", target / "pyproject.toml")
    return target


def _lint(tree: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    return subprocess.run([LINT_IMPORTS, "--no-cache"], cwd=tree, env=env, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _copy(tmp_path_factory.mktemp("layers"))


def test_the_code_keeps_every_contract(tree: Path) -> None:
    done = _lint(tree)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert f"{LAYERS} KEPT" in done.stdout and f"{INDEPENDENCE} KEPT" in done.stdout


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        # the bottom of the stack imports nothing above it
        ("lontar/core/models.py", "from lontar.accounts import permissions", LAYERS),
        ("lontar/audit/services.py", "from lontar.organisations.models import Organisation", LAYERS),
        ("lontar/organisations/services.py", "import lontar.accounts.permissions", LAYERS),
        # a domain app never imports the one above it, nor the demo, nor the settings
        ("lontar/datastore/services/__init__.py", "from lontar.catalog import models", LAYERS),
        ("lontar/catalog/models/__init__.py", "from lontar.ppid import models", LAYERS),
        ("lontar/calendar/workdays.py", "from lontar.demo import apps", LAYERS),
        ("lontar/core/views.py", "from config import urls", LAYERS),
        # an import inside a function counts as well
        ("lontar/audit/verify.py", "def _f():\n    from lontar.accounts.models import User", LAYERS),
        # domain apps: only the declared edges
        ("lontar/ppid/models/__init__.py", "from lontar.evaluations import models", INDEPENDENCE),
        ("lontar/catalog/models/__init__.py", "from lontar.calendar import workdays", INDEPENDENCE),
        ("lontar/assessments/models.py", "from lontar.datastore import models", INDEPENDENCE),
    ],
)
def test_an_import_across_a_wall_breaks_make_check(tmp_path: Path, module: str, line: str, contract: str) -> None:
    tree = _copy(tmp_path)
    path = tree / module
    assert path.exists(), module
    path.write_text(path.read_text(encoding="utf-8") + f"\n\n{line}  # noqa\n", encoding="utf-8")
    done = _lint(tree)
    assert done.returncode == 1, done.stdout[-3000:] + done.stderr[-2000:]
    assert f"{contract} BROKEN" in done.stdout
