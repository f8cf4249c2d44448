"""Site, connection, coverage and tower services: permissions, checks, audit, nothing half-written."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from lontar.accounts.models import Role
from lontar.audit.models import AuditEvent
from lontar.konektivitas.models import ConnectionStatus, Site
from lontar.konektivitas.selectors import sites as selectors
from lontar.konektivitas.services import connections, coverage, sites
from tests.konektivitas.sites_helpers import IN_KAB, IN_KOTA, IN_SEA, KAB_DESA, KOTA_DESA, desa, outlines


@pytest.fixture
def world(province, login):
    outlines()
    desa(KAB_DESA)
    desa(KOTA_DESA, "Kelurahan Uji")
    _, kab_tik = login(province["kabupaten"], Role.PENGELOLA_TIK)
    _, opd_tik = login(province["kota_opd"], Role.PENGELOLA_TIK)
    _, admin = login(province["province"], Role.ADMIN)
    return {"p": province, "kab_tik": kab_tik, "opd_tik": opd_tik, "admin": admin}


def make(world, actor=None, org="kabupaten_opd", code="T-1", desa_code=KAB_DESA, point=IN_KAB, **extra):
    extra.setdefault("name", "SD Negeri Uji")
    extra.setdefault("kind", "sekolah")
    return sites.site_create(
        actor=actor or world["kab_tik"],
        organisation=world["p"][org],
        code=code,
        desa_code=desa_code,
        lat=point[0],
        lng=point[1],
        **extra,
    )


def test_create_audited_and_scoped(world):
    site = make(world, npsn="50300001")
    assert site.kabupaten_id == "53.01" and site.desa_id == KAB_DESA
    assert AuditEvent.objects.filter(action="konektivitas.site.created", target_id=str(site.pk)).exists()
    # the kabupaten's pengelola TIK (instansi membership) covers its OPD; the kota OPD's does not
    assert selectors.site_get_for_actor(actor=world["kab_tik"], pk=site.pk) == site
    with pytest.raises(Http404):
        selectors.site_get_for_actor(actor=world["opd_tik"], pk=site.pk)
    assert selectors.site_get_for_actor(actor=world["admin"], pk=site.pk) == site


def test_only_for_organisations_managed(world):
    with pytest.raises(PermissionDenied):
        make(world, actor=world["opd_tik"])
    with pytest.raises(PermissionDenied):
        make(world, actor=world["opd_tik"], org="kota")  # an OPD's manager does not reach its instansi
    assert Site.objects.count() == 0


@pytest.mark.parametrize(
    ("point", "desa_code", "field", "words"),
    [
        ((-5.0, 110.0), KAB_DESA, "lat", "luar NTT"),
        ((IN_KAB[1], IN_KAB[0]), KAB_DESA, "lat", "tertukar"),
        (IN_SEA, KAB_DESA, "lat", "laut"),
        (IN_KOTA, KAB_DESA, "lat", "Kota Kupang"),
        (IN_KAB, "53.01.01.2999", "desa", "tidak dikenal"),
        (IN_KAB, "53.01", "desa", "tidak dikenal"),
    ],
)
def test_bad_places_refused_with_indonesian_messages(world, point, desa_code, field, words):
    with pytest.raises(ValidationError) as caught:
        make(world, point=point, desa_code=desa_code)
    assert words in " ".join(caught.value.message_dict[field])
    assert Site.objects.count() == 0 and not AuditEvent.objects.filter(action__startswith="konektivitas.").exists()


def test_duplicate_npsn_refused(world):
    make(world, npsn="50300001")
    with pytest.raises(ValidationError) as caught:
        make(world, code="T-2", npsn="50300001")
    assert "T-1" in caught.value.message_dict["npsn"][0]


def test_update_and_deactivate(world):
    site = make(world)
    sites.site_update(actor=world["kab_tik"], site=site, name="SD Inpres Uji")
    with pytest.raises(ValidationError):
        sites.site_update(actor=world["kab_tik"], site=site, lat=IN_SEA[0], lng=IN_SEA[1])
    site.refresh_from_db()
    assert (site.name, site.lat) == ("SD Inpres Uji", IN_KAB[0])
    with pytest.raises(ValidationError):
        sites.site_deactivate(actor=world["kab_tik"], site=site, reason=" ")
    sites.site_deactivate(actor=world["kab_tik"], site=site, reason="Sekolah digabung")
    assert not Site.objects.get(pk=site.pk).is_active
    actions = list(AuditEvent.objects.filter(target_id=str(site.pk)).order_by("id").values_list("action", flat=True))
    assert actions == ["konektivitas.site.created", "konektivitas.site.updated", "konektivitas.site.deactivated"]


def test_connections_normalised_and_ended(world):
    site = make(world)
    conn = connections.connection_add(actor=world["kab_tik"], site=site, technology_raw="Telkomsel Flash 4G")
    assert (conn.technology, conn.technology_root, conn.cellular_generation) == ("seluler", "nirkabel", "4g")
    with pytest.raises(ValidationError):
        connections.connection_add(actor=world["kab_tik"], site=site, technology="vsat", download_contracted_mbps=-2)
    with pytest.raises(PermissionDenied):
        connections.connection_add(actor=world["opd_tik"], site=site, technology="vsat")
    connections.connection_end(actor=world["kab_tik"], connection=conn, status=ConnectionStatus.DIRELOKASI)
    conn.refresh_from_db()
    assert conn.status == "direlokasi" and conn.valid_to is not None
    with pytest.raises(ValidationError):
        connections.connection_end(actor=world["kab_tik"], connection=conn)
    assert site.connections.count() == 1


def test_coverage_and_tower_upserts(world):
    obs, created = coverage.coverage_upsert(
        actor=world["kab_tik"], desa_code=KAB_DESA, year=2024, source="podes", internet_signal="tidak_ada"
    )
    assert created and obs.kabupaten_id == "53.01"
    again, created = coverage.coverage_upsert(
        actor=world["kab_tik"], desa_code=KAB_DESA, year=2024, source="podes", internet_signal="4g"
    )
    assert not created and again.pk == obs.pk and again.internet_signal == "4g"
    with pytest.raises(PermissionDenied):
        coverage.coverage_upsert(actor=world["opd_tik"], desa_code=KAB_DESA, year=2024, source="podes")
    with pytest.raises(ValidationError):
        coverage.coverage_upsert(actor=world["admin"], desa_code="53.01.01.2999", year=2024, source="podes")
    tower, created = coverage.tower_upsert(
        actor=world["admin"], code="SiteNTT00593", kabupaten_code="53.01", status="on_air", programme="bakti_bts"
    )
    assert created and tower.status == "on_air"
    tower, created = coverage.tower_upsert(
        actor=world["admin"], code="SiteNTT00593", kabupaten_code="53.01", status="off_air"
    )
    assert not created and tower.status == "off_air"
    assert AuditEvent.objects.filter(action="konektivitas.tower.saved").count() == 2
