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


def test_solr_queries_and_the_other_read_actions(site):
    done = ckanapi("action", "package_search", "q=puskesmas OR kabupaten", "-g", "-r", site)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["count"] == 2

    fq = "+(organization:test-diskominfo-ntt OR organization:lain) -tags:puskesmas metadata_modified:[NOW-1DAY TO *]"
    done = ckanapi("action", "package_search", f"fq={fq}", "fl=name", "-r", site)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["results"] == [{"name": "penduduk-kabkota"}]

    done = ckanapi("action", "current_package_list_with_resources", "limit:1", "-r", site)
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)) == 1

    done = ckanapi("action", "tag_show", "id=puskesmas", "include_datasets:true", "-r", site)
    assert done.returncode == 0, done.stderr
    tag = json.loads(done.stdout)
    assert tag["name"] == "puskesmas" and [p["name"] for p in tag["packages"]] == ["fasilitas-kesehatan"]

    done = ckanapi("action", "resource_search", "query=format:CSV", "-r", site)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["count"] == 2

    done = ckanapi("action", "package_autocomplete", "q=fasil", "-r", site)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)[0]["name"] == "fasilitas-kesehatan"

    done = ckanapi("action", "status_show", "-r", site)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["ckan_version"].startswith("2.")

    done = ckanapi("action", "package_search", "fq=(organization:a", "-r", site)
    assert done.returncode != 0 and "SearchQueryError" in (done.stderr + done.stdout)


def test_dump_organizations_and_groups(site):
    done = ckanapi("dump", "organizations", "--all", "-p", "1", "-q", "-r", site)
    assert done.returncode == 0, done.stderr
    assert "test-diskominfo-ntt" in {json.loads(line)["name"] for line in done.stdout.splitlines()}
    done = ckanapi("dump", "groups", "--all", "-p", "1", "-q", "-r", site)
    assert done.returncode == 0, done.stderr
    assert "kesehatan" in {json.loads(line)["name"] for line in done.stdout.splitlines()}
