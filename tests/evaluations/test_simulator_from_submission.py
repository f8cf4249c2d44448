"""The simulator opened from a submission's result carries its levels (validated where they exist,
else the self-assessed ones) and the year's target; the simulator's result then names that target."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from lontar.evaluations import services
from tests.evaluations.conftest import LEVELS, answer_all, run_to_interviu

pytestmark = pytest.mark.django_db


def simulator_form(page) -> dict[str, str]:
    """The hidden fields of the result page's "open in the simulator" form."""
    body = page.content.decode()
    start = body.index('action="/', body.index("simulasi/") - 200)
    form = body[start : body.index("</form>", start)]
    return dict(re.findall(r'<input type="hidden" name="((?:level|target)_[\w.]+)" value="([^"]*)"', form))


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_a_draft_opens_the_simulator_with_its_self_assessed_levels_and_the_target(
    people, submission, framework, province
):
    answer_all(submission, people["team_user"], {"1": 3, "2": 2, "5": "3.25"})
    services.target_set(
        actor=None, organisation=province["kabupaten"], framework_code=framework.code, year=2024, target_index="3.5"
    )
    team = people["team"]
    page = team.get(f"/evaluasi/hasil/{submission.pk}/")
    assert page.status_code == 200
    data = simulator_form(page)
    assert {k: v for k, v in data.items() if k.startswith("level_")} == {
        "level_1": "3",
        "level_2": "2",
        "level_5": "3.25",
    }
    assert data["target_year"] == "2024" and data["target_index"].replace(",", ".") == "3.50"
    assert "Target 2024" in text(page)  # the year's target on the result page

    simulator = team.post(reverse("assessments:framework_simulator", args=[framework.code]), data)
    assert simulator.status_code == 200
    words = text(simulator)
    assert "Target untuk 2024: 3,50" in words and "belum tercapai" in words
    assert 'name="target_year" value="2024"' in simulator.content.decode()  # kept for the next calculation


def test_validated_levels_replace_the_claims_where_they_exist(people, submission, framework, province):
    submission = run_to_interviu(submission, people["team_user"], people["asesor_user"], LEVELS)
    version = submission.answers.get(number="2").reviews.get(stage="interviu").version
    reviewed = people["asesor"].post(
        f"/evaluasi/penilaian/{submission.pk}/indikator/2/tinjau/", {"level": "1", "note": "kurang", "version": version}
    )
    assert reviewed.status_code == 302
    data = simulator_form(people["team"].get(f"/evaluasi/hasil/{submission.pk}/"))
    assert data["level_2"] == "1"  # validated in interviu (claimed 2)
    assert data["level_5"] == "3.25" and data["level_3"] == "4"  # accepted in dokumen: the claims
    assert "target_index" not in data and "target_year" not in data  # no target set for the year


def test_a_met_target_is_carried_too_and_named_reached(people, submission, framework, province):
    submission = run_to_interviu(submission, people["team_user"], people["asesor_user"], LEVELS)
    services.target_set(
        actor=None, organisation=province["kabupaten"], framework_code=framework.code, year=2024, target_index="1.5"
    )
    data = simulator_form(people["team"].get(f"/evaluasi/hasil/{submission.pk}/"))
    assert data["target_year"] == "2024"
    simulator = people["team"].post(reverse("assessments:framework_simulator", args=[framework.code]), data)
    assert "Target untuk 2024: 1,50 — tercapai" in text(simulator)


def test_the_public_simulator_without_a_year_shows_no_target_line(client, framework):
    url = reverse("assessments:framework_simulator", args=[framework.code])
    page = client.post(url, {"level_1": "3", "target_index": "3"})
    assert page.status_code == 200 and "Target untuk" not in text(page)
    bad = client.post(url, {"level_1": "3", "target_index": "3", "target_year": "abc"})
    assert bad.status_code == 422 and "Target untuk" not in text(bad)
