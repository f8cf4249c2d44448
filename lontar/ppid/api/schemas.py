"""Schemas of the PPID API. Public schemas never carry personal data."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ninja import Field, Schema

from lontar.core.api_errors import BodyIn
from lontar.ppid.choices import Decision, ObjectionDecision


class BodyOut(Schema):
    code: str
    slug: str
    name: str
    kind: str
    parent_code: str | None
    accepts_requests: bool
    internal_target_days: int
    retention_days: int
    is_sample: bool


class EventOut(Schema):
    at: dt.datetime
    action: str
    from_status: str
    to_status: str
    note: str


class RedactionOut(Schema):
    part: str
    reason: str
    ground: str


class NoticeOut(Schema):
    number: str
    decision: str
    decision_label: str
    issued_on: dt.date
    information_held: bool
    holder: str
    exemption_ground: str
    material: str
    delivery: str
    cost: Decimal
    payment_method: str
    explanation: str
    redactions: list[RedactionOut]
    files: list[str]


class DeadlineOut(Schema):
    kind: str = Field(description="notice (the written notice) or completion (requester completes)")
    due: dt.date
    working_days_left: int
    overdue: bool
    running: bool


class DisputeOut(Schema):
    registered_on: dt.date
    register_number: str
    stage: str
    outcome: str
    decided_on: dt.date | None


class ObjectionOut(Schema):
    id: int
    number: str
    grounds: list[str]
    explanation: str
    filed_on: dt.date
    status: str
    answer_due_on: dt.date
    answer_deadline: DeadlineOut | None
    decision: str
    answer: str
    answered_on: dt.date | None
    atasan_name: str
    requester_response: str
    dispute_by: dt.date | None
    dispute: DisputeOut | None


class ObjectionAnswerIn(BodyIn):
    decision: ObjectionDecision = Field(description="the atasan's decision")
    answer: str = Field(min_length=10, max_length=5000, description="the written answer, at least 10 characters")
    atasan_name: str = Field(min_length=1, max_length=200, description="name and position, on one line")


class TrackingIn(BodyIn):
    number: str = Field(max_length=80)
    token: str = Field(max_length=64)


class TrackingOut(Schema):
    number: str
    status: str
    status_label: str
    public_body: str
    assigned_to: str | None
    received_on: dt.date
    due_on: dt.date
    extended_due_on: dt.date | None
    deadline: DeadlineOut | None
    events: list[EventOut]
    notice: NoticeOut | None
    objections: list[ObjectionOut]
    is_sample: bool


class StatisticsOut(Schema):
    body_code: str
    body_slug: str
    body_name: str
    total: int
    open: int
    by_status: dict[str, int]
    is_sample: bool


class RequestSummaryOut(Schema):
    id: int
    number: str
    status: str
    channel: str
    public_body: str
    assigned_to: str | None
    name: str
    received_on: dt.date
    due_on: dt.date
    extended_due_on: dt.date | None
    deadline: DeadlineOut | None
    is_sample: bool


class RequestPage(Schema):
    items: list[RequestSummaryOut]
    next_cursor: str | None
    next: str | None


class PersonalDataOut(Schema):
    identity_number: str
    address: str
    phone: str
    email: str
    occupation: str


class RequestDetailOut(RequestSummaryOut):
    requester_type: str
    by_proxy: bool
    information_requested: str
    purpose: str
    obtain_method: str
    copy_method: str
    extension_reason: str
    incomplete_reason: str
    completion_due_on: dt.date | None
    notice_issued_on: dt.date | None
    delivered_on: dt.date | None
    closed_on: dt.date | None
    personal_data: PersonalDataOut | None = Field(description="only for the officers handling the request")
    events: list[EventOut]
    notice: NoticeOut | None
    objections: list[ObjectionOut]


class NoteIn(BodyIn):
    reason: str = Field("", max_length=2000, description="a note: empty, or at least 10 characters of plain text")


class ReasonIn(BodyIn):
    reason: str = Field(min_length=10, max_length=2000, description="the reason, at least 10 characters of plain text")


class AssignIn(NoteIn):
    to: str = Field(max_length=40, description="code of a PPID Pelaksana of the request's body")


class RedactionIn(BodyIn):
    part: str = Field(max_length=300)
    reason: str = Field(max_length=2000)
    ground: str = Field(max_length=1)


class NoticeIn(BodyIn):
    decision: Decision
    material: str = Field("", max_length=5000)
    delivery: str = Field("", max_length=2000)
    holder: str = Field("", max_length=300)
    exemption_ground: str = Field("", max_length=1)
    consequence_test_id: int | None = None
    cost: Decimal = Field(Decimal(0), max_digits=12, decimal_places=0)
    payment_method: str = Field("", max_length=300)
    explanation: str = Field("", max_length=5000)
    redactions: list[RedactionIn] = Field(default_factory=list, max_length=20)


class DipEntryOut(Schema):
    id: int
    number: str
    body_code: str
    body_slug: str
    body_name: str
    summary: str
    holder: str
    responsible: str
    made_when: str
    made_where: str
    year: int | None
    form: str
    form_label: str
    retention: str
    category: str
    category_label: str
    consequence_test_id: int | None = Field(description="the uji konsekuensi of an exempt entry (see /dikecualikan)")
    dataset_url: str | None = Field(description="the dataset in the Satu Data catalogue, when it is public")
    document_url: str | None
    is_sample: bool
    updated_at: dt.datetime


class DipPage(Schema):
    items: list[DipEntryOut]
    next_cursor: str | None
    next: str | None


class ExemptInformationOut(Schema):
    id: int
    body_code: str
    body_slug: str
    body_name: str
    information: str
    exempted_parts: str
    ground: str = Field(description="letter of Pasal 17 UU 14/2008")
    ground_label: str
    legal_basis: str
    harm: str
    public_interest: str
    closed_period: str
    closed_until: dt.date | None
    decided_by: str
    decided_on: dt.date
    is_sample: bool


class ExemptInformationPage(Schema):
    items: list[ExemptInformationOut]
    next_cursor: str | None
    next: str | None
