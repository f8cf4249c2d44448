"""bench/katalog.py cannot rot: its generator and every timed part run here on a few sites."""

from __future__ import annotations

import datetime as dt
import importlib.util
import io
from pathlib import Path

import pytest
from django.core.management import call_command

from lontar.konektivitas.models import Connection, Measurement, Site, SiteWeeklyStatus
from lontar.konektivitas.selectors.sites import forget_boundaries

SCRIPT = Path(__file__).resolve().parents[2] / "bench" / "katalog.py"


def _script():
    spec = importlib.util.spec_from_file_location("bench_katalog", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_arguments():
    katalog = _script()
    full = katalog.parse_args([])
    assert (full.sites, full.measurements, full.part) == (100_000, 10_000_000, list(katalog.PARTS))
    smoke = katalog.parse_args(["--smoke", "--part", "pages"])
    assert smoke.sites == 300 and smoke.part == ["pages"]


@pytest.mark.django_db
def test_every_part_runs_on_a_few_sites(tmp_path, capsys):
    katalog = _script()
    call_command("load_regions", stdout=io.StringIO())
    call_command("load_organisations", stdout=io.StringIO())
    forget_boundaries()  # the outlines another test cached in this process are not these
    args = katalog.parse_args(["--smoke"])
    args.sites, args.measurements, args.repeat = 120, 1200, 2
    result = katalog.run_parts(args, tmp_path, today=dt.date(2026, 12, 9))
    # the import service took every generated site, each check passed
    assert result["rows"] == result["created"] == 120 and result["error_rows"] == 0
    assert Site.objects.count() == 120 and Connection.objects.count() == 240 == result["connections"]
    assert result["measurements"] == 1200 <= Measurement.objects.count()  # + the API ingest
    assert result["sites"] == 120 and result["week"] == "2026-11-30"
    assert SiteWeeklyStatus.objects.filter(week=dt.date(2026, 11, 30)).count() == 120
    assert result["pages"]["province"]["p95_ms"] > 0 and result["pages"]["kabupaten_cold"]["p50_ms"] > 0
    assert result["ingest_per_s"] > 0 and result["ingest_single_per_s"] > 0
    result["setup_s"] = 0.0
    katalog.report(result)
    printed = capsys.readouterr().out
    assert "import 120 sites" in printed and "weekly recompute" in printed and "ingest by API" in printed
    assert isinstance(katalog.verdict(result), list)
