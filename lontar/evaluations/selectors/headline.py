"""The evaluation headline of the home page: the province's latest final or published index."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from lontar.assessments.results_history import latest_published
from lontar.core.home import Headline
from lontar.evaluations.choices import CycleState, SubmissionState
from lontar.evaluations.models import Submission
from lontar.organisations.codes import PROVINCE_CODE
from lontar.organisations.models import OrganisationKind


def _latest_final() -> Submission | None:
    """The province instansi's final result in the newest final cycle that has one."""
    return (
        Submission.objects.filter(
            state=SubmissionState.FINAL,
            cycle__state=CycleState.FINAL,
            organisation__region__code=PROVINCE_CODE,
            organisation__kind=OrganisationKind.INSTANSI,
        )
        .select_related("cycle", "cycle__framework", "organisation")
        .order_by("-cycle__year", "-cycle__finalised_at")
        .first()
    )


def province_headline() -> Headline | None:
    """The newest of the province's final result in a Lontar cycle (linked to that cycle's dashboard)
    and its officially published result (linked to the list of dashboards); a Lontar result wins a
    tie of years. None when the province has neither."""
    final = _latest_final()
    published = latest_published(PROVINCE_CODE)
    if final is not None and (published is None or final.cycle.year >= published[0].year):
        framework = final.cycle.framework
        return Headline(
            title=_("%(index)s of %(name)s")
            % {"index": framework.index_name or framework.name, "name": final.organisation.name},
            year=final.cycle.year,
            value=final.final_index,
            category=final.final_predikat,
            url=reverse("evaluations:dashboard", args=[final.cycle.pk]),
            source=_("Final result of the evaluation cycle “%(cycle)s”") % {"cycle": final.cycle.name},
            is_sample=final.cycle.is_sample,
        )
    if published is not None:
        result, known = published
        index = (known.index_name or known.name) if known is not None else result.framework_code
        return Headline(
            title=_("%(index)s of %(name)s")
            % {"index": index, "name": result.organisation.name if result.organisation else ""},
            year=result.year,
            value=result.index,
            category=result.predikat,
            url=reverse("evaluations:dashboard_index"),
            source=result.source,
            is_sample=result.is_sample,
        )
    return None
