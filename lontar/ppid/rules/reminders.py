"""Which deadline reminders are due for a request today. Pure: plain values in, at most one reminder out.

The rules (``docs/ppid.md``, "Reminders"):

* Only requests whose notice clock runs (received or assigned) get reminders: not a request
  waiting for the requester to complete it, nor one whose notice is issued, delivered, closed or
  withdrawn.
* The deadline is the one in force: the extended one if the request was extended. Each deadline
  has its own reminders, so an extension earns a new ``due_soon``.
* ``due_soon``: once per deadline, on the first run when 3 working days or fewer remain (0 on the
  last day). Run daily, that first day is always a working day: the count only drops on one.
* ``overdue``: once on the first run after the last day, then again at most once a week
  (every 7 calendar days) for as long as the clock still runs: a missed legal deadline stays
  on the officer's desk, but a daily e-mail would be ignored.
* Nothing is sent on a weekend or holiday (a run on such a day only catches up on the next
  working day), so a reminder never lands in an empty office.
* Never both kinds for one deadline on one day (due_soon needs today ≤ deadline, overdue
  today > deadline), and calling again with what was just sent gives nothing: idempotent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from lontar.calendar.workdays import is_working_day, working_days_between
from lontar.ppid.choices import CLOCK_RUNNING

DUE_SOON = "due_soon"
OVERDUE = "overdue"
KINDS = (DUE_SOON, OVERDUE)
#: a due_soon reminder goes out when this many working days or fewer remain
DUE_SOON_DAYS = 3
#: calendar days between two overdue reminders for the same deadline
OVERDUE_REPEAT_DAYS = 7


@dataclass(frozen=True)
class SentReminder:
    """A reminder already sent (read back from the audit trail)."""

    kind: str
    deadline: dt.date
    sent_on: dt.date


@dataclass(frozen=True)
class Reminder:
    request_id: int
    kind: str
    deadline: dt.date
    #: working days left (0 on the last day); negative once overdue
    days_left: int

    @property
    def days_overdue(self) -> int:
        return max(0, -self.days_left)


def reminder_due(
    *,
    request_id: int,
    deadline: dt.date,
    status: str,
    today: dt.date,
    holidays: Collection[dt.date],
    sent: Iterable[SentReminder] = (),
) -> Reminder | None:
    """The reminder to send today for this request and deadline, or None."""
    if status not in CLOCK_RUNNING or not is_working_day(today, holidays):
        return None
    mine = [s for s in sent if s.deadline == deadline]
    left = working_days_between(today, deadline, holidays)
    if today > deadline:
        last = max((s.sent_on for s in mine if s.kind == OVERDUE), default=None)
        if last is None or (today - last).days >= OVERDUE_REPEAT_DAYS:
            return Reminder(request_id=request_id, kind=OVERDUE, deadline=deadline, days_left=left)
        return None
    if left <= DUE_SOON_DAYS and not any(s.kind == DUE_SOON for s in mine):
        return Reminder(request_id=request_id, kind=DUE_SOON, deadline=deadline, days_left=left)
    return None
