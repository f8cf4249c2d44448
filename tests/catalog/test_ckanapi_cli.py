"""The real ``ckanapi`` client, as a subprocess, against a live Lontar server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.catalog.conftest import DB_COMMITTED

pytestmark = DB_COMMITTED

CKANAPI = str(Path(sys.executable).with_name("ckanapi"))


def ckanapi(*args: str) -> subprocess.CompletedProcess:
    # ``dump`` starts its workers as "ckanapi" from PATH
    env = {**os.environ, "PATH": f"{Path(CKANAPI).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    return subprocess.run([CKANAPI, *args], capture_output=True, text=True, timeout=120, check=False, env=env)


@pytest.fixture
def site(live_server, make_dataset):
    make_dataset("penduduk-kabkota", "Jumlah penduduk per kabupaten/kota")
    make_dataset("fasilitas-kesehatan", "Fasilitas kesehatan", topics=["kesehatan"], tags=["puskesmas"])
    return live_server.url


def test_action_package_search_show_and_organization_list(site):
    done = ckanapi("action", "package_search", "q=puskesmas", "-r", site)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["count"] == 1 and result["results"][0]["name"] == "fasilitas-kesehatan"

    done = ckanapi("action", "package_show", "id=penduduk-kabkota", "-r", site)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["title"] == "Jumlah penduduk per kabupaten/kota"

    done = ckanapi("action", "organization_list", "-r", site)
    assert done.returncode == 0, done.stderr
    assert "test-diskominfo-ntt" in json.loads(done.stdout)

    done = ckanapi("action", "package_search", 'facet.field:["groups"]', "rows:0", "-r", site)
    assert json.loads(done.stdout)["facets"]["groups"]["kesehatan"] == 1


def test_search_and_dump_all(site):
    done = ckanapi("search", "datasets", "-r", site)
    assert done.returncode == 0, done.stderr
    names = sorted(json.loads(line)["name"] for line in done.stdout.splitlines())
    assert names == ["fasilitas-kesehatan", "penduduk-kabkota"]

    done = ckanapi("dump", "datasets", "--all", "-p", "1", "-q", "-r", site)
    assert done.returncode == 0, done.stderr
    dumped = [json.loads(line) for line in done.stdout.splitlines()]
    assert sorted(d["name"] for d in dumped) == names
    assert all(d["resources"] for d in dumped)


def test_errors_reach_the_client_as_ckan_exceptions(site):
    done = ckanapi("action", "package_show", "id=tidak-ada", "-r", site)
    assert done.returncode != 0 and "NotFound" in (done.stderr + done.stdout)
    done = ckanapi("action", "package_search", "start=-1", "-r", site)
    assert done.returncode != 0 and "ValidationError" in (done.stderr + done.stdout)
