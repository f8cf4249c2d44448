"""The written notice as an issued document (:mod:`lontar.core.documents`).

What is notice-specific: its verification code (10 characters, the QR code's target
``/ppid/verifikasi/<code>/``), the canonical JSON of what it decides (number, request, decision,
ground, material, blacked-out parts, costs, files) whose SHA-256 is printed inside, and its
template. The notice is rendered from an unsaved ``Notice`` with its blacked-out parts and files
as lists, before the transaction that writes them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from lontar.core import documents
from lontar.ppid.models import Notice, NoticeFile, RedactedPart

CODE_LENGTH = 10


def new_code() -> str:
    """A verification code: 10 unambiguous characters, not guessable (about 50 bits)."""
    return documents.random_code(CODE_LENGTH)


def verify_url(code: str) -> str:
    return documents.absolute_url("ppid:verify", code)


def saved_parts(notice: Notice) -> tuple[list[RedactedPart], list[NoticeFile]]:
    """The blacked-out parts and files of a saved notice, in the order they were written."""
    return list(notice.redactions.order_by("id")), list(notice.files.order_by("id"))


def canonical(
    notice: Notice, code: str, redactions: Sequence[RedactedPart], files: Sequence[NoticeFile]
) -> dict[str, Any]:
    req = notice.request
    return {
        "code": code,
        "number": notice.number,
        "request": req.number,
        "body": req.public_body.code,
        "issued_on": notice.issued_on.isoformat(),
        "decision": notice.decision,
        "holder": notice.holder,
        "ground": notice.exemption_ground,
        "consequence_test": notice.consequence_test_id,
        "material": notice.material,
        "delivery": notice.delivery,
        "cost": str(notice.cost),
        "payment_method": notice.payment_method,
        "explanation": notice.explanation,
        "redactions": [[r.part, r.reason, r.ground] for r in redactions],
        "files": [[f.name, f.sha256] for f in files],
    }


def content_digest(notice: Notice, code: str, redactions: Sequence[RedactedPart], files: Sequence[NoticeFile]) -> str:
    return documents.content_digest(canonical(notice, code, redactions, files))


def render_pdf(
    notice: Notice, *, code: str, digest: str, redactions: Sequence[RedactedPart], files: Sequence[NoticeFile]
) -> documents.RenderedPdf:
    """The notice as PDF: an official letter of the public body (rendered outside any transaction)."""
    context = {
        "notice": notice,
        "req": notice.request,
        "code": code,
        "digest": digest,
        "redactions": redactions,
        "files": files,
    }
    return documents.render_pdf("ppid/notice_pdf.html", context, number=notice.number, verify_url=verify_url(code))
