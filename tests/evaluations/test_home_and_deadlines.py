"""The evaluation side of the home page (the province's latest final or published index, linked to
the dashboard) and past stage deadlines flagged on the cycle and submission pages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from lontar.assessments.models import PublishedResult
from lontar.evaluations.models import Cycle, Submission


def _finalise(cycle: Cycle, organisation, index: str, predikat: str) -> None:
    Submission.objects.filter(cycle=cycle, organisation=organisation).update(
        state="final", final_index=Decimal(index), final_predikat=predikat, finalised_at=timezone.now()
    )
    Cycle.objects.filter(pk=cycle.pk).update(state="final", finalised_at=timezone.now())


def test_home_without_any_result_says_so_and_links_the_dashboards(client, province) -> None:
    html = client.get("/").content.decode()
    assert "Belum ada hasil evaluasi yang diterbitkan." in html
    assert f'href="{reverse("evaluations:dashboard_index")}"' in html


def test_home_shows_the_provinces_latest_final_index_with_year_predikat_and_dashboard(
    client, province, framework, open_cycle
) -> None:
    older = open_cycle(framework, year=2023)
    newer = open_cycle(framework, year=2024, is_sample=True)
    _finalise(older, province["province"], "2.10", "Cukup")
    _finalise(newer, province["province"], "3.35", "Baik")
    _finalise(newer, province["kabupaten"], "4.20", "Sangat Baik")  # a kabupaten is not the headline
    html = client.get("/").content.decode()
    section = html[html.index('id="modul-evaluasi"') :]
    section = section[: section.index("</li>")]
    assert "2024" in section and "3,35" in section and "Baik" in section
    assert "4,20" not in section and "2,10" not in section
    assert f'href="{reverse("evaluations:dashboard", args=[newer.pk])}"' in section
    assert "data contoh" in section, "a sample cycle is labelled"


def test_a_result_finalised_after_a_visit_shows_on_the_next_visit(client, province, framework, open_cycle) -> None:
    """The page cache must not keep the home page with an old headline."""
    cycle = open_cycle(framework, year=2024)
    assert "Belum ada hasil evaluasi" in client.get("/").content.decode()
    _finalise(cycle, province["province"], "3.35", "Baik")
    assert "3,35" in client.get("/").content.decode()


def test_an_open_cycle_is_not_a_headline(client, province, framework, open_cycle) -> None:
    cycle = open_cycle(framework, year=2025)
    Submission.objects.filter(cycle=cycle, organisation=province["province"]).update(
        final_index=Decimal("3.90"), final_predikat="Baik"
    )
    html = client.get("/").content.decode()
    assert "3,90" not in html
    assert "Belum ada hasil evaluasi yang diterbitkan." in html


def test_a_newer_published_result_wins_over_an_older_cycle(client, province, framework, open_cycle) -> None:
    cycle = open_cycle(framework, year=2022)
    _finalise(cycle, province["province"], "2.50", "Cukup")
    PublishedResult.objects.create(
        framework_code=framework.code,
        organisation=province["province"],
        year=2023,
        index=Decimal("3.35"),
        predikat="Baik",
        source="Keputusan MenPANRB (uji)",
    )
    html = client.get("/").content.decode()
    section = html[html.index('id="modul-evaluasi"') :]
    section = section[: section.index("</li>")]
    assert "2023" in section and "3,35" in section and "Keputusan MenPANRB (uji)" in section
    assert f'href="{reverse("evaluations:dashboard_index")}"' in section


def test_past_stage_deadlines_are_flagged_until_the_cycle_is_final(people, framework, open_cycle, province) -> None:
    today = timezone.localdate()
    cycle = open_cycle(
        framework,
        deadlines={
            "self_assessment_due": today - dt.timedelta(days=3),
            "document_review_due": today + dt.timedelta(days=30),
        },
    )
    html = people["manager"].get(reverse("evaluations:cycle_detail", args=[cycle.pk])).content.decode()
    assert html.count("deadline-past") == 1
    assert html.count(">lewat tenggat</span>") == 1
    submission = cycle.submissions.get(organisation=province["kabupaten"])
    team_page = people["team"].get(reverse("evaluations:submission_detail", args=[submission.pk])).content.decode()
    assert team_page.count(">lewat tenggat</span>") == 1

    _finalise(cycle, province["kabupaten"], "3.00", "Baik")
    html = people["manager"].get(reverse("evaluations:cycle_detail", args=[cycle.pk])).content.decode()
    assert "lewat tenggat" not in html, "a final cycle has no open deadline"
