"""bench/datastore_scale.py cannot rot: its generator, the three query shapes, the CSV streams
and the report run here on a few hundred rows, in process (Django's test client)."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest
from django.test import Client

from tests.datastore.conftest import BOTH

SCRIPT = Path(__file__).resolve().parents[2] / "bench" / "datastore_scale.py"
ROWS = 300


def _script():
    spec = importlib.util.spec_from_file_location("bench_datastore_scale", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class ClientHttp:
    """The script's HTTP client, on Django's test client; memory of this process."""

    def __init__(self) -> None:
        self.client = Client()

    def get(self, path: str) -> tuple[int, bytes]:
        response = self.client.get(path.removeprefix("http://testserver"))
        return response.status_code, response.content

    def stream(self, path: str):
        response = self.client.get(path)
        assert response.status_code == 200 and response.streaming
        yield from response.streaming_content

    def memory_kib(self) -> dict[str, int]:
        return _script().proc_memory(os.getpid())


def test_arguments():
    scale = _script()
    args = scale.parse_args([])
    assert (args.rows, args.requests, args.main_db, args.store_db) == (
        20_000_000,
        40,
        "lontar_ds20m_main",
        "lontar_ds20m_ds",
    )
    token = scale.keyset_token("jumlah_penduduk", 9000, 15_000_000)
    assert "=" not in token and scale.percentiles([5.0, 1.0, 3.0])["p95_ms"] == 5.0


@pytest.mark.django_db(databases=BOTH, transaction=True)
def test_shapes_and_streams_on_a_few_hundred_rows(tmp_path, load, capsys):
    scale = _script()
    path = tmp_path / "desa.csv"
    scale.write_rows(path, ROWS, 200)  # 200 generated rows, then copies of them
    load(path, key=scale.RESOURCE)
    http = ClientHttp()
    codes = scale.first_codes(path)
    shapes = scale.run_shapes(http, f"/data/{scale.RESOURCE}.json", codes, ROWS, 10)
    assert set(shapes) == {"indexed equality", "deep keyset", "compound range"}
    assert shapes["indexed equality"]["n"] == 10 == shapes["compound range"]["n"]
    assert all(s["n"] >= 1 and s["p95_ms"] > 0 for s in shapes.values())
    stream = scale.run_stream(http, f"/data/{scale.RESOURCE}.csv", 100, ROWS)
    assert stream["first"]["rows"] == 100 and stream["whole"]["rows"] == ROWS
    result = {"rows": ROWS, "shapes": shapes, "stream": stream}
    lines = scale.report(result)
    assert any(line.startswith("indexed equality") for line in lines)
    assert any("CSV stream, whole table" in line and "met" in line for line in lines)
