"""Legal deadlines of the PPID service in working days. Pure: dates and a set of days off in.

UU 14/2008 and Perki 1/2021 count in working days, the day of receipt being day 0 (see
:mod:`lontar.calendar.workdays`). The numbers:

=============================================  ======  ==========================================
Step                                           Days    Runs from
=============================================  ======  ==========================================
Written notice (pemberitahuan tertulis)        10      receipt of the (complete) request
Extension, once, with written reasons          + 7     the end of the first 10
Keberatan filed by the requester               30      the day the ground arose
Atasan PPID answers a keberatan                30      receipt of the keberatan
Dispute to the Komisi Informasi                14      the atasan's answer (or its lapse)
Incomplete request: PPID tells the requester   3       receipt (local SOP, a body setting)
Incomplete request: requester completes it     3       the day the PPID told them (local SOP)
=============================================  ======  ==========================================
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from lontar.calendar.workdays import add_working_days, working_days_between

NOTICE_DAYS = 10
EXTENSION_DAYS = 7
OBJECTION_WINDOW_DAYS = 30
OBJECTION_ANSWER_DAYS = 30
DISPUTE_WINDOW_DAYS = 14
INCOMPLETE_NOTIFY_DAYS = 3
INCOMPLETE_COMPLETE_DAYS = 3

Holidays = Collection[dt.date]


def notice_due(received: dt.date, holidays: Holidays) -> dt.date:
    """Last day for the written notice: the 10th working day after receipt."""
    return add_working_days(received, NOTICE_DAYS, holidays)


def extended_due(first_due: dt.date, holidays: Holidays) -> dt.date:
    """Last day after the one extension: 7 working days after the end of the first 10."""
    return add_working_days(first_due, EXTENSION_DAYS, holidays)


def internal_target(received: dt.date, target_days: int, holidays: Holidays) -> dt.date:
    """A body's stricter internal target (never later than the legal 10 days)."""
    return add_working_days(received, min(target_days, NOTICE_DAYS), holidays)


def objection_deadline(ground_arose: dt.date, holidays: Holidays) -> dt.date:
    """Last day to file a keberatan (Pasal 36(1) UU 14/2008)."""
    return add_working_days(ground_arose, OBJECTION_WINDOW_DAYS, holidays)


def objection_answer_due(objection_received: dt.date, holidays: Holidays) -> dt.date:
    """Last day for the atasan PPID's answer to a keberatan."""
    return add_working_days(objection_received, OBJECTION_ANSWER_DAYS, holidays)


def dispute_deadline(answer_or_lapse: dt.date, holidays: Holidays) -> dt.date:
    """Last day to bring the dispute to the Komisi Informasi."""
    return add_working_days(answer_or_lapse, DISPUTE_WINDOW_DAYS, holidays)


def incomplete_notify_by(received: dt.date, holidays: Holidays, days: int = INCOMPLETE_NOTIFY_DAYS) -> dt.date:
    """Last day for the PPID to tell the requester the request is incomplete (local SOP)."""
    return add_working_days(received, days, holidays)


def completion_due(notified: dt.date, holidays: Holidays, days: int = INCOMPLETE_COMPLETE_DAYS) -> dt.date:
    """Last day for the requester to complete an incomplete request (local SOP)."""
    return add_working_days(notified, days, holidays)


def working_days_left(today: dt.date, due: dt.date, holidays: Holidays) -> int:
    """Working days from today to the deadline: 0 on the last day, negative once it passed."""
    return working_days_between(today, due, holidays)


def is_overdue(today: dt.date, due: dt.date) -> bool:
    """A deadline is missed from the day after its last day."""
    return today > due


@dataclass(frozen=True)
class DeadlineStatus:
    due: dt.date
    days_left: int
    overdue: bool

    @property
    def due_soon(self) -> bool:
        """Three working days or fewer left (the reminder threshold)."""
        return not self.overdue and self.days_left <= 3


def deadline_status(today: dt.date, due: dt.date, holidays: Holidays) -> DeadlineStatus:
    return DeadlineStatus(due=due, days_left=working_days_left(today, due, holidays), overdue=is_overdue(today, due))
