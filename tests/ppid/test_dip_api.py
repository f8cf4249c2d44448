"""Public API of the DIP and of the exempt information; sample DIP entries (idempotent)."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from lontar.accounts.models import Role
from lontar.organisations.models import Organisation, OrganisationKind, Region, RegionLevel
from lontar.ppid.models import DipCategory, DipEntry
from lontar.ppid.services.dip import dip_entry_create
from tests.ppid.dip_fixtures import entry_data, make_dataset, make_test

pytestmark = pytest.mark.django_db
BASE = "/api/v1/ppid"


@pytest.fixture
def listed(bodies, login, province):
    _, ppid = login(bodies["province"].organisation, Role.PPID)
    test = make_test(bodies["province"])
    public = make_dataset(province["province_opd"], "data-publik", public=True)
    hidden = make_dataset(province["province_opd"], "data-draf", public=False)
    for i in range(5):
        dip_entry_create(actor=ppid, body=bodies["province"], data=entry_data(number=f"00{i}", year=2020 + i))
    dip_entry_create(actor=ppid, body=bodies["province"], data=entry_data(number="P", dataset=public))
    dip_entry_create(actor=ppid, body=bodies["province"], data=entry_data(number="H", dataset=hidden))
    dip_entry_create(
        actor=ppid,
        body=bodies["province_opd"],
        data=entry_data(
            number="X", category=DipCategory.DIKECUALIKAN, consequence_test=make_test(bodies["province_opd"])
        ),
    )
    return test


def test_dip_list_filters_and_keyset_pages(client, listed, bodies):
    response = client.get(f"{BASE}/dip", {"limit": 3})
    assert response.status_code == 200
    page = response.json()
    assert len(page["items"]) == 3 and page["next_cursor"]
    seen = [e["id"] for e in page["items"]]
    while page["next"]:
        page = client.get(page["next"]).json()
        seen += [e["id"] for e in page["items"]]
    assert seen == sorted(seen) and len(seen) == DipEntry.objects.count() == 8
    item = client.get(f"{BASE}/dip", {"year": 2022}).json()["items"]
    assert [e["number"] for e in item] == ["002"]
    assert set(item[0]) >= {"summary", "holder", "responsible", "made_when", "form", "retention", "category"}
    exempt = client.get(f"{BASE}/dip", {"category": "dikecualikan"}).json()["items"]
    assert [e["body_slug"] for e in exempt] == [bodies["province_opd"].slug]
    assert exempt[0]["consequence_test_id"] and exempt[0]["document_url"] is None
    by_body = client.get(f"{BASE}/dip", {"body": bodies["province_opd"].slug}).json()["items"]
    assert [e["number"] for e in by_body] == ["X"]
    assert client.get(f"{BASE}/dip", {"body": "tidak-ada"}).json()["items"] == []
    links = {e["number"]: e["dataset_url"] for e in client.get(f"{BASE}/dip").json()["items"]}
    assert links["P"].endswith("/dataset/data-publik/") and links["H"] is None
    assert "data-draf" not in client.get(f"{BASE}/dip").content.decode()


@pytest.mark.parametrize(
    "params",
    [{"category": "rahasia"}, {"year": 1800}, {"year": "abc"}, {"limit": 0}, {"limit": 10_000}, {"cursor": "!!"}],
)
def test_dip_bad_parameters_are_problem_json(client, listed, params):
    response = client.get(f"{BASE}/dip", params)
    assert 400 <= response.status_code < 500
    assert response["Content-Type"].startswith("application/problem+json")


def test_exempt_information_list(client, listed, bodies):
    page = client.get(f"{BASE}/dikecualikan").json()
    assert len(page["items"]) == 2
    first = next(i for i in page["items"] if i["id"] == listed.pk)
    assert first["ground"] == "h" and first["ground_label"].startswith("h.")
    assert first["closed_until"] == "2040-01-01" and first["harm"]
    assert "created_by" not in first
    only = client.get(f"{BASE}/dikecualikan", {"body": bodies["province_opd"].slug}).json()["items"]
    assert len(only) == 1 and only[0]["body_slug"] == bodies["province_opd"].slug
    assert client.get(f"{BASE}/dikecualikan", {"cursor": "x" * 600}).status_code == 422


def test_sample_dip_is_labelled_complete_and_idempotent(db):
    prov = Region.objects.create(code="53", name="Nusa Tenggara Timur", level=RegionLevel.PROVINSI)
    pemprov = Organisation.objects.create(
        slug="pemprov-ntt", name="Pemerintah Provinsi NTT", kind=OrganisationKind.INSTANSI, region=prov
    )
    opd = Organisation.objects.create(
        slug="pemprov-ntt-diskominfo", name="Diskominfo NTT", kind=OrganisationKind.OPD, parent=pemprov, region=prov
    )
    make_dataset(opd, "contoh-dataset-publik", public=True)
    make_dataset(opd, "contoh-dataset-draf", public=False)
    out = io.StringIO()
    call_command("ppid_demo", province=0, per_kabkota=0, stdout=out)
    entries = DipEntry.objects.all()
    assert "sample DIP entries written: " in out.getvalue()
    assert entries.exists() and not entries.filter(is_sample=False).exists()
    for body_id in set(entries.values_list("body_id", flat=True)):
        assert set(entries.filter(body_id=body_id).values_list("category", flat=True)) == set(DipCategory.values)
    assert all("data contoh" in e.summary for e in entries)
    linked = entries.filter(dataset__isnull=False)
    assert [e.dataset.slug for e in linked] == ["contoh-dataset-publik"]
    for e in entries.filter(category=DipCategory.DIKECUALIKAN):
        assert e.consequence_test.body_id == e.body_id
    count = entries.count()
    again = io.StringIO()
    call_command("ppid_demo", province=0, per_kabkota=0, stdout=again)
    assert "sample DIP entries written: 0" in again.getvalue()
    assert DipEntry.objects.count() == count
