"""Schemas and serialisation of the public annual report (GET /api/v1/ppid/report). No personal data."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Field, Schema

from lontar.ppid.report.compute import Report


class WorkingDaysOut(Schema):
    answered: int = Field(description="requests with a written notice")
    mean: float | None
    median: float | None
    minimum: int | None
    maximum: int | None
    buckets: dict[str, int] = Field(description="le10, 11to17 (extension), gt17 working days")
    extended: int
    answered_late: int
    open_overdue: int = Field(description="still waiting for the notice past the deadline, today")


class FeesOut(Schema):
    notices: int
    charged: int
    total: Decimal = Field(description="sum of the costs stated in the written notices (Rp); payment is not recorded")


class ObjectionsOut(Schema):
    received: int
    answered: int
    pending: int
    answered_late: int
    by_decision: dict[str, int]
    by_ground: dict[str, int] = Field(description="UU 14/2008 Pasal 35(1) a–g; one keberatan may cite several")
    accepted: int
    taken_to_dispute: int


class DisputesOut(Schema):
    total: int
    by_stage: dict[str, int]
    court: int


class ReportBodyOut(Schema):
    code: str
    name: str
    total: int
    answered: int
    granted: int
    refused: int
    mean_working_days: float | None
    late: int
    objections: int


class ReportOut(Schema):
    year: int
    semester: int | None
    period_start: dt.date
    period_end: dt.date
    body_code: str | None
    body_name: str | None
    generated_on: dt.date
    total: int
    by_channel: dict[str, int]
    by_requester_type: dict[str, int]
    by_outcome: dict[str, int] = Field(
        description="notice decisions, withdrawn, closed_incomplete (never completed), open (no notice yet)"
    )
    granted: int = Field(description="granted wholly or partly")
    refused: int
    working_days: WorkingDaysOut
    refusals_by_ground: dict[str, int] = Field(description="UU 14/2008 Pasal 17 a–j")
    redactions_by_ground: dict[str, int]
    fees: FeesOut
    objections: ObjectionsOut
    disputes: DisputesOut
    bodies: list[ReportBodyOut] = Field(description="per handling body, when no single body is chosen")
    is_sample: bool = Field(description="some figures come from sample records (data contoh)")


def report_out(r: Report) -> dict[str, Any]:
    wd, o, d = r.working_days, r.objections, r.disputes
    return {
        "year": r.period.year,
        "semester": r.period.semester,
        "period_start": r.period.start,
        "period_end": r.period.end,
        "body_code": r.body_code or None,
        "body_name": r.body_name or None,
        "generated_on": r.generated_on,
        "total": r.total,
        "by_channel": dict(r.by_channel),
        "by_requester_type": dict(r.by_requester_type),
        "by_outcome": dict(r.by_outcome),
        "granted": r.granted,
        "refused": r.refused,
        "working_days": {
            "answered": r.answered,
            "mean": round(wd.mean, 2) if wd.mean is not None else None,
            "median": wd.median,
            "minimum": wd.minimum,
            "maximum": wd.maximum,
            "buckets": dict(wd.buckets),
            "extended": r.extended,
            "answered_late": r.answered_late,
            "open_overdue": r.open_overdue,
        },
        "refusals_by_ground": dict(r.refusals_by_ground),
        "redactions_by_ground": dict(r.redactions_by_ground),
        "fees": {"notices": r.fees.notices, "charged": r.fees.charged, "total": r.fees.total},
        "objections": {
            "received": o.received,
            "answered": o.answered,
            "pending": o.pending,
            "answered_late": o.answered_late,
            "by_decision": dict(o.by_decision),
            "by_ground": dict(o.by_ground),
            "accepted": o.accepted,
            "taken_to_dispute": o.taken_to_dispute,
        },
        "disputes": {"total": d.total, "by_stage": dict(d.by_stage), "court": d.court},
        "bodies": [
            {
                "code": b.code,
                "name": b.name,
                "total": b.total,
                "answered": b.answered,
                "granted": b.granted,
                "refused": b.refused,
                "mean_working_days": round(b.mean_days, 2) if b.mean_days is not None else None,
                "late": b.late,
                "objections": b.objections,
            }
            for b in r.bodies
        ],
        "is_sample": r.has_sample,
    }
