"""The report's sections as labelled tables (shared by the page, the PDF and the XLSX), its charts and the PDF.

Sections follow the legal annual report (UU 14/2008 Pasal 7(3), Perki 1/2021): number of
requests, time to answer, granted, refused with reasons, fees, keberatan, disputes, per body,
and the parts Lontar cannot compute (facilities, staff, budget, constraints, recommendations).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.template.loader import render_to_string
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from lontar.core.dates import format_date
from lontar.core.svg import Chart, bar_chart
from lontar.ppid.choices import (
    Channel,
    Decision,
    DisputeStage,
    ExemptionGround,
    ObjectionDecision,
    ObjectionGround,
    RequesterType,
)
from lontar.ppid.report.compute import Report


@dataclass(frozen=True)
class Table:
    title: str
    headers: list[str]
    rows: list[list[Any]]
    note: str = ""


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    tables: list[Table] = field(default_factory=list)
    note: str = ""


def period_label(report: Report) -> str:
    if report.period.semester == 1:
        return _("Semester I (January–June) %(year)d") % {"year": report.period.year}
    if report.period.semester == 2:
        return _("Semester II (July–December) %(year)d") % {"year": report.period.year}
    return _("Year %(year)d") % {"year": report.period.year}


def scope_label(report: Report) -> str:
    return report.body_name or _("All public bodies")


def outcome_label(key: str) -> str:
    if key in Decision.values:
        return str(Decision(key).label)
    return {
        "withdrawn": _("Withdrawn by the requester"),
        "closed_incomplete": _("Closed: incomplete and never completed"),
        "open": _("Still open (no written notice yet)"),
    }.get(key, key)


def bucket_label(key: str) -> str:
    return {
        "le10": _("Within 10 working days"),
        "11to17": _("11–17 working days (extension)"),
        "gt17": _("More than 17 working days"),
    }.get(key, key)


def _label(choices: Any, key: str) -> str:
    return str(choices(key).label) if key in choices.values else key


def _share(n: int, total: int) -> float | None:
    return round(100 * n / total, 1) if total else None


def _counts(pairs: tuple[tuple[str, int], ...], label: Any, total: int) -> list[list[Any]]:
    return [[label(key), n, _share(n, total)] for key, n in pairs]


def _count_headers(what: str) -> list[str]:
    return [what, pgettext("report", "Number"), _("Share (%)")]


def _requests_section(r: Report) -> Section:
    return Section(
        "requests",
        _("1. Number of requests"),
        [
            Table(
                _("Requests received"), [_("Figure"), pgettext("report", "Number")], [[_("Requests received"), r.total]]
            ),
            Table(
                _("By channel"),
                _count_headers(_("Channel")),
                _counts(r.by_channel, lambda k: _label(Channel, k), r.total),
            ),
            Table(
                _("By requester type"),
                _count_headers(_("Requester type")),
                _counts(r.by_requester_type, lambda k: _label(RequesterType, k), r.total),
            ),
        ],
    )


def _time_section(r: Report) -> Section:
    wd = r.working_days
    summary: list[list[Any]] = [
        [_("Requests answered with a written notice"), r.answered],
        [_("Mean (working days)"), round(wd.mean, 1) if wd.mean is not None else None],
        [_("Median (working days)"), wd.median],
        [_("Shortest (working days)"), wd.minimum],
        [_("Longest (working days)"), wd.maximum],
        [_("Deadlines extended (+7 working days)"), r.extended],
        [_("Answered after the deadline"), r.answered_late],
        [_("Still waiting past the deadline"), r.open_overdue],
    ]
    return Section(
        "time",
        _("2. Time needed to answer"),
        [
            Table(_("Working days from receipt to the written notice"), [_("Figure"), _("Value")], summary),
            Table(
                _("Working days to the written notice"),
                _count_headers(_("Time")),
                _counts(wd.buckets, bucket_label, wd.count),
            ),
        ],
        note=_(
            "Counted in working days from the day the request was received or completed (day 0) to the written "
            "notice, without weekends, national holidays and cuti bersama."
        ),
    )


def _granted_section(r: Report) -> Section:
    rows = _counts(r.by_outcome, outcome_label, r.total)
    rows.append([_("Granted wholly or partly"), r.granted, _share(r.granted, r.total)])
    return Section(
        "granted", _("3. Decisions: requests granted"), [Table(_("By decision"), _count_headers(_("Decision")), rows)]
    )


def _refused_section(r: Report) -> Section:
    ground = lambda k: _label(ExemptionGround, k)  # noqa: E731
    return Section(
        "refused",
        _("4. Requests refused, with reasons"),
        [
            Table(
                _("Refusals by ground (UU 14/2008 Pasal 17)"),
                _count_headers(_("Ground")),
                _counts(r.refusals_by_ground, ground, r.refused),
            ),
            Table(
                _("Blacked-out parts by ground (Pasal 17)"),
                [_("Ground"), pgettext("report", "Number")],
                [[ground(k), n] for k, n in r.redactions_by_ground],
            ),
        ],
    )


def _fees_section(r: Report) -> Section:
    rows = [
        [_("Written notices"), r.fees.notices],
        [_("Notices with a cost"), r.fees.charged],
        [_("Notices free of charge"), r.fees.notices - r.fees.charged],
        [_("Total cost stated (Rp)"), r.fees.total],
    ]
    return Section(
        "fees",
        _("5. Costs"),
        [Table(_("Costs in the written notices"), [_("Figure"), _("Value")], rows)],
        note=_("Costs as stated in the written notices; Lontar does not record whether they were paid."),
    )


def _objections_section(r: Report) -> Section:
    o = r.objections
    rows = [
        [_("Objections received"), o.received],
        [_("Answered by the atasan PPID"), o.answered],
        [_("Awaiting an answer"), o.pending],
        [_("Answered after 30 working days"), o.answered_late],
        [_("Requester accepted the answer"), o.accepted],
        [_("Requester took it to the Komisi Informasi"), o.taken_to_dispute],
    ]
    return Section(
        "objections",
        _("6. Objections (keberatan)"),
        [
            Table(_("Objections received and answered"), [_("Figure"), pgettext("report", "Number")], rows),
            Table(
                _("Answers of the atasan PPID"),
                _count_headers(_("Decision")),
                _counts(o.by_decision, lambda k: _label(ObjectionDecision, k), o.answered),
            ),
            Table(
                _("Grounds of the objections (Pasal 35(1))"),
                [_("Ground"), pgettext("report", "Number")],
                [[_label(ObjectionGround, k), n] for k, n in o.by_ground],
            ),
        ],
    )


#: disputes listed one by one on the page and in the PDF (the XLSX lists them all)
MAX_LISTED_DISPUTES = 30


def _disputes_section(r: Report, limit: int | None) -> Section:
    d = r.disputes
    stage = lambda k: _label(DisputeStage, k)  # noqa: E731
    tables = [
        Table(_("Disputes by stage"), _count_headers(_("Stage")), _counts(d.by_stage, stage, d.total)),
        Table(
            _("Court cases"), [_("Figure"), pgettext("report", "Number")], [[_("Disputes appealed to court"), d.court]]
        ),
    ]
    if d.items:
        headers = [
            _("Public body"),
            _("Registered on"),
            _("Register number"),
            _("Stage"),
            _("Decided on"),
            _("Outcome"),
        ]
        items = d.items if limit is None else d.items[:limit]
        rows = [
            [i.body, i.registered_on, i.register_number, stage(i.stage), i.decided_on, i.outcome[:200]] for i in items
        ]
        note = ""
        if len(items) < len(d.items):
            note = _("The first %(shown)d of %(total)d disputes; the XLSX lists them all.") % {
                "shown": len(items),
                "total": len(d.items),
            }
        tables.append(Table(_("Disputes and their outcomes"), headers, rows, note))
    return Section("disputes", _("7. Information disputes at the Komisi Informasi"), tables)


def _bodies_section(r: Report) -> Section | None:
    if not r.bodies:
        return None
    headers = [
        _("Public body or PPID Pelaksana"),
        _("Requests"),
        _("Answered"),
        _("Granted wholly or partly"),
        _("Refused"),
        _("Mean working days"),
        _("Late"),
        _("Objections"),
    ]
    rows = [
        [
            b.name,
            b.total,
            b.answered,
            b.granted,
            b.refused,
            round(b.mean_days, 1) if b.mean_days is not None else None,
            b.late,
            b.objections,
        ]
        for b in r.bodies
    ]
    return Section(
        "bodies", _("8. Per public body"), [Table(_("Figures per public body (handling body)"), headers, rows)]
    )


def sections(report: Report, *, limit: int | None = None) -> list[Section]:
    """Every section; ``limit`` caps the dispute list (page and PDF), None lists every dispute (XLSX)."""
    out = [
        _requests_section(report),
        _time_section(report),
        _granted_section(report),
        _refused_section(report),
        _fees_section(report),
        _objections_section(report),
        _disputes_section(report, limit),
    ]
    bodies = _bodies_section(report)
    if bodies:
        out.append(bodies)
    out.append(
        Section(
            "other",
            _("Not computed by Lontar"),
            note=_(
                "Facilities and infrastructure, staff, budget, constraints and recommendations are written by the "
                "PPID in the annual report itself."
            ),
        )
    )
    return out


def display(value: Any) -> str:
    """A cell for people (page and PDF), in the active language."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, Decimal):
        return "Rp " + formats.number_format(value, 0, use_l10n=True, force_grouping=True)
    if isinstance(value, float):
        return formats.number_format(value, 1, use_l10n=True, force_grouping=True)
    if isinstance(value, int):
        return formats.number_format(value, 0, use_l10n=True, force_grouping=True)
    if isinstance(value, dt.date):
        return format_date(value)
    return str(value)


#: the chart shown in each section
SECTION_CHARTS = {"requests": "channel", "time": "time", "granted": "outcome", "refused": "refused"}


def display_sections(report: Report, chart_map: dict[str, Chart] | None = None) -> list[dict[str, Any]]:
    chart_map = chart_map or {}
    return [
        {
            "key": s.key,
            "chart": chart_map.get(SECTION_CHARTS.get(s.key, "")),
            "title": s.title,
            "note": s.note,
            "tables": [
                {
                    "title": t.title,
                    "note": t.note,
                    "headers": t.headers,
                    # a numeric column is right-aligned: judged on the first row's cell
                    "numeric": [isinstance(v, int | float | Decimal) for v in (t.rows[0] if t.rows else [])],
                    "rows": [[display(v) for v in row] for row in t.rows],
                }
                for t in s.tables
            ],
        }
        for s in sections(report, limit=MAX_LISTED_DISPUTES)
    ]


def charts(report: Report) -> dict[str, Chart]:
    """Bar charts of the main distributions (each with its data table)."""
    wd = report.working_days
    return {
        "channel": bar_chart(
            [(_label(Channel, k), n) for k, n in report.by_channel],
            title=_("Requests by channel"),
            chart_id="report-channel",
        ),
        "outcome": bar_chart(
            [(outcome_label(k), n) for k, n in report.by_outcome],
            title=_("Requests by decision"),
            chart_id="report-outcome",
        ),
        "time": bar_chart(
            [(bucket_label(k), n) for k, n in wd.buckets],
            title=_("Working days to the written notice"),
            chart_id="report-time",
        ),
        "refused": bar_chart(
            [(_("Pasal 17 %(letter)s") % {"letter": k}, n) for k, n in report.refusals_by_ground],
            title=_("Refusals by ground (Pasal 17)"),
            chart_id="report-refused",
        ),
    }


def report_html(report: Report) -> str:
    """The HTML the PDF is printed from, in Indonesian."""
    with translation.override("id"):
        return render_to_string(
            "ppid/report_pdf.html",
            {
                "report": report,
                "period": period_label(report),
                "scope": scope_label(report),
                "sections": display_sections(report, charts(report)),
            },
        )


def report_pdf(report: Report) -> bytes:
    """A4 PDF in Indonesian with the same look as the written notice."""
    from weasyprint import HTML

    return HTML(string=report_html(report)).write_pdf()
