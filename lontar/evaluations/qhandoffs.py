"""E-mail at each hand-off of a questionnaire (Indeks KAMI, Monev KIP), through ``notify``.

Submitted → the verifiers (province managers and asesor); verified and final → the owner's team.
The same lines appear in the work queues (:mod:`lontar.evaluations.qqueues`).
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from lontar.accounts.models import Role
from lontar.accounts.selectors import role_holders
from lontar.evaluations import permissions
from lontar.evaluations.models import QuestionnaireSubmission
from lontar.notifications.services import absolute, in_site_language, notify


def verifiers(submission: QuestionnaireSubmission) -> list[Any]:
    users = (
        role_holders(Role.ADMIN, everywhere=True)
        | role_holders(Role.TIM_KOORDINASI, everywhere=True)
        | role_holders(Role.ASESOR, everywhere=True)
    )
    return [u for u in users.distinct() if permissions.is_verifier(u, submission.organisation)]


def _owners(submission: QuestionnaireSubmission) -> list[Any]:
    org = submission.organisation
    ids = [org.pk, org.parent_id]
    users = role_holders(Role.TIM_KOORDINASI, organisation_ids=ids) | role_holders(Role.ADMIN, organisation_ids=ids)
    return [u for u in users.distinct() if permissions.is_team(u, org)]


def _facts(submission: QuestionnaireSubmission) -> list[tuple[str, str]]:
    return [
        (_("Cycle"), submission.cycle.name),
        (_("Assessed"), submission.subject_name),
        (_("Owner"), submission.organisation.name),
    ]


def _url(submission: QuestionnaireSubmission) -> str:
    return absolute(reverse("evaluations:q_detail", args=[submission.pk]))


@in_site_language
def submitted(submission: QuestionnaireSubmission) -> None:
    notify(
        verifiers(submission),
        event="evaluations.questionnaire.submitted",
        subject=_("Self-assessment of %(name)s submitted (%(cycle)s)")
        % {"name": submission.subject_name, "cycle": submission.cycle.name},
        context={
            "intro": _("The self-assessment is submitted and waits for verification."),
            "facts": _facts(submission),
            "url": _url(submission),
        },
    )


@in_site_language
def verified(submission: QuestionnaireSubmission) -> None:
    notify(
        _owners(submission),
        event="evaluations.questionnaire.verified",
        subject=_("Self-assessment of %(name)s verified (%(cycle)s)")
        % {"name": submission.subject_name, "cycle": submission.cycle.name},
        context={
            "intro": _("The verifier has checked every answer; the province finalises the result next."),
            "facts": _facts(submission),
            "url": _url(submission),
        },
    )


@in_site_language
def finalised(submission: QuestionnaireSubmission) -> None:
    notify(
        _owners(submission),
        event="evaluations.questionnaire.finalised",
        subject=_("Result of %(name)s is final (%(cycle)s)")
        % {"name": submission.subject_name, "cycle": submission.cycle.name},
        context={
            "intro": _("The result is final: %(status)s.") % {"status": submission.final_status},
            "facts": _facts(submission),
            "url": absolute(reverse("evaluations:q_result", args=[submission.pk])),
        },
    )
