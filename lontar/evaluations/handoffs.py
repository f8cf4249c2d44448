"""E-mail at each evaluation hand-off, through :func:`lontar.notifications.services.notify`."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from lontar.accounts.models import Role
from lontar.accounts.selectors import role_holders
from lontar.evaluations import permissions
from lontar.evaluations.models import Cycle, Submission
from lontar.notifications.services import absolute, in_site_language, notify


def _managers() -> list[Any]:
    """The province's evaluation managers (who assign asesor)."""
    users = role_holders(Role.ADMIN, everywhere=True) | role_holders(Role.TIM_KOORDINASI, everywhere=True)
    return [u for u in users.distinct() if permissions.is_manager(u)]


def _facts(submission: Submission) -> list[tuple[str, str]]:
    return [(_("Cycle"), submission.cycle.name), (_("Instansi"), submission.organisation.name)]


@in_site_language
def asesor_assigned(submission: Submission, asesor: Any) -> None:
    notify(
        [asesor],
        event="evaluations.assignment.created",
        subject=_("You are assigned to assess %(org)s (%(cycle)s)")
        % {"org": submission.organisation.name, "cycle": submission.cycle.name},
        context={
            "intro": _("Review the penilaian mandiri at each stage of the evaluation."),
            "facts": [*_facts(submission), (_("State"), submission.get_state_display())],
            "url": absolute(reverse("evaluations:submission_detail", args=[submission.pk])),
        },
    )


@in_site_language
def submission_submitted(submission: Submission) -> None:
    assigned = [a.asesor for a in submission.assignments.select_related("asesor")]
    notify(
        [*assigned, *_managers()],
        event="evaluations.submission.submitted",
        subject=_("Penilaian mandiri of %(org)s submitted (%(cycle)s)")
        % {"org": submission.organisation.name, "cycle": submission.cycle.name},
        context={
            "intro": _("The penilaian mandiri is submitted and waits for review."),
            "facts": _facts(submission),
            "url": absolute(reverse("evaluations:submission_detail", args=[submission.pk])),
        },
    )


@in_site_language
def cycle_finalised(cycle: Cycle) -> None:
    orgs = list(cycle.submissions.values_list("organisation_id", flat=True))
    notify(
        role_holders(Role.TIM_KOORDINASI, organisation_ids=orgs),
        event="evaluations.cycle.finalised",
        subject=_("Evaluation cycle %(cycle)s is final") % {"cycle": cycle.name},
        context={
            "intro": _("The results of the cycle are final and published."),
            "facts": [(_("Cycle"), cycle.name)],
            "url": absolute(reverse("evaluations:cycle_detail", args=[cycle.pk])),
        },
    )
