"""bench/scale.py cannot rot: its bulk catalogue seeder, every catalogue shape and the table run
here on a few datasets, in process; the evaluation and PPID parts' tables on their scripts' results."""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path

import pytest

from lontar.catalog.models import CatalogEntry, Dataset, EntryFormat, EntryYear
from lontar.catalog.services.entries import entry_values
from tests.catalog.conftest import DB

BENCH = Path(__file__).resolve().parents[2] / "bench"


def _script(monkeypatch):
    monkeypatch.syspath_prepend(str(BENCH))  # the script imports benchlib and catalog_search
    spec = importlib.util.spec_from_file_location("bench_scale", BENCH / "scale.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_arguments(monkeypatch):
    scale = _script(monkeypatch)
    full = scale.parse_args([])
    assert (full.datasets, full.requests, full.instansi, full.years) == (100_000, 1_000_000, 600, 5)
    assert full.parts == list(scale.PARTS)
    assert scale.parse_args(["--parts", "ppid"]).parts == ["ppid"]
    with pytest.raises(SystemExit):
        scale.parse_args(["--parts", "datastore"])


@DB
def test_seeded_entries_are_the_apps_and_every_catalogue_shape_answers(monkeypatch, urusan_topics, capsys):
    scale = _script(monkeypatch)
    seeded = scale.seed_catalog(30, random.Random(4))
    assert seeded["seeded"] == 30 and Dataset.objects.count() == CatalogEntry.objects.count() == 30
    for entry in CatalogEntry.objects.select_related("dataset", "version")[:5]:
        values = entry_values(entry.dataset, entry.version, entry.metadata_modified)
        assert sorted(entry.years.values_list("year", flat=True)) == values.pop("_years")
        assert list(entry.formats.values_list("format", flat=True)) == values.pop("_formats")
        assert {k: getattr(entry, k) for k in values} == values
        assert entry.topics.count() == 2 and entry.tags.count() == 3
    assert EntryYear.objects.exists() and EntryFormat.objects.count() == 30

    catalog_search = sys.modules["catalog_search"]
    shapes = {name: urls[:2] for name, urls in scale.catalog_shapes(30, random.Random(7)).items()}
    assert any(n.startswith("dcat:") for n in shapes) and any("fq" in n for n in shapes)
    monkeypatch.setattr(catalog_search, "shapes", lambda _rng: shapes)
    results = catalog_search.measure(2, "", random.Random(7), after_change=1)  # every answer is a 200
    assert set(results) == set(shapes)
    rows = scale.catalog_rows({"datasets": 30, "loadavg_before": "1 1 1", "loadavg_after": "1 1 1", "results": results})
    assert len(rows) == 2 * len(shapes)
    scale.print_table(rows)
    assert "dcat: catalog.ttl any page (cold)" in capsys.readouterr().out


def test_tables_of_the_evaluation_and_ppid_parts(monkeypatch, capsys):
    scale = _script(monkeypatch)
    import evaluation
    import ppid

    timing = {"p50_ms": 10.0, "p95_ms": 20.0, "max_ms": 30.0}
    evl = {
        "db": "postgresql", "instansi_per_year": 600, "years": 5, "levels": 141_000, "submissions": 3000,
        "indices": 39_000, "mismatches": 0, "load_s": 1.0, "recompute_s": 0.5, "recompute_runs_s": [0.5],
        "province_dashboard": timing, "national_ranking": {**timing, "p95_ms": 400.0},
        "national_heatmap_query": timing, "national_dashboard": timing,
    }  # fmt: skip
    monkeypatch.setattr(evaluation, "run_child", lambda *a: evl)
    _result, rows = scale.run_evaluation(scale.parse_args(["--parts", "evaluation"]))
    assert [r[4] for r in rows] == [True, True, False]  # the ranking's 400 ms misses its 300 ms
    pdf = {"available": True, "year": 2025, "compute_s": 1.0, "total_s": 12.0, "runs_s": [12.0], "pdf_bytes": 1}
    deadlines = {"open_requests": 1, "deadlines_for_s": 0.1, "deadlines_for_per_s": 10, "add_working_days_per_s": 10}
    run = {
        "db": "postgresql", "requests": 1_000_000, "years": 5, "first_received": "2021-12-08", "events": 1,
        "notices": 1, "extended": 1, "objections": 1, "load_s": 1.0, "gc_tuned": True, "by_status": {},
        "pages": {key: timing for key in ppid.PAGES}, "report_pdf": pdf, "deadlines": deadlines,
    }  # fmt: skip
    monkeypatch.setattr(ppid, "run_child", lambda *a: run)
    _result, rows = scale.run_ppid(scale.parse_args(["--parts", "ppid"]))
    assert len(rows) == len(ppid.PAGES) + 1 and rows[-1][4] is False  # the report's 12 s misses 10 s
    scale.print_table(rows)
    assert "staff_register_last p95" in capsys.readouterr().out
