"""Deadline reminders to the PPID officers, run daily (``ppid_send_reminders`` or the task).

Which reminders are due is decided by the pure :func:`lontar.ppid.rules.reminders.reminder_due`. What
was already sent is read back from the audit trail (``ppid.reminder.sent`` events on the
request, data ``{kind, deadline, sent_on}``), so no table is needed and a second run on the same
day sends nothing. A reminder is recorded only after the SMTP server accepted it: a failed send
is reported in the summary (the command exits non-zero, the task fails) and retried next run.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import translation

from lontar.accounts.models import Role
from lontar.accounts.selectors import role_holder_emails
from lontar.audit.selectors import events_about
from lontar.audit.services import audit_record
from lontar.calendar.selectors import add_working_days_from_db, holiday_dates
from lontar.ppid import emails
from lontar.ppid.choices import CLOCK_RUNNING
from lontar.ppid.models import InformationRequest
from lontar.ppid.rules.reminders import DUE_SOON_DAYS, KINDS, Reminder, SentReminder, reminder_due
from lontar.ppid.services._common import today as local_today

logger = logging.getLogger(__name__)

ACTION = "ppid.reminder.sent"
#: the requester's personal fields are never loaded for a reminder
PERSONAL_FIELDS = ("identity_number", "identity_index", "address", "phone", "email", "name", "purpose")


@dataclass
class ReminderSummary:
    today: dt.date
    checked: int = 0
    sent: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    #: numbers of requests whose body has nobody to e-mail (no PPID Pelaksana nor PPID account)
    no_recipient: list[str] = field(default_factory=list)
    #: (number, error) of reminders the mail server did not take; not recorded, retried next run
    failed: list[tuple[str, str]] = field(default_factory=list)

    @property
    def total_sent(self) -> int:
        return sum(self.sent.values())

    def as_dict(self) -> dict[str, Any]:
        return {
            "today": self.today.isoformat(),
            "checked": self.checked,
            "sent": dict(self.sent),
            "no_recipient": list(self.no_recipient),
            "failed": [list(f) for f in self.failed],
        }


def _addresses(organisation_ids: list[int], role: str) -> list[str]:
    return role_holder_emails(role, organisation_ids=organisation_ids)


def reminder_recipients(request: InformationRequest) -> list[str]:
    """The PPID Pelaksana of the assigned body; else (unassigned, or nobody there) the PPID of the body.

    Memberships held directly in the body's organisation count, and for the PPID also those in
    the instansi above an OPD (a PPID in an instansi covers its OPDs).
    """
    if request.assigned_to is not None:
        officers = _addresses([request.assigned_to.organisation_id], Role.PPID_PELAKSANA)
        if officers:
            return officers
    org = request.public_body.organisation
    return _addresses([pk for pk in (org.pk, org.parent_id) if pk], Role.PPID)


def _candidates(day: dt.date) -> list[InformationRequest]:
    """Requests whose clock runs and whose deadline in force is at most 3 working days away (or past)."""
    limit = add_working_days_from_db(day, DUE_SOON_DAYS)
    return list(
        InformationRequest.objects.filter(status__in=CLOCK_RUNNING)
        .filter(Q(extended_due_on__lte=limit) | Q(extended_due_on__isnull=True, due_on__lte=limit))
        .select_related("public_body__organisation", "assigned_to__organisation")
        .defer(*PERSONAL_FIELDS)
        .order_by("due_on", "id")
    )


def sent_reminders(request_ids: list[int]) -> dict[int, list[SentReminder]]:
    """What the audit trail says was already sent, per request."""
    out: dict[int, list[SentReminder]] = {}
    for event in events_about(action=ACTION, model=InformationRequest, ids=request_ids):
        data = event.data or {}
        try:
            item = SentReminder(
                kind=data["kind"],
                deadline=dt.date.fromisoformat(data["deadline"]),
                sent_on=dt.date.fromisoformat(data["sent_on"]),
            )
        except (KeyError, TypeError, ValueError):
            continue
        out.setdefault(int(event.target_id), []).append(item)
    return out


def _record(request: InformationRequest, reminder: Reminder, day: dt.date, to: list[str]) -> None:
    with transaction.atomic():
        audit_record(
            action=ACTION,
            organisation=request.public_body.organisation,
            target=request,
            data={
                "kind": reminder.kind,
                "deadline": reminder.deadline.isoformat(),
                "sent_on": day.isoformat(),
                "days_left": reminder.days_left,
                "recipients": len(to),
            },
        )


def send_due_reminders(*, today: dt.date | None = None) -> ReminderSummary:
    """E-mail every reminder due today; record each one the mail server took. System job: no actor."""
    day = today or local_today()
    summary = ReminderSummary(today=day)
    requests = _candidates(day)
    summary.checked = len(requests)
    if not requests:
        return summary
    first = min([r.due_on for r in requests] + [day])
    holidays = holiday_dates(first, max([r.effective_due_on for r in requests] + [day]))
    sent = sent_reminders([r.pk for r in requests])
    recipients: dict[tuple[int | None, int], list[str]] = {}
    with translation.override(settings.LANGUAGE_CODE):
        for request in requests:
            reminder = reminder_due(
                request_id=request.pk,
                deadline=request.effective_due_on,
                status=request.status,
                today=day,
                holidays=holidays,
                sent=sent.get(request.pk, ()),
            )
            if reminder is None:
                continue
            key = (request.assigned_to_id, request.public_body_id)
            if key not in recipients:
                recipients[key] = reminder_recipients(request)
            to = recipients[key]
            if not to:
                summary.no_recipient.append(request.number)
                continue
            try:
                emails.reminder_message(request=request, reminder=reminder, to=to).send()
            except Exception as exc:  # any transport error: report it, record nothing
                logger.error("PPID reminder for %s not sent: %s", request.number, exc)
                summary.failed.append((request.number, f"{type(exc).__name__}: {exc}"))
                continue
            _record(request, reminder, day, to)
            summary.sent[reminder.kind] += 1
    return summary
