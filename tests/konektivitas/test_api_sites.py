"""/api/v1/katalog/titik, /titik/{kode}/koneksi and /cakupan: public reads without contracts, token
writes through the services (problem+json, Indonesian messages)."""

from __future__ import annotations

import pytest
from django.test import Client

from lontar.accounts.models import Role
from lontar.accounts.tokens import api_token_create
from lontar.konektivitas.models import Connection, Site
from lontar.konektivitas.services.coverage import coverage_upsert
from tests.konektivitas.sites_helpers import IN_KAB, IN_SEA, KAB_DESA, desa, outlines

API = "/api/v1/katalog"


def token_client(user) -> Client:
    _token, raw = api_token_create(actor=user, name="uji")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


@pytest.fixture
def tik(province, login):
    outlines()
    desa(KAB_DESA)
    _, user = login(province["kabupaten"], Role.PENGELOLA_TIK)
    return user


def create(client, province, **extra):
    body = {
        "code": "API-1",
        "name": "Kantor Desa Uji",
        "kind": "kantor_desa",
        "desa": KAB_DESA,
        "lat": IN_KAB[0],
        "lng": IN_KAB[1],
        "organisation": province["kabupaten_opd"].slug,
        **extra,
    }
    return client.post(f"{API}/titik", body, content_type="application/json")


def test_token_writes_and_public_reads(province, tik, login):
    client = token_client(tik)
    sea = create(client, province, lat=IN_SEA[0], lng=IN_SEA[1])
    assert sea.status_code == 422 and sea["Content-Type"].startswith("application/problem+json")
    assert "laut" in sea.content.decode() and not Site.objects.exists()
    assert create(Client(), province).status_code == 401
    response = create(client, province)
    assert response.status_code == 201 and response.json()["kabupaten"] == "53.01"
    response = client.post(
        f"{API}/titik/API-1/koneksi",
        {"technology_raw": "Telkomsel Flash", "download_contracted_mbps": 10, "monthly_cost": "350000"},
        content_type="application/json",
    )
    assert response.status_code == 201 and response.json()["technology"] == "seluler"
    assert Connection.objects.get().monthly_cost == 350000
    patched = client.patch(f"{API}/titik/API-1", {"name": "Kantor Desa Oelnasi"}, content_type="application/json")
    assert patched.status_code == 200 and patched.json()["name"] == "Kantor Desa Oelnasi"

    anonymous = Client()
    listed = anonymous.get(f"{API}/titik", {"kabupaten": "53.01", "jenis": "kantor_desa"}).json()
    assert [s["code"] for s in listed["items"]] == ["API-1"]
    assert anonymous.get(f"{API}/titik", {"kabupaten": "53.71"}).json()["items"] == []
    assert anonymous.get(f"{API}/titik/API-1").json()["name"] == "Kantor Desa Oelnasi"
    assert anonymous.get(f"{API}/titik/NONE").status_code == 404
    public = anonymous.get(f"{API}/titik/API-1/koneksi").json()[0]
    assert public["technology"] == "seluler" and public["monthly_cost"] is None
    assert public["download_contracted_mbps"] is None
    internal = client.get(f"{API}/titik/API-1/koneksi").json()[0]
    assert internal["download_contracted_mbps"] == 10 and internal["monthly_cost"] is not None
    # a manager of another kabupaten sees the public fields and may not write
    _, other = login(province["kota"], Role.PENGELOLA_TIK)
    other_client = token_client(other)
    assert other_client.get(f"{API}/titik/API-1/koneksi").json()[0]["monthly_cost"] is None
    assert other_client.patch(f"{API}/titik/API-1", {"name": "x"}, content_type="application/json").status_code == 404


def test_coverage(province, tik):
    client = token_client(tik)
    body = {"desa": KAB_DESA, "year": 2024, "source": "podes", "internet_signal": "tidak_ada", "phone_signal": "lemah"}
    response = client.post(f"{API}/cakupan", body, content_type="application/json")
    assert response.status_code == 200 and response.json()["kabupaten"] == "53.01"
    bad = client.post(f"{API}/cakupan", {**body, "desa": "53.01.01.2999"}, content_type="application/json")
    assert bad.status_code == 422
    items = Client().get(f"{API}/cakupan", {"kabupaten": "53.01"}).json()["items"]
    assert [(i["desa"], i["internet_signal"]) for i in items] == [(KAB_DESA, "tidak_ada")]
    coverage_upsert(actor=tik, desa_code=KAB_DESA, year=2021, source="podes", internet_signal="4g")
    assert len(Client().get(f"{API}/cakupan", {"tahun": 2021}).json()["items"]) == 1
