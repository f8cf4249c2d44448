"""The sample registry ("data contoh"): loads on the real organisation slugs, twice adds nothing."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from lontar.katalog.models import Application, InfrastructureAsset, Service, Stage
from lontar.organisations.models import Organisation, OrganisationKind, Region, RegionLevel

pytestmark = pytest.mark.django_db

SLUGS = {"pemprov-ntt": "53", "pemkab-kupang": "53.01", "pemkab-timor-tengah-selatan": "53.02"}
OPDS = ("setda", "diskominfo", "bpkad", "dpmptsp", "dinkes", "bappeda", "bkd", "bkpsdm", "disdukcapil", "dpmd")


@pytest.fixture
def organisations():
    province = Region.objects.create(code="53", name="Nusa Tenggara Timur", level=RegionLevel.PROVINSI)
    for slug, code in SLUGS.items():
        region = (
            province
            if code == "53"
            else Region.objects.create(code=code, name=slug, level=RegionLevel.KABUPATEN, parent=province)
        )
        inst = Organisation.objects.create(slug=slug, name=slug, kind=OrganisationKind.INSTANSI, region=region)
        for short in OPDS:
            Organisation.objects.create(
                slug=f"{slug}-{short}", name=short, kind=OrganisationKind.OPD, region=region, parent=inst
            )


def test_sample_loads_once(organisations):
    call_command("katalog_demo")
    counts = (Application.objects.count(), InfrastructureAsset.objects.count(), Service.objects.count())
    assert counts[0] >= 30 and counts[1] >= 15 and counts[2] >= 10
    assert not Application.objects.filter(is_sample=False).exists()
    names = set(Application.objects.values_list("name", flat=True))
    assert {"SRIKANDI", "SP4N-LAPOR!", "SPSE", "SI-ASN"} <= names
    consolidated = Application.objects.filter(stage=Stage.KONSOLIDASI)
    assert consolidated.exists() and all(a.replaced_by_id for a in consolidated)
    # the Kupang pair doing the same thing: one replaced by the other
    simpeg = Application.objects.get(code="KPG-APL-SIMPEG")
    assert simpeg.replaced_by.code == "KPG-APL-KEPEG"
    call_command("katalog_demo")
    assert (Application.objects.count(), InfrastructureAsset.objects.count(), Service.objects.count()) == counts
