"""load_regions and load_organisations: counts, spot values, idempotency, bad files."""

from __future__ import annotations

import io
import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from lontar.audit.models import AuditEvent
from lontar.organisations.models import Organisation, Region
from lontar.organisations.services import DEFAULT_DATA_DIR, organisations_load, regions_load

pytestmark = pytest.mark.django_db


def _counts() -> dict[str, int]:
    from django.db.models import Count

    return dict(Region.objects.values_list("level").annotate(n=Count("code")))


def test_load_regions_loads_every_ntt_region():
    call_command("load_regions", stdout=io.StringIO())
    assert _counts() == {"provinsi": 1, "kabupaten": 21, "kota": 1, "kecamatan": 315, "kelurahan": 305, "desa": 3137}


def test_region_spot_values():
    regions_load()
    kupang = Region.objects.get(code="53.01")
    assert (kupang.name, kupang.level, kupang.bps_code, kupang.parent_id) == (
        "Kabupaten Kupang",
        "kabupaten",
        "5303",
        "53",
    )
    assert kupang.capital == "Oelamasi"
    assert kupang.area_km2 == Decimal("5130.659")
    assert kupang.population == 391539
    assert kupang.geometry["type"] == "MultiPolygon"
    assert -11 < kupang.lat < -9 and 123 < kupang.lng < 125
    kota = Region.objects.get(code="53.71")
    assert (kota.name, kota.level, kota.bps_code, kota.capital) == ("Kota Kupang", "kota", "5371", "Kupang")
    assert Region.objects.get(code="53.11").bps_code == "5302"  # BPS order differs from Kemendagri order
    province = Region.objects.get(code="53")
    assert (province.bps_code, province.population, province.area_km2) == ("53", 5700772, Decimal("46378.105"))
    semau = Region.objects.get(code="53.01.04")
    assert (
        semau.level == "kecamatan"
        and semau.parent_id == "53.01"
        and semau.geometry["type"] in ("Polygon", "MultiPolygon")
    )
    assert Region.objects.get(code="53.01.12.2005").name == "Oh'aem"
    assert Region.objects.filter(level="kecamatan", geometry__isnull=True).count() == 0
    assert Region.objects.filter(level__in=["kabupaten", "kota"], geometry__isnull=True).count() == 0


def test_second_run_changes_nothing():
    first = regions_load()
    events = AuditEvent.objects.count()
    second = regions_load()
    assert first.created == 3780
    assert (second.created, second.updated, second.unchanged) == (0, 0, 3780)
    assert AuditEvent.objects.count() == events  # nothing changed, nothing recorded


def test_rerun_repairs_an_edited_region_and_keeps_fixture_regions():
    regions_load()
    Region.objects.filter(code="53.01").update(name="Salah", bps_code="9999")
    result = regions_load()
    assert (result.created, result.updated) == (0, 1)
    assert Region.objects.get(code="53.01").name == "Kabupaten Kupang"
    assert AuditEvent.objects.filter(action="organisations.regions.loaded").count() == 2


def _copy_reference(tmp_path: Path) -> Path:
    target = tmp_path / "ref"
    shutil.copytree(DEFAULT_DATA_DIR, target)
    return target


@pytest.mark.parametrize(
    ("filename", "content"),
    [
        ("ntt_wilayah_kemendagri_2025.csv", "kode,nama\n53,NTT\n"),
        (
            "ntt_wilayah_kemendagri_2025.csv",
            "kode,nama,tingkat,kode_induk\n53,NTT,provinsi,\n53.99,X,kabupaten_kota,53\n",
        ),
        (
            "ntt_wilayah_kemendagri_2025.csv",
            "kode,nama,tingkat,kode_induk\n53,NTT,provinsi,\n53.01.01,X,kecamatan,53.99\n",
        ),
        ("ntt_wilayah_kemendagri_2025.csv", "kode,nama,tingkat,kode_induk\n53,NTT,provinsi,\n53,NTT,provinsi,\n"),
        (
            "ntt_wilayah_kemendagri_2025.csv",
            "kode,nama,tingkat,kode_induk\n53,NTT,provinsi,\n'; DROP TABLE x;--,a,desa,53\n",
        ),
        ("ntt_kabupaten_kota.csv", "kode_kemendagri,kode_bps\n53.01,5303\n"),
        ("ntt_kabkota.geojson", '{"type": "FeatureCollection", "features": [{"properties": {}}]}'),
        ("ntt_kecamatan.geojson", "not json at all"),
    ],
)
def test_bad_reference_files_write_nothing(tmp_path, filename, content):
    data_dir = _copy_reference(tmp_path)
    (data_dir / filename).write_text(content, encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("load_regions", data_dir=data_dir)
    assert Region.objects.count() == 0


def test_wrong_encoding_is_a_clear_error(tmp_path):
    data_dir = _copy_reference(tmp_path)
    (data_dir / "ntt_wilayah_kemendagri_2025.csv").write_bytes("kode,nama\n53,Oh\xe9aem\n".encode("latin-1"))
    with pytest.raises(CommandError, match=r"ntt_wilayah_kemendagri_2025\.csv"):
        call_command("load_regions", data_dir=data_dir)
    assert Region.objects.count() == 0


def test_organisations_need_regions_first():
    with pytest.raises(CommandError):
        call_command("load_organisations")
    assert Organisation.objects.count() == 0


def test_load_organisations_slugs_and_sample_labels():
    regions_load()
    result = organisations_load()
    instansi = Organisation.objects.filter(kind="instansi")
    assert instansi.count() == 23
    assert not instansi.filter(is_sample=True).exists()
    for slug in ("pemprov-ntt", "pemkab-kupang", "pemkab-rote-ndao", "pemkab-timor-tengah-selatan", "pemkot-kupang"):
        assert instansi.filter(slug=slug).exists(), slug
    province = Organisation.objects.get(slug="pemprov-ntt")
    assert province.name == "Pemerintah Provinsi Nusa Tenggara Timur" and province.region_id == "53"
    assert Organisation.objects.get(slug="pemkot-kupang").region_id == "53.71"
    assert Organisation.objects.get(slug="pemkab-timor-tengah-selatan").region_id == "53.02"
    diskominfo = Organisation.objects.get(slug="pemprov-ntt-diskominfo")
    assert diskominfo.parent == province and diskominfo.opd_type == "dinas" and diskominfo.is_sample
    assert diskominfo.source == "Daftar contoh, belum diverifikasi terhadap Perda SOTK"
    assert diskominfo.name == "Dinas Komunikasi dan Informatika Provinsi Nusa Tenggara Timur"
    assert Organisation.objects.get(slug="pemprov-ntt-bappeda").opd_type == "badan"
    assert Organisation.objects.get(slug="pemkab-kupang-diskominfo").parent.slug == "pemkab-kupang"
    assert Organisation.objects.get(slug="pemkab-kupang-rsud").opd_type == "rsud"
    assert Organisation.objects.get(slug="pemprov-ntt-biro-hukum").opd_type == "biro"
    assert not Organisation.objects.filter(
        slug__in=["pemprov-ntt-disdukcapil", "pemkot-kupang-rsud", "pemkot-kupang-dpmd"]
    ).exists()
    assert Organisation.objects.get(slug="pemkot-kupang-disdukcapil").region_id == "53.71"
    opd = Organisation.objects.filter(kind="opd")
    assert opd.count() == result.created - 23 and not opd.filter(is_sample=False).exists()
    assert all(len(o.short_name) <= 60 for o in opd)


def test_load_organisations_is_idempotent_and_keeps_edits():
    regions_load()
    organisations_load()
    total = Organisation.objects.count()
    Organisation.objects.filter(slug="pemkab-kupang-dinkes").update(
        name="Dinas Kesehatan Kab. Kupang (diverifikasi)", is_sample=False
    )
    result = organisations_load()
    assert (result.created, result.unchanged) == (0, total)
    assert Organisation.objects.count() == total
    edited = Organisation.objects.get(slug="pemkab-kupang-dinkes")
    assert edited.name.endswith("(diverifikasi)") and not edited.is_sample


def test_template_file_documents_its_note_and_slugs():
    doc = json.loads((Path(__file__).parents[2] / "lontar/organisations/data/opd_templates.json").read_text())
    assert doc["note"] == "Daftar contoh, belum diverifikasi terhadap Perda SOTK"
    assert "pemprov-ntt" in doc["slugs"]["instansi"]
    assert {"diskominfo", "bappeda", "setda", "inspektorat", "rsud"} <= {u["short"] for u in doc["units"]}


def test_bad_template_file_is_refused(tmp_path):
    regions_load()
    bad = tmp_path / "t.json"
    unit = {"short": "Not A Slug", "name": "x", "abbreviation": "x", "opd_type": "dinas", "applies_to": ["kota"]}
    bad.write_text(json.dumps({"note": "x", "units": [unit]}))
    with pytest.raises(CommandError):
        call_command("load_organisations", templates=bad)
    assert Organisation.objects.count() == 0


def test_demo_setup_lists_the_loaders_in_order():
    from lontar.demo.management.commands.demo_setup import DEMO_STEPS

    names = [name for name, _ in DEMO_STEPS]
    assert names.index("load_regions") < names.index("load_organisations")
