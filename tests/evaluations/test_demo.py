"""Sample data: level vectors hit published values exactly; evaluation_demo matches the published facts."""

from __future__ import annotations

import csv
import io
import random
from collections import Counter
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import transaction
from hypothesis import given, settings
from hypothesis import strategies as st

from lontar.assessments import scoring
from lontar.assessments.definitions import FRAMEWORKS_DIR, read_definition
from lontar.assessments.services import framework_load
from lontar.evaluations.demo.levels import levels_for_index
from lontar.evaluations.models import Cycle, Submission
from lontar.organisations.services import organisations_load, regions_load

SPBE = read_definition(FRAMEWORKS_DIR / "spbe-2020.json").tree
SPBE_2018 = read_definition(FRAMEWORKS_DIR / "spbe-2018.json").tree


@given(cents=st.integers(min_value=100, max_value=500), seed=st.integers(min_value=0, max_value=10_000))
@settings(max_examples=60, deadline=None)
def test_levels_reach_any_two_decimal_index_exactly(cents, seed):
    target = Decimal(cents).scaleb(-2)
    levels = levels_for_index(SPBE, target, random.Random(seed))
    assert set(levels) == set(SPBE.indicators)
    assert all(SPBE.level_min <= v <= SPBE.level_max for v in levels.values())
    assert scoring.score(SPBE, levels).index == target


@given(cents=st.integers(min_value=0, max_value=500), seed=st.integers(min_value=0, max_value=10_000))
@settings(max_examples=30, deadline=None)
def test_thirds_framework_too(cents, seed):
    target = Decimal(cents).scaleb(-2)
    assert scoring.score(SPBE_2018, levels_for_index(SPBE_2018, target, random.Random(seed))).index == target


def test_unreachable_target_is_refused():
    with pytest.raises(ValueError):
        levels_for_index(SPBE, Decimal("5.01"), random.Random(1))


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """NTT organisations, the frameworks and the sample evaluations, loaded once for the module."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            regions_load()
            organisations_load()
            for code in ("spbe-2020", "pemdi-2026"):
                path = FRAMEWORKS_DIR / f"{code}.json"
                framework_load(definition=read_definition(path), source_file=path.name)
            call_command("evaluation_demo", stdout=io.StringIO())
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def result(year: int, code: str) -> Submission:
    return Submission.objects.get(cycle__framework__code="spbe-2020", cycle__year=year, organisation__region_id=code)


@pytest.mark.django_db
def test_published_values_are_kept_exactly(demo):
    assert (result(2022, "53").final_index, result(2022, "53").final_predikat) == (Decimal("3.35"), "Baik")
    assert result(2022, "53.01").final_index == Decimal("1.85")
    assert result(2022, "53.14").final_index == Decimal("2.48")
    rote = result(2023, "53.14")
    assert (rote.final_index, rote.final_predikat) == (Decimal("2.99"), "Baik")


@pytest.mark.django_db
def test_2022_distribution_and_ende_not_evaluated(demo):
    subs = Submission.objects.filter(cycle__year=2022, cycle__framework__code="spbe-2020").select_related(
        "organisation__region"
    )
    kabkota = [s for s in subs if s.organisation.region.level != "provinsi"]
    assert len(kabkota) == 21
    assert Counter(s.final_predikat for s in kabkota) == {"Baik": 2, "Cukup": 11, "Kurang": 8}
    assert not subs.filter(organisation__region_id="53.08").exists()
    assert Submission.objects.filter(cycle__year=2023, organisation__region_id="53.08").exists()


@pytest.mark.django_db
def test_every_sample_cycle_is_labelled_and_the_current_one_is_in_progress(demo):
    assert all(Cycle.objects.values_list("is_sample", flat=True))
    assert list(Cycle.objects.filter(framework__code="spbe-2020").values_list("state", flat=True)) == ["final"] * 4
    pemdi = Cycle.objects.get(framework__code="pemdi-2026")
    assert pemdi.state == "open"
    states = set(pemdi.submissions.values_list("state", flat=True))
    assert {"draft", "submitted", "dokumen", "interviu", "final"} <= states


@pytest.mark.django_db
def test_running_it_again_adds_nothing(demo):
    before = (Cycle.objects.count(), Submission.objects.count())
    out = io.StringIO()
    call_command("evaluation_demo", stdout=out)
    assert "0 cycles, 0 results added" in out.getvalue()
    assert (Cycle.objects.count(), Submission.objects.count()) == before


@pytest.mark.django_db
def test_dashboard_of_a_sample_cycle(demo, client):
    cycle = Cycle.objects.get(framework__code="spbe-2020", year=2023)
    response = client.get(f"/evaluasi/dasbor/{cycle.pk}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "data contoh" in body
    assert "Kabupaten Rote Ndao" in body and "2,99" in body
    assert "<svg" in body  # map and distribution chart
    assert 'class="num heat heat-' in body  # heat-map cells
    # change since 2022 for Rote Ndao: 2.99 - 2.48
    assert "+0,51" in body


@pytest.mark.django_db
def test_export_command_csv_and_xlsx(demo, tmp_path):
    out = io.StringIO()
    call_command("evaluation_export", "--cycle", "spbe-2020:2023", "--format", "csv", stdout=out, stderr=io.StringIO())
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(rows) == 23 * 47
    rote = [r for r in rows if r["region_code"] == "53.14"]
    assert len(rote) == 47 and all(r["validated_level"] for r in rote)
    target = tmp_path / "cycle.xlsx"
    call_command(
        "evaluation_export",
        "--cycle",
        "spbe-2020:2023",
        "--format",
        "xlsx",
        "--output",
        str(target),
        stderr=io.StringIO(),
    )
    from openpyxl import load_workbook

    book = load_workbook(target, read_only=True)
    indices = list(book["Indeks"].iter_rows(values_only=True))
    rote_row = next(r for r in indices if r[0] == "53.14")
    assert Decimal(str(rote_row[5])) == Decimal("2.99") and rote_row[6] == "Baik"


@pytest.mark.django_db
def test_every_page_renders_with_the_sample_data(demo, login, client):
    """Smoke test over the demo: every cycle's pages and one submission in each state, as a manager and anonymously."""
    from lontar.organisations.models import Organisation

    manager, _user = login(Organisation.objects.get(slug="pemprov-ntt"), "admin")
    team, _user = login(Organisation.objects.get(slug="pemkab-kupang"), "tim_koordinasi")
    for cycle in Cycle.objects.all():
        for path in (f"/evaluasi/dasbor/{cycle.pk}/", f"/evaluasi/siklus/{cycle.pk}/"):
            assert manager.get(path).status_code == 200, path
        if cycle.is_final:
            assert client.get(f"/evaluasi/dasbor/{cycle.pk}/").status_code == 200
        seen = set()
        for sub in cycle.submissions.all():
            if sub.state in seen:
                continue
            seen.add(sub.state)
            first = sub.answers.order_by("node__position").first().number
            for path in (
                f"/evaluasi/penilaian/{sub.pk}/",
                f"/evaluasi/penilaian/{sub.pk}/indikator/{first}/",
                f"/evaluasi/penilaian/{sub.pk}/indikator/5/",
                f"/evaluasi/hasil/{sub.pk}/",
            ):
                assert manager.get(path).status_code == 200, path
    for path in (
        "/evaluasi/siklus/",
        "/evaluasi/dasbor/",
        "/evaluasi/penilaian/",
        "/evaluasi/bukti/pemkab-kupang/",
        "/evaluasi/target/pemkab-kupang/",
    ):
        assert team.get(path).status_code == 200, path
    assert client.get("/api/v1/evaluations/cycles").status_code == 200
