"""Framework fixtures: a small definition for validation tests, the shipped files loaded once per module."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction

from lontar.assessments.definitions import FRAMEWORKS_DIR, read_definition
from lontar.assessments.services import framework_load

MINI_FILE = Path(__file__).parent / "data" / "mini.json"


@pytest.fixture
def mini() -> dict[str, Any]:
    """A fresh copy of the small valid definition (2 domains, 3 aspects, 5 indicators, thirds)."""
    return copy.deepcopy(json.loads(MINI_FILE.read_text(encoding="utf-8")))


@pytest.fixture
def write_definition(tmp_path: Path):
    """write_definition(data, name) -> path of a definition file in a temporary folder."""

    def _write(data: Any, name: str = "broken.json") -> Path:
        path = tmp_path / name
        path.write_text(json.dumps(data, ensure_ascii=False) if not isinstance(data, str) else data, encoding="utf-8")
        return path

    return _write


def load_shipped(*codes: str) -> None:
    for code in codes:
        path = FRAMEWORKS_DIR / f"{code}.json"
        framework_load(definition=read_definition(path), source_file=path.name)


@pytest.fixture(scope="module")
def shipped(django_db_setup, django_db_blocker):
    """The four shipped frameworks, loaded once per module and rolled back after it."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            load_shipped("spbe-2018", "spbe-2020", "pemdi-2026", "epss")
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
