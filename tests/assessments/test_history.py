"""Published results: the shipped values, the CSV import's checks (all or nothing), and the trend pages."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from lontar.assessments.models import PublishedResult
from lontar.assessments.results_import import MAX_BYTES, ResultsFileError, read_results
from lontar.assessments.services import published_results_import
from lontar.audit.models import AuditEvent
from lontar.organisations.models import Organisation, OrganisationKind, Region, RegionLevel
from tests.assessments.conftest import load_shipped

pytestmark = pytest.mark.django_db

HEADER = "instansi,framework,year,index,predikat,source,notes\n"


@pytest.fixture
def subjects(province):
    """Frameworks and the instansi the shipped file names: province (53), Kab. Kupang (53.01), Rote Ndao (53.14)."""
    load_shipped("spbe-2018", "spbe-2020")
    rote, _ = Region.objects.get_or_create(
        code="53.14", defaults={"name": "Kabupaten Rote Ndao", "level": RegionLevel.KABUPATEN, "parent_id": "53"}
    )
    Organisation.objects.create(
        slug="pemkab-rote-ndao", name="Pemerintah Kabupaten Rote Ndao", kind=OrganisationKind.INSTANSI, region=rote
    )
    return province


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def problems(text: str | bytes) -> list[str]:
    with pytest.raises(ResultsFileError) as info:
        read_results(text.encode() if isinstance(text, str) else text)
    return info.value.problems


def test_shipped_values_import_once(subjects, capsys):
    call_command("results_import")
    assert "11 created" in capsys.readouterr().out
    rote = {
        r.year: (r.index, r.predikat) for r in PublishedResult.objects.filter(organisation__slug="pemkab-rote-ndao")
    }
    assert rote == {
        2021: (Decimal("1.00"), "Kurang"),
        2022: (Decimal("2.48"), "Cukup"),
        2023: (Decimal("2.99"), "Baik"),
    }
    province = PublishedResult.objects.get(organisation=subjects["province"])
    assert (province.framework_code, province.year, province.index, province.predikat) == (
        "spbe-2020",
        2022,
        Decimal("3.35"),
        "Baik",
    )
    kupang = PublishedResult.objects.filter(organisation=subjects["kabupaten"]).values_list("year", "index")
    assert sorted(kupang) == [(2021, Decimal("1.60")), (2022, Decimal("1.85"))]
    national = PublishedResult.objects.filter(aggregate="national_average").order_by("year")
    assert [(r.year, str(r.index), r.framework_code) for r in national] == [
        (2018, "1.98", "spbe-2018"),
        (2020, "2.26", "spbe-2018"),
        (2022, "2.34", "spbe-2020"),
        (2023, "2.79", "spbe-2020"),
        (2024, "3.12", "spbe-2020"),
    ]
    assert all(r.source and not r.is_sample for r in PublishedResult.objects.all())
    call_command("results_import")
    assert "0 created, 0 updated, 11 unchanged" in capsys.readouterr().out
    assert AuditEvent.objects.filter(action="assessments.published_results.imported").count() == 1


def test_a_changed_value_updates(subjects):
    published_results_import(
        rows=read_results((HEADER + "53.01,spbe-2020,2022,1.85,Cukup,sumber A,\n").encode()), source_file="a.csv"
    )
    outcome = published_results_import(
        rows=read_results((HEADER + "test-pemkab-kupang,spbe-2020,2022,1.86,Cukup,sumber B,koreksi\n").encode()),
        source_file="b.csv",
    )
    assert (outcome.created, outcome.updated) == (0, 1)
    result = PublishedResult.objects.get()
    assert (result.index, result.source, result.notes) == (Decimal("1.86"), "sumber B", "koreksi")


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("53.99,spbe-2020,2022,2.00,Cukup,s,", "Line 2: unknown instansi “53.99”"),
        ("test-diskominfo-ntt,spbe-2020,2022,2.00,Cukup,s,", "unknown instansi"),  # an OPD is not an instansi
        ("53,spbe-2030,2022,2.00,Cukup,s,", "unknown framework “spbe-2030”"),
        ("53,spbe-2020,22,2.00,Cukup,s,", "the year “22” is not a year"),
        ("53,spbe-2020,2022,2.005,Cukup,s,", "the index “2.005” is not a number with at most two decimals"),
        ("53,spbe-2020,2022,dua,Cukup,s,", "the index “dua”"),
        ("53,spbe-2020,2022,5.50,Memuaskan,s,", "outside the scale 1–5"),
        ("53,spbe-2020,2022,1.60,Baik,s,", "the predikat “Baik” does not match the index 1.60, which is “Kurang”"),
        ("53,spbe-2020,2022,2.00,Luar Biasa,s,", "does not match"),
        ("53,spbe-2020,2022,2.00,Cukup,,", "the source is required"),
    ],
)
def test_bad_rows_are_refused_with_their_line(subjects, row, expected):
    found = problems(HEADER + row + "\n")
    assert any(expected in p for p in found), found


def test_comma_decimals_and_case_are_accepted(subjects):
    rows = read_results((HEADER + '53,spbe-2020,2022,"2,61",baik,s,\n').encode())
    assert (rows[0].index, rows[0].predikat) == (Decimal("2.61"), "Baik")


def test_whole_file_problems(subjects):
    assert any(
        "Missing columns: predikat, source" in p
        for p in problems("instansi,framework,year,index\n53,spbe-2020,2022,2\n")
    )
    assert any("no rows" in p for p in problems(HEADER))
    assert any(
        "not UTF-8" in p for p in problems((HEADER + "53,spbe-2020,2022,2.00,Cukup,Sumber é,\n").encode("latin-1"))
    )
    assert any("larger than" in p for p in problems(b"x" * (MAX_BYTES + 1)))
    duplicate = HEADER + "53,spbe-2020,2022,2.00,Cukup,s,\n53,spbe-2020,2022,2.10,Cukup,s,\n"
    assert any("Line 3 repeats line 2" in p for p in problems(duplicate))


def test_one_bad_row_means_nothing_is_imported(subjects, tmp_path, capsys):
    path = tmp_path / "hasil.csv"
    path.write_text(HEADER + "53,spbe-2020,2022,3.35,Baik,s,\n53.01,spbe-2020,2021,1.60,Cukup,s,\n", encoding="utf-8")
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("results_import", str(path))
    assert "Line 3" in capsys.readouterr().err
    assert PublishedResult.objects.count() == 0


def test_hostile_text_is_stored_as_text_and_escaped(subjects, client):
    hostile = '"<script>alert(1)</script> =HYPERLINK(""x"")"'
    published_results_import(
        rows=read_results((HEADER + f"53,spbe-2020,2022,3.35,Baik,{hostile},\n").encode()), source_file="x.csv"
    )
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = client.get("/evaluasi/riwayat/test-pemprov-ntt/").content.decode()
    assert "<script>alert(1)</script>" not in body and "&lt;script&gt;" in body


def test_only_province_admins_import(subjects, login):
    _client, user = login(subjects["kota"], "admin")
    rows = read_results((HEADER + "53,spbe-2020,2022,3.35,Baik,s,\n").encode())
    with pytest.raises(PermissionDenied):
        published_results_import(actor=user, rows=rows, source_file="x.csv")


def test_history_pages(subjects, client):
    call_command("results_import")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    listing = client.get("/evaluasi/riwayat/").content.decode()
    assert "/evaluasi/riwayat/pemkab-rote-ndao/" in listing and "2021–2023" in listing
    assert "1.98" in listing  # national average 2018
    response = client.get("/evaluasi/riwayat/pemkab-rote-ndao/")
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count("official result, imported") == 3
    assert "2.99" in body and "Baik" in body and "<svg" in body
    assert "National average" in body and "2.79" in body  # 2023 national average beside Rote Ndao
    assert "spbe-2018" not in body  # another framework's values never appear in this figure
    national_2018 = client.get("/evaluasi/riwayat/").content.decode()
    assert "spbe-2018" in national_2018


def test_history_page_of_unknown_or_opd_is_404(subjects, client):
    assert client.get("/evaluasi/riwayat/tidak-ada/").status_code == 404
    assert client.get("/evaluasi/riwayat/test-diskominfo-ntt/").status_code == 404


def test_history_pages_in_indonesian(subjects, client):
    call_command("results_import")
    body = client.get("/evaluasi/riwayat/pemkab-rote-ndao/").content.decode()
    assert "Riwayat evaluasi" in body and "2,99" in body
