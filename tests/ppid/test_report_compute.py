"""The annual report's arithmetic, without a database: hand-computed vectors and properties."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lontar.calendar.workdays import working_days_between
from lontar.ppid.choices import Channel, Decision, ExemptionGround, RequesterType, Status
from lontar.ppid.report.compute import (
    OUTCOMES,
    DisputeRow,
    ObjectionRow,
    Period,
    RequestRow,
    bucket_of,
    compute_report,
    working_day_counter,
)

#: SKB 3 Menteri days off around Nyepi / Idul Fitri 2026 and Christmas–New Year 2025/26
HOLIDAYS = frozenset(
    dt.date.fromisoformat(d)
    for d in (
        "2025-12-25", "2025-12-26", "2026-01-01", "2026-03-18", "2026-03-19", "2026-03-20", "2026-03-21",
        "2026-03-22", "2026-03-23", "2026-03-24", "2026-04-03",
    )
)  # fmt: skip
TODAY = dt.date(2026, 12, 6)


def row(
    *,
    start: dt.date,
    notice: dt.date | None = None,
    decision: str | None = None,
    ground: str | None = None,
    status: str = Status.NOTICE_ISSUED,
    body: int = 1,
    channel: str = Channel.ONLINE,
    extended: bool = False,
    cost: Decimal | None = None,
    due: dt.date | None = None,
) -> RequestRow:
    due = due or start + dt.timedelta(days=30)
    return RequestRow(
        body, channel, RequesterType.PERORANGAN, status, start, start, due,
        due + dt.timedelta(days=9) if extended else None, notice, decision, ground, cost, False,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("start", "notice", "days"),
    [
        # Tuesday before Nyepi and Idul Fitri: 18–20 and 23–24 March and Good Friday 3 April are off
        ("2026-03-17", "2026-04-08", 10),
        ("2026-03-17", "2026-04-09", 11),
        ("2026-03-17", "2026-03-25", 1),
        # Christmas Eve 2025: 25–26 December and 1 January are off
        ("2025-12-24", "2026-01-12", 10),
        ("2025-12-24", "2025-12-29", 1),
        ("2025-12-24", "2025-12-24", 0),
    ],
)
def test_working_days_across_the_holidays(start, notice, days):
    a, b = dt.date.fromisoformat(start), dt.date.fromisoformat(notice)
    assert working_day_counter(dt.date(2025, 12, 1), dt.date(2026, 4, 30), HOLIDAYS)(a, b) == days
    assert working_days_between(a, b, HOLIDAYS) == days


def test_a_hand_computed_report():
    rows = [
        row(start=dt.date(2026, 3, 17), notice=dt.date(2026, 4, 8), decision=Decision.GRANTED, cost=Decimal(5000)),
        row(
            start=dt.date(2026, 3, 17), notice=dt.date(2026, 4, 9), decision=Decision.REFUSED, ground="h",
            body=2, channel=Channel.EMAIL, extended=True,
        ),
        row(start=dt.date(2025, 12, 24), notice=dt.date(2026, 1, 12), decision=Decision.PARTIAL),
        row(start=dt.date(2026, 8, 3), status=Status.RECEIVED, due=dt.date(2026, 8, 17)),
        row(start=dt.date(2026, 8, 3), status=Status.WITHDRAWN),
    ]  # fmt: skip
    objections = [
        ObjectionRow(2, "answered", "rejected", ("a", "g"), dt.date(2026, 6, 1), dt.date(2026, 6, 2), "dispute", False),
        ObjectionRow(1, "filed", "", ("c",), dt.date(2026, 12, 30), None, "", False),
    ]
    disputes = [DisputeRow(2, dt.date(2026, 6, 10), "KI-1/2026", "court", None, "", True)]
    report = compute_report(
        period=Period(2026),
        requests=rows,
        redaction_grounds=["h", "h", "i"],
        objections=objections,
        disputes=disputes,
        holidays=HOLIDAYS,
        today=TODAY,
        body_names={1: ("ntt", "Provinsi"), 2: ("kab", "Kabupaten")},
    )
    assert report.total == 5 and report.answered == 3
    wd = report.working_days
    assert (wd.minimum, wd.maximum, wd.median) == (10, 11, 10.0) and wd.mean == pytest.approx(31 / 3)
    assert dict(wd.buckets) == {"le10": 2, "11to17": 1, "gt17": 0}
    assert dict(report.by_channel)[Channel.EMAIL] == 1 and dict(report.by_channel)[Channel.ONLINE] == 4
    outcomes = dict(report.by_outcome)
    assert outcomes[Decision.GRANTED] == outcomes[Decision.PARTIAL] == outcomes[Decision.REFUSED] == 1
    assert outcomes["open"] == outcomes["withdrawn"] == 1 and report.granted == 2 and report.refused == 1
    assert report.extended == 1 and report.open_overdue == 1 and report.answered_late == 0
    assert dict(report.refusals_by_ground)["h"] == 1 and dict(report.redactions_by_ground) == {
        **{g: 0 for g in ExemptionGround.values},
        "h": 2,
        "i": 1,
    }
    assert (report.fees.notices, report.fees.charged, report.fees.total) == (3, 1, Decimal(5000))
    o = report.objections
    assert (o.received, o.answered, o.pending, o.answered_late, o.taken_to_dispute) == (2, 1, 1, 1, 1)
    assert dict(o.by_ground) == {"a": 1, "b": 0, "c": 1, "d": 0, "e": 0, "f": 0, "g": 1}
    assert report.disputes.total == 1 and report.disputes.court == 1 and report.disputes.items[0].body == "Kabupaten"
    assert report.has_sample  # the dispute is data contoh
    lines = {b.code: b for b in report.bodies}
    assert lines["ntt"].total == 4 and lines["ntt"].late == 1 and lines["kab"].refused == 1
    assert lines["kab"].objections == 1 and lines["kab"].mean_days == 11


def test_one_body_has_no_breakdown_and_an_empty_year_has_no_figures():
    empty = compute_report(period=Period(2030, 2), requests=[], today=TODAY, body=("ntt", "Provinsi"))
    assert empty.total == 0 and empty.working_days.mean is None and empty.bodies == () and empty.body_name == "Provinsi"
    assert empty.period.start == dt.date(2030, 7, 1) and empty.period.end == dt.date(2030, 12, 31)
    assert Period(2030, 1).end == dt.date(2030, 6, 30)
    for bad in ((1999, None), (2026, 3), (2026, 0)):
        with pytest.raises(ValueError):
            Period(*bad)


def test_buckets_edges():
    assert [bucket_of(d) for d in (0, 10, 11, 17, 18)] == ["le10", "le10", "11to17", "11to17", "gt17"]


DAY = st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2027, 12, 31))


@settings(max_examples=200, deadline=None)
@given(a=DAY, b=DAY, holidays=st.frozensets(DAY, max_size=40))
def test_the_counter_agrees_with_working_days_between(a, b, holidays):
    counter = working_day_counter(dt.date(2025, 1, 1), dt.date(2026, 12, 31), holidays)
    assert counter(a, b) == working_days_between(a, b, holidays)


@st.composite
def request_rows(draw):
    start = draw(st.dates(min_value=dt.date(2026, 1, 1), max_value=dt.date(2026, 12, 31)))
    answered = draw(st.booleans())
    notice = start + dt.timedelta(days=draw(st.integers(0, 60))) if answered else None
    decision = draw(st.sampled_from(Decision.values)) if answered else None
    status = Status.NOTICE_ISSUED if answered else draw(st.sampled_from(Status.values))
    return RequestRow(
        draw(st.integers(1, 4)), draw(st.sampled_from(Channel.values)), draw(st.sampled_from(RequesterType.values)),
        status, start, start, start + dt.timedelta(days=14),
        start + dt.timedelta(days=24) if draw(st.booleans()) else None, notice, decision,
        draw(st.sampled_from(ExemptionGround.values)) if decision == Decision.REFUSED else "",
        Decimal(draw(st.integers(0, 100_000))), draw(st.booleans()),
    )  # fmt: skip


@settings(max_examples=100, deadline=None)
@given(rows=st.lists(request_rows(), max_size=60), holidays=st.frozensets(DAY, max_size=30))
def test_report_properties(rows, holidays):
    report = compute_report(period=Period(2026), requests=rows, holidays=holidays, today=TODAY)
    assert sum(n for _, n in report.by_channel) == report.total == len(rows)
    assert sum(n for _, n in report.by_requester_type) == report.total
    assert sum(n for _, n in report.by_outcome) == report.total and len(report.by_outcome) == len(OUTCOMES)
    wd = report.working_days
    assert sum(n for _, n in wd.buckets) == report.answered == sum(1 for r in rows if r.notice_issued_on)
    if wd.count:
        assert wd.minimum <= wd.median <= wd.maximum and wd.minimum <= wd.mean <= wd.maximum
    assert sum(n for _, n in report.refusals_by_ground) == report.refused
    assert sum(b.total for b in report.bodies) == report.total
    assert sum(b.answered for b in report.bodies) == report.answered
    assert report.overdue <= report.total and report.fees.charged <= report.fees.notices
    assert report.has_sample == any(r.is_sample for r in rows)


def test_page_and_pdf_list_at_most_30_disputes_the_xlsx_all():
    from lontar.ppid.report import render as report_render

    disputes = [DisputeRow(1, dt.date(2026, 6, 1), f"KI/{i}", "decided", None, "x" * 900, False) for i in range(40)]
    report = compute_report(period=Period(2026), requests=[], disputes=disputes, today=TODAY)
    shown = next(s for s in report_render.display_sections(report) if s["key"] == "disputes")["tables"][-1]
    assert len(shown["rows"]) == report_render.MAX_LISTED_DISPUTES == 30 and "40" in shown["note"]
    assert all(len(row[-1]) <= 200 for row in shown["rows"])
    full = next(s for s in report_render.sections(report) if s.key == "disputes").tables[-1]
    assert len(full.rows) == 40 and not full.note
