"""ppid_demo: labelled sample bodies and requests in every state; idempotent."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from lontar.organisations.models import Organisation, OrganisationKind, Region, RegionLevel
from lontar.ppid.choices import BodyKind, Status
from lontar.ppid.models import InformationRequest, Notice, Objection, PublicBody
from lontar.ppid.rules import nik

pytestmark = pytest.mark.django_db


@pytest.fixture
def ntt():
    prov = Region.objects.create(code="53", name="Nusa Tenggara Timur", level=RegionLevel.PROVINSI)
    kab = Region.objects.create(code="53.01", name="Kabupaten Kupang", level=RegionLevel.KABUPATEN, parent=prov)
    pemprov = Organisation.objects.create(
        slug="pemprov-ntt", name="Pemerintah Provinsi NTT", kind=OrganisationKind.INSTANSI, region=prov
    )
    for short in ("diskominfo", "dinkes"):
        Organisation.objects.create(
            slug=f"pemprov-ntt-{short}", name=f"{short} NTT", kind=OrganisationKind.OPD, parent=pemprov, region=prov
        )
    Organisation.objects.create(
        slug="pemkab-kupang", name="Pemerintah Kabupaten Kupang", kind=OrganisationKind.INSTANSI, region=kab
    )


def test_ppid_demo_creates_labelled_bodies_and_requests_idempotently(ntt):
    out = io.StringIO()
    call_command("ppid_demo", province=60, per_kabkota=20, notice_pdfs=0, stdout=out)
    assert "sample requests written: 80" in out.getvalue()
    assert set(PublicBody.objects.values_list("code", "kind")) == {
        ("ntt", BodyKind.UTAMA),
        ("kab-kupang", BodyKind.UTAMA),
        ("ntt-diskominfo", BodyKind.PELAKSANA),
        ("ntt-dinkes", BodyKind.PELAKSANA),
    }
    assert not PublicBody.objects.filter(is_sample=False).exists()
    requests = InformationRequest.objects.all()
    assert requests.count() == 80 and not requests.filter(is_sample=False).exists()
    statuses = set(requests.values_list("status", flat=True))
    assert {Status.CLOSED, Status.WITHDRAWN} <= statuses and len(statuses) >= 4
    assert requests.filter(extended_due_on__isnull=False).exists()
    for req in requests.filter(requester_type__in=["perorangan", "kelompok"]):
        assert nik.is_valid(req.identity_number), req.identity_number
        assert req.name.startswith("Pemohon Contoh")
    assert all(e.at.date() >= r.received_on for r in requests for e in r.events.all())
    assert (
        Notice.objects.filter(decision="refused", consequence_test__isnull=False).exists()
        or not Notice.objects.filter(decision="refused").exists()
    )
    objections = Objection.objects.all()
    assert objections.exists() and not objections.filter(is_sample=False).exists()
    for objection in objections:
        assert objection.filed_on <= objection.answer_due_on and objection.grounds
        assert objection.answered_on is None or objection.answered_on >= objection.filed_on
    numbers = list(requests.values_list("number", flat=True))
    assert len(numbers) == len(set(numbers))
    again = io.StringIO()
    call_command("ppid_demo", province=60, per_kabkota=20, notice_pdfs=0, stdout=again)
    assert "nothing added" in again.getvalue()
    assert InformationRequest.objects.count() == 80 and PublicBody.objects.count() == 4
    assert Objection.objects.count() == objections.count()


def test_ppid_demo_needs_organisations(db):
    with pytest.raises(CommandError, match="load_organisations"):
        call_command("ppid_demo", stdout=io.StringIO())
    with pytest.raises(CommandError):
        call_command("ppid_demo", province=-1, stdout=io.StringIO())
