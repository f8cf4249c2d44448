"""PPID services: every change of state goes through one of these functions."""

from lontar.ppid.services._common import InvalidTransition
from lontar.ppid.services.bodies import (
    CostItemData,
    public_body_create,
    public_body_set_costs,
    public_body_set_signatory,
    public_body_update,
)
from lontar.ppid.services.intake import (
    allocate_number,
    information_request_register,
    information_request_submit,
)
from lontar.ppid.services.notices import (
    ConsequenceTestData,
    NoticeData,
    RedactionData,
    consequence_test_create,
    information_request_issue_notice,
    notice_pdf_backfill,
)
from lontar.ppid.services.objections import (
    NOT_OBJECTABLE,
    AnswerData,
    DisputeData,
    dispute_record,
    ground_options,
    information_request_carry_out_order,
    objection_answer,
    objection_file,
    objection_record_response,
)
from lontar.ppid.services.workflow import (
    information_request_assign,
    information_request_close,
    information_request_complete,
    information_request_deliver,
    information_request_extend,
    information_request_mark_incomplete,
    information_request_withdraw,
)

__all__ = [
    "NOT_OBJECTABLE",
    "AnswerData",
    "ConsequenceTestData",
    "CostItemData",
    "DisputeData",
    "InvalidTransition",
    "NoticeData",
    "RedactionData",
    "allocate_number",
    "consequence_test_create",
    "dispute_record",
    "ground_options",
    "information_request_assign",
    "information_request_carry_out_order",
    "information_request_close",
    "information_request_complete",
    "information_request_deliver",
    "information_request_extend",
    "information_request_issue_notice",
    "information_request_mark_incomplete",
    "information_request_register",
    "information_request_submit",
    "information_request_withdraw",
    "notice_pdf_backfill",
    "objection_answer",
    "objection_file",
    "objection_record_response",
    "public_body_create",
    "public_body_set_costs",
    "public_body_set_signatory",
    "public_body_update",
]
