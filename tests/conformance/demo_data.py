"""The demo data (``manage.py demo_setup``) in the test database, for the checks that render pages.

The steps are the demo's own (lontar/demo/management/commands/demo_setup.py), with fewer sample
PPID requests and notice PDFs: every kind of page still has its records, in a fraction of the time.
"""

from __future__ import annotations

import io

from django.core.management import call_command

from lontar.demo.management.commands.demo_setup import DEMO_STEPS

#: smaller than the demo's defaults; enough for every state, register row and verification page
SMALLER = {"ppid_demo": {"province": 40, "per_kabkota": 2, "notice_pdfs": 4}}
#: not needed for rendering (planner statistics)
SKIPPED = frozenset({"db_analyze"})
#: the steps the catalogue needs (datasets, their files and datastore tables)
CATALOG_STEPS = frozenset({"load_regions", "load_organisations", "demo_users", "catalog_demo"})


def load_demo(only: frozenset[str] | None = None) -> str:
    """Run the demo steps (all, or ``only`` those named); what they printed."""
    _urusan_topics()
    out = io.StringIO()
    for name, kwargs in DEMO_STEPS:
        if name in SKIPPED or (only is not None and name not in only):
            continue
        call_command(name, **{**kwargs, **SMALLER.get(name, {})}, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def _urusan_topics() -> None:
    """The topics a data migration loads: a transactional test run before this one in the same
    worker flushed them (as tests/catalog/conftest.py:urusan_topics restores them there)."""
    from lontar.catalog.models import Topic
    from lontar.catalog.reference import urusan_list

    for u in urusan_list():
        Topic.objects.update_or_create(code=u.code, defaults={"slug": u.slug, "name": u.name, "group": u.group})


def complete_for_pages() -> None:
    """What the demo leaves out and a public page needs: an LHE issued (its verification page) and
    the sample indicator carried by a public dataset (the indicator page with its charts)."""
    from lontar.catalog.models import CatalogEntry, IndicatorMetadata
    from lontar.evaluations.choices import SubmissionState
    from lontar.evaluations.models import Submission
    from lontar.evaluations.services.reports import report_issue

    final = Submission.objects.filter(state=SubmissionState.FINAL).order_by("pk").first()
    assert final is not None, "the demo has no final evaluation result"
    report_issue(actor=None, submission=final)
    _questionnaire_report()
    indicator = IndicatorMetadata.objects.filter(is_public=True).order_by("pk").first()
    carrier = CatalogEntry.objects.filter(name="persentase-penduduk-miskin-kabupaten-kota-2025").first()
    assert indicator is not None and carrier is not None, "the demo's indicator or poverty dataset is gone"
    indicator.datasets.add(carrier.dataset)


def _questionnaire_report() -> None:
    """A questionnaire report issued (its verification page), from the sample final results."""
    from lontar.evaluations.models import QuestionnaireSubmission
    from lontar.evaluations.services.questionnaires import questionnaire_report_issue

    final = QuestionnaireSubmission.objects.filter(state="final").order_by("pk").first()
    assert final is not None, "the demo has no final questionnaire result (questionnaire_demo)"
    questionnaire_report_issue(actor=None, submission=final)
