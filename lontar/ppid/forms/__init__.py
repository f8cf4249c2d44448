"""Forms of the PPID pages. Validation of request data lives in :mod:`lontar.ppid.validation`."""

from lontar.ppid.forms.public import RequestForm, TrackingForm, WithdrawForm
from lontar.ppid.forms.staff import (
    AssignForm,
    ConsequenceTestForm,
    InboxFilterForm,
    IntakeForm,
    NoticeForm,
    ReasonForm,
)

__all__ = [
    "AssignForm",
    "ConsequenceTestForm",
    "InboxFilterForm",
    "IntakeForm",
    "NoticeForm",
    "ReasonForm",
    "RequestForm",
    "TrackingForm",
    "WithdrawForm",
]
