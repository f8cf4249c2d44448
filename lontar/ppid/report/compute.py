"""The annual and semester report of the PPID service (UU 14/2008 Pasal 7(3), Perki 1/2021).

A pure function (:func:`compute_report`) turns plain rows into a frozen :class:`Report`, so the
arithmetic is testable without a database. The package imports one way: ``compute`` (this module,
no database) ← ``data`` (``annual_report`` reads only the columns needed with ``values_list`` and
calls it) and ``render`` (sections, charts, ``report_pdf``) ← ``xlsx`` (``report_xlsx``) ←
``cache`` (reports and files cached per data version). The period is chosen by the date a request was received; a
keberatan by the date it was filed; a dispute by the date it was registered at the Komisi
Informasi.

Working days per request: from the day the clock started (receipt, or completion of an incomplete
request; day 0) to the written notice, in working days (``lontar.calendar.workdays``).
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from lontar.calendar.workdays import working_days_between
from lontar.ppid.choices import (
    CLOCK_RUNNING,
    Channel,
    Decision,
    DisputeStage,
    ExemptionGround,
    ObjectionDecision,
    ObjectionGround,
    ObjectionStatus,
    RequesterResponse,
    RequesterType,
    Status,
)

#: working-day buckets of the time to the written notice: within 10, within the extension, later
BUCKETS = ("le10", "11to17", "gt17")
#: outcomes of a request: the notice's decision, or what became of a request without one
OUTCOMES = (*Decision.values, "withdrawn", "closed_incomplete", "open")
SEMESTERS = (1, 2)


class RequestRow(NamedTuple):
    body: int  # the body handling it: the PPID Pelaksana it is assigned to, else the body it was filed with
    channel: str
    requester_type: str
    status: str
    received_on: dt.date
    clock_start_on: dt.date
    due_on: dt.date
    extended_due_on: dt.date | None
    notice_issued_on: dt.date | None
    decision: str | None
    ground: str | None
    cost: Decimal | None
    is_sample: bool


class ObjectionRow(NamedTuple):
    body: int
    status: str
    decision: str
    grounds: Sequence[str]
    answer_due_on: dt.date
    answered_on: dt.date | None
    requester_response: str
    is_sample: bool


class DisputeRow(NamedTuple):
    body: int
    registered_on: dt.date
    register_number: str
    stage: str
    decided_on: dt.date | None
    outcome: str
    is_sample: bool


@dataclass(frozen=True)
class Period:
    year: int
    semester: int | None = None

    def __post_init__(self) -> None:
        if not 2000 <= self.year <= 2100:
            raise ValueError("year must be between 2000 and 2100")
        if self.semester not in (None, *SEMESTERS):
            raise ValueError("semester must be None, 1 or 2")

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 7 if self.semester == 2 else 1, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.year, 6, 30) if self.semester == 1 else dt.date(self.year, 12, 31)


@dataclass(frozen=True)
class WorkingDays:
    """Working days from the clock start to the written notice, over the answered requests."""

    count: int
    mean: float | None
    median: float | None
    minimum: int | None
    maximum: int | None
    buckets: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class Fees:
    """Costs stated in the written notices (the register records no payment received)."""

    notices: int
    charged: int
    total: Decimal


@dataclass(frozen=True)
class ObjectionFigures:
    received: int
    answered: int
    pending: int
    answered_late: int
    by_decision: tuple[tuple[str, int], ...]
    by_ground: tuple[tuple[str, int], ...]
    accepted: int
    taken_to_dispute: int


@dataclass(frozen=True)
class DisputeItem:
    body: str
    registered_on: dt.date
    register_number: str
    stage: str
    decided_on: dt.date | None
    outcome: str


@dataclass(frozen=True)
class DisputeFigures:
    total: int
    by_stage: tuple[tuple[str, int], ...]
    court: int
    items: tuple[DisputeItem, ...]


@dataclass(frozen=True)
class BodyLine:
    """One body's row of the breakdown table."""

    code: str
    name: str
    total: int
    answered: int
    granted: int  # wholly or partly
    refused: int
    mean_days: float | None
    late: int
    objections: int


@dataclass(frozen=True)
class Report:
    period: Period
    body_name: str  # "" when the report covers every body
    body_code: str
    generated_on: dt.date
    total: int
    by_channel: tuple[tuple[str, int], ...]
    by_requester_type: tuple[tuple[str, int], ...]
    by_outcome: tuple[tuple[str, int], ...]
    answered: int
    working_days: WorkingDays
    extended: int
    answered_late: int
    open_overdue: int
    refusals_by_ground: tuple[tuple[str, int], ...]
    redactions_by_ground: tuple[tuple[str, int], ...]
    fees: Fees
    objections: ObjectionFigures
    disputes: DisputeFigures
    bodies: tuple[BodyLine, ...]
    has_sample: bool

    @property
    def granted(self) -> int:
        """Requests granted wholly or partly."""
        counts = dict(self.by_outcome)
        return counts.get(Decision.GRANTED, 0) + counts.get(Decision.PARTIAL, 0)

    @property
    def refused(self) -> int:
        return dict(self.by_outcome).get(Decision.REFUSED, 0)

    @property
    def overdue(self) -> int:
        return self.answered_late + self.open_overdue


# ------------------------------------------------------------------ pure helpers


def working_day_counter(
    start: dt.date, end: dt.date, holidays: Collection[dt.date]
) -> Callable[[dt.date, dt.date], int]:
    """``working_days_between`` in O(1) for dates in ``[start, end]`` (a cumulative table); exact elsewhere."""
    days = max(0, (end - start).days)
    cumulative = [0] * (days + 1)
    off = frozenset(holidays)
    running = 0
    for i in range(1, days + 1):
        day = start + dt.timedelta(days=i)
        if day.weekday() < 5 and day not in off:
            running += 1
        cumulative[i] = running

    def count(a: dt.date, b: dt.date) -> int:
        i, j = (a - start).days, (b - start).days
        if 0 <= i <= days and 0 <= j <= days:
            return cumulative[j] - cumulative[i]
        return working_days_between(a, b, off)

    return count


def bucket_of(days: int) -> str:
    if days <= 10:
        return "le10"
    return "11to17" if days <= 17 else "gt17"


def outcome_of(row: RequestRow) -> str:
    if row.decision:
        return row.decision
    if row.status == Status.WITHDRAWN:
        return "withdrawn"
    if row.status == Status.CLOSED:
        return "closed_incomplete"
    return "open"


def _ordered(counter: Counter, keys: Iterable[str]) -> tuple[tuple[str, int], ...]:
    return tuple((k, counter.get(k, 0)) for k in keys)


def working_days_summary(values: Sequence[int]) -> WorkingDays:
    if not values:
        return WorkingDays(0, None, None, None, None, _ordered(Counter(), BUCKETS))
    return WorkingDays(
        count=len(values),
        mean=statistics.fmean(values),
        median=float(statistics.median(values)),
        minimum=min(values),
        maximum=max(values),
        buckets=_ordered(Counter(bucket_of(v) for v in values), BUCKETS),
    )


def _objection_figures(rows: Sequence[ObjectionRow]) -> ObjectionFigures:
    answered = [r for r in rows if r.status == ObjectionStatus.ANSWERED]
    grounds = Counter(g for r in rows for g in set(r.grounds))
    return ObjectionFigures(
        received=len(rows),
        answered=len(answered),
        pending=len(rows) - len(answered),
        answered_late=sum(1 for r in answered if r.answered_on and r.answered_on > r.answer_due_on),
        by_decision=_ordered(Counter(r.decision for r in answered), ObjectionDecision.values),
        by_ground=_ordered(grounds, ObjectionGround.values),
        accepted=sum(1 for r in rows if r.requester_response == RequesterResponse.ACCEPTED),
        taken_to_dispute=sum(1 for r in rows if r.requester_response == RequesterResponse.DISPUTE),
    )


def _dispute_figures(rows: Sequence[DisputeRow], names: dict[int, tuple[str, str]]) -> DisputeFigures:
    stages = Counter(r.stage for r in rows)
    items = tuple(
        DisputeItem(
            names.get(r.body, ("", ""))[1], r.registered_on, r.register_number, r.stage, r.decided_on, r.outcome
        )
        for r in sorted(rows, key=lambda r: (r.registered_on, r.register_number))
    )
    return DisputeFigures(len(rows), _ordered(stages, DisputeStage.values), stages.get(DisputeStage.COURT, 0), items)


def _late(row: RequestRow, today: dt.date) -> tuple[bool, bool]:
    """(answered after the deadline in force, still waiting for its notice past that deadline)."""
    due = row.extended_due_on or row.due_on
    if row.notice_issued_on is not None:
        return row.notice_issued_on > due, False
    return False, row.status in CLOCK_RUNNING and today > due


def _body_lines(
    rows: Sequence[RequestRow],
    days: dict[int, int],
    late: set[int],
    objections: Sequence[ObjectionRow],
    names: dict[int, tuple[str, str]],
) -> tuple[BodyLine, ...]:
    per_body: dict[int, list[int]] = {}
    for i, row in enumerate(rows):
        per_body.setdefault(row.body, []).append(i)
    objection_counts = Counter(o.body for o in objections)
    lines = []
    for body in set(per_body) | set(objection_counts):
        indexes = per_body.get(body, [])
        spans = [days[i] for i in indexes if i in days]
        outcomes = Counter(outcome_of(rows[i]) for i in indexes)
        code, name = names.get(body, (str(body), str(body)))
        lines.append(
            BodyLine(
                code=code,
                name=name,
                total=len(indexes),
                answered=len(spans),
                granted=outcomes[Decision.GRANTED] + outcomes[Decision.PARTIAL],
                refused=outcomes[Decision.REFUSED],
                mean_days=statistics.fmean(spans) if spans else None,
                late=sum(1 for i in indexes if i in late),
                objections=objection_counts.get(body, 0),
            )
        )
    return tuple(sorted(lines, key=lambda line: (-line.total, line.name)))


def compute_report(
    *,
    period: Period,
    requests: Sequence[RequestRow],
    redaction_grounds: Iterable[str] = (),
    objections: Sequence[ObjectionRow] = (),
    disputes: Sequence[DisputeRow] = (),
    holidays: Collection[dt.date] = (),
    today: dt.date,
    body_names: dict[int, tuple[str, str]] | None = None,
    body: tuple[str, str] | None = None,
) -> Report:
    """The report over rows already limited to the period and the bodies. No database, no clock.

    ``body_names`` maps a body id to (code, name); ``body`` is the (code, name) of the single
    body reported on, or None for every body (then the report carries a per-body breakdown).
    """
    names = body_names or {}
    starts = [r.clock_start_on for r in requests if r.notice_issued_on is not None]
    ends = [r.notice_issued_on for r in requests if r.notice_issued_on is not None]
    counter = working_day_counter(min(starts), max(ends), holidays) if starts else None
    days: dict[int, int] = {}
    late: set[int] = set()
    answered_late = open_overdue = 0
    for i, row in enumerate(requests):
        if counter is not None and row.notice_issued_on is not None:
            days[i] = counter(row.clock_start_on, row.notice_issued_on)
        is_late, is_overdue = _late(row, today)
        answered_late += is_late
        open_overdue += is_overdue
        if is_late or is_overdue:
            late.add(i)
    refused = [r for r in requests if r.decision == Decision.REFUSED]
    noticed = [r for r in requests if r.decision]
    charged = [r.cost for r in noticed if r.cost]
    return Report(
        period=period,
        body_name=body[1] if body else "",
        body_code=body[0] if body else "",
        generated_on=today,
        total=len(requests),
        by_channel=_ordered(Counter(r.channel for r in requests), Channel.values),
        by_requester_type=_ordered(Counter(r.requester_type for r in requests), RequesterType.values),
        by_outcome=_ordered(Counter(outcome_of(r) for r in requests), OUTCOMES),
        answered=len(days),
        working_days=working_days_summary(list(days.values())),
        extended=sum(1 for r in requests if r.extended_due_on is not None),
        answered_late=answered_late,
        open_overdue=open_overdue,
        refusals_by_ground=_ordered(Counter(r.ground for r in refused), ExemptionGround.values),
        redactions_by_ground=_ordered(Counter(redaction_grounds), ExemptionGround.values),
        fees=Fees(notices=len(noticed), charged=len(charged), total=sum(charged, Decimal(0))),
        objections=_objection_figures(objections),
        disputes=_dispute_figures(disputes, names),
        bodies=() if body else _body_lines(requests, days, late, objections, names),
        has_sample=any(r.is_sample for r in requests)
        or any(o.is_sample for o in objections)
        or any(d.is_sample for d in disputes),
    )
