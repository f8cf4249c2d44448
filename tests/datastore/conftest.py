"""Fixtures of the datastore tests: a few real region codes, files written on the fly, loads."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from lontar.datastore.models import DatastoreTable
from lontar.datastore.services import datastore_activate, datastore_ingest, datastore_set_public
from lontar.organisations.models import Region, RegionLevel

#: real Kemendagri codes used by the test files
CODES = {
    "53": ("Nusa Tenggara Timur", RegionLevel.PROVINSI, None),
    "53.01": ("Kabupaten Kupang", RegionLevel.KABUPATEN, "53"),
    "53.71": ("Kota Kupang", RegionLevel.KOTA, "53"),
    "53.01.04": ("Semau", RegionLevel.KECAMATAN, "53.01"),
    "53.01.04.2003": ("Bokonusan", RegionLevel.DESA, "53.01.04"),
    "53.01.04.2004": ("Uitao", RegionLevel.DESA, "53.01.04"),
}
BOTH = ["default", "datastore"]


def pytest_configure(config: Any) -> None:
    config.addinivalue_line("markers", "slow: a test that takes several seconds (100 MB ingest, killed worker)")


@pytest.fixture
def regions(db: Any) -> list[str]:
    for code, (name, level, parent) in CODES.items():
        Region.objects.get_or_create(code=code, defaults={"name": name, "level": level, "parent_id": parent})
    return list(CODES)


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """write(text | bytes, name="data.csv", encoding="utf-8") -> path of a new file."""

    def _write(content: str | bytes, name: str = "data.csv", encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
        return path

    return _write


@pytest.fixture
def load(regions: list[str]) -> Callable[..., DatastoreTable]:
    """load(path, key="uji/tabel", public=True, activate=True, **kwargs) -> the loaded table."""

    def _load(
        path: Path, key: str = "uji/tabel", *, activate: bool = True, public: bool = True, **kwargs: Any
    ) -> DatastoreTable:
        table = datastore_ingest(actor=None, path=path, resource_key=key, **kwargs)
        if public:
            table = datastore_set_public(actor=None, table=table, is_public=True)
        if activate:
            table = datastore_activate(actor=None, table=table)
        return table

    return _load
