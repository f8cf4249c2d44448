"""The written notice as PDF (WeasyPrint): document number, QR code to the verification page,
SHA-256 of its content printed inside, SHA-256 of the PDF kept for the verification page.

The SHA-256 of a PDF cannot be printed inside that PDF, so the document carries the digest of a
canonical JSON of what it decides (number, request, decision, ground, material, blacked-out
parts, costs, files) and the verification page shows the digest of the PDF file as issued and
checks any copy against it.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from typing import Any

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from lontar.ppid.models import Notice

_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10


def new_code() -> str:
    """A verification code: 10 unambiguous characters, not guessable (about 50 bits)."""
    return "".join(secrets.choice(_ALPHABET) for _ in range(CODE_LENGTH))


def verify_url(code: str) -> str:
    return settings.BASE_URL.rstrip("/") + reverse("ppid:verify", args=[code])


def canonical(notice: Notice, code: str) -> dict[str, Any]:
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
        "redactions": [[r.part, r.reason, r.ground] for r in notice.redactions.order_by("id")],
        "files": [[f.name, f.sha256] for f in notice.files.order_by("id")],
    }


def content_digest(notice: Notice, code: str) -> str:
    data = json.dumps(canonical(notice, code), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def qr_svg(url: str) -> str:
    return segno.make(url, error="m").svg_inline(scale=3, border=2, title=url, svgclass="qr", omitsize=False)


def render_pdf(notice: Notice, *, code: str, digest: str) -> bytes:
    """The PDF bytes, in Indonesian: the notice is an official letter of the public body."""
    from weasyprint import HTML

    url = verify_url(code)
    with translation.override("id"):
        html = render_to_string(
            "ppid/notice_pdf.html",
            {
                "notice": notice,
                "req": notice.request,
                "code": code,
                "digest": digest,
                "verify_url": url,
                "qr": qr_svg(url),
            },
        )
    return HTML(string=html).write_pdf()
