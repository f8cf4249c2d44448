"""When a keberatan ground (UU 14/2008 Pasal 35(1)) applies to a request, and until when. Pure.

A keberatan must be filed within 30 working days after its ground arose (Pasal 36(1)). The day
each ground arises:

* a. refusal under Pasal 17 — the notice refusing (wholly or partly) was issued;
* b. periodic information not published — the day the request was received;
* c. request not answered — the last day of the (extended) deadline passed without a notice;
* d. answered other than asked, e. not fulfilled — the notice was issued;
* f. unreasonable fees — a notice asking for a fee was issued;
* g. answered late — a notice issued after the (extended) deadline.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from lontar.core.dates import format_date
from lontar.ppid.choices import Decision, ObjectionGround
from lontar.ppid.rules import deadlines

REFUSING = frozenset({Decision.REFUSED, Decision.PARTIAL})
GRANTING = frozenset({Decision.GRANTED, Decision.PARTIAL})


@dataclass(frozen=True)
class RequestFacts:
    received_on: dt.date
    effective_due_on: dt.date
    notice_issued_on: dt.date | None = None
    decision: str | None = None
    cost: Decimal = Decimal(0)


@dataclass(frozen=True)
class GroundOption:
    ground: str
    arose_on: dt.date | None
    window_ends_on: dt.date | None
    available: bool
    why_not: str = ""


def arose_on(ground: str, facts: RequestFacts, today: dt.date) -> tuple[dt.date | None, str]:
    """The day ``ground`` arose for this request, or (None, why it does not apply)."""
    issued = facts.notice_issued_on
    if ground == ObjectionGround.B:
        return facts.received_on, ""
    if ground == ObjectionGround.C:
        if issued is not None:
            return None, _("The request was answered.")
        if today <= facts.effective_due_on:
            return None, _("The deadline for the written notice has not passed yet.")
        return facts.effective_due_on, ""
    if issued is None:
        return None, _("No written notice has been issued yet.")
    rules: dict[str, tuple[bool, str]] = {
        ObjectionGround.A: (facts.decision in REFUSING, _("The notice did not refuse the information.")),
        ObjectionGround.D: (True, ""),
        ObjectionGround.E: (facts.decision in GRANTING, _("The notice did not grant the information.")),
        ObjectionGround.F: (facts.cost > 0, _("The notice asks for no fee.")),
        ObjectionGround.G: (issued > facts.effective_due_on, _("The notice was issued within the deadline.")),
    }
    applies, why = rules.get(ground, (False, _("Unknown ground.")))
    return (issued, "") if applies else (None, why)


def option(ground: str, facts: RequestFacts, today: dt.date, holidays: deadlines.Holidays) -> GroundOption:
    arose, why = arose_on(ground, facts, today)
    if arose is None or arose > today:
        return GroundOption(ground, None, None, False, why or _("The ground has not arisen yet."))
    ends = deadlines.objection_deadline(arose, holidays)
    if today > ends:
        late = _("The 30 working days for this ground ended on %(date)s.") % {"date": format_date(ends)}
        return GroundOption(ground, arose, ends, False, late)
    return GroundOption(ground, arose, ends, True)


def options(facts: RequestFacts, today: dt.date, holidays: deadlines.Holidays) -> list[GroundOption]:
    return [option(g, facts, today, holidays) for g in ObjectionGround.values]
