"""E-mail at each PPID hand-off, through :func:`lontar.notifications.services.notify`.

Staff mail carries the number, the body and the deadline, never the requester's personal data.
Called inside the service's transaction; mail leaves after the commit.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from lontar.accounts.models import Role
from lontar.accounts.selectors import role_holders
from lontar.notifications.services import absolute, in_site_language, notify
from lontar.ppid.models import InformationRequest, Notice, Objection


def _staff_link(request: InformationRequest) -> str:
    return absolute(reverse("ppid:staff_detail", args=[request.pk]))


def _facts(request: InformationRequest) -> list[tuple[str, str]]:
    return [
        (_("Registration number (nomor pendaftaran)"), request.number),
        (_("Public body"), request.public_body.organisation.name),
        (_("Written notice due"), date_format(request.effective_due_on, "j F Y")),
    ]


def _ppid_of(request: InformationRequest):  # type: ignore[no-untyped-def]
    org = request.public_body.organisation
    return role_holders(Role.PPID, organisation_ids=[org.pk, org.parent_id])


@in_site_language
def request_assigned(request: InformationRequest) -> None:
    """Disposition: the PPID Pelaksana of the body the request was handed to."""
    if request.assigned_to is None:
        return
    notify(
        role_holders(Role.PPID_PELAKSANA, organisation_ids=[request.assigned_to.organisation_id]),
        event="ppid.request.assigned",
        subject=_("Information request %(number)s disposed to %(body)s")
        % {"number": request.number, "body": request.assigned_to.organisation.name},
        context={
            "intro": _(
                "An information request was disposed to your unit. Prepare the written notice before its deadline."
            ),
            "facts": _facts(request),
            "url": _staff_link(request),
        },
    )


@in_site_language
def request_extended(request: InformationRequest) -> None:
    """The deadline was extended: the officers handling it (the requester sees it on tracking)."""
    recipients = list(_ppid_of(request))
    if request.assigned_to is not None:
        recipients += list(role_holders(Role.PPID_PELAKSANA, organisation_ids=[request.assigned_to.organisation_id]))
    notify(
        recipients,
        event="ppid.request.extended",
        subject=_("Deadline of information request %(number)s extended") % {"number": request.number},
        context={"facts": _facts(request), "url": _staff_link(request)},
    )


@in_site_language
def notice_issued(request: InformationRequest, notice: Notice, actor: Any) -> None:
    """The written notice was issued: the other officers handling the request (the PPID of the body
    and the PPID Pelaksana it was disposed to), so they know it has left their queue. The requester
    gets the notice itself (:func:`lontar.ppid.emails.send_notice_issued`)."""
    recipients = list(_ppid_of(request))
    if request.assigned_to is not None:
        recipients += list(role_holders(Role.PPID_PELAKSANA, organisation_ids=[request.assigned_to.organisation_id]))
    actor_id = getattr(actor, "pk", None)
    notify(
        [u for u in recipients if u.pk != actor_id],
        event="ppid.request.notice_issued",
        subject=_("Written notice %(notice)s issued for information request %(number)s")
        % {"notice": notice.number, "number": request.number},
        context={
            "intro": _("The written notice was issued and sent to the requester. The request leaves the work queue."),
            "facts": [
                (_("Registration number (nomor pendaftaran)"), request.number),
                (_("Public body"), request.public_body.organisation.name),
                (_("Document number"), notice.number),
                (_("Decision"), notice.get_decision_display()),
            ],
            "url": _staff_link(request),
        },
    )


@in_site_language
def objection_filed(objection: Objection) -> None:
    """A new keberatan: the atasan PPID of the body, who answers it."""
    request = objection.request
    org = request.public_body.organisation
    notify(
        role_holders(Role.ATASAN_PPID, organisation_ids=[org.pk, org.parent_id]),
        event="ppid.objection.filed",
        subject=_("New keberatan %(number)s awaits your answer") % {"number": objection.number},
        context={
            "intro": _("A keberatan was filed. The atasan PPID answers within 30 working days of its receipt."),
            "facts": [
                (_("Keberatan number"), objection.number),
                (_("Public body"), org.name),
                (_("Answer due"), date_format(objection.answer_due_on, "j F Y")),
            ],
            "url": _staff_link(request) + "#keberatan",
        },
    )


@in_site_language
def objection_answered(objection: Objection) -> None:
    """The atasan answered: the requester (tracking link) and the PPID of the body."""
    request = objection.request
    facts = [
        (_("Keberatan number"), objection.number),
        (_("Decision"), objection.get_decision_display()),
    ]
    reopened = request.reopened_due_on
    if reopened:
        facts.append((_("New deadline for the written notice"), date_format(reopened, "j F Y")))
    subject = _("Keberatan %(number)s answered") % {"number": objection.number}
    notify(
        list(_ppid_of(request)),
        event="ppid.objection.answered",
        subject=subject,
        context={"facts": facts, "url": _staff_link(request)},
    )
    if request.email:
        notify(
            [],
            event="ppid.objection.answered",
            subject=subject,
            context={"facts": facts, "url": absolute(reverse("ppid:track"))},
            addresses=[request.email],
        )
