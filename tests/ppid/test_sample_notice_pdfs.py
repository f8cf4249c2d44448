"""ppid_demo stores the PDFs of the sample notices a demo user is likely to open (the most recent
of each public body and the tracking examples); older sample notices keep the 503 page."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from lontar.accounts.models import Role
from lontar.core import documents
from lontar.organisations.models import Organisation
from lontar.ppid.models import Notice, PublicBody
from tests.ppid.test_sample import ntt  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

PER_BODY = 2


def _by_body() -> dict[str, list[Notice]]:
    notices: dict[str, list[Notice]] = {}
    for notice in Notice.objects.select_related("request__public_body").order_by("-issued_on", "-id"):
        notices.setdefault(notice.request.public_body.code, []).append(notice)
    return notices


def test_recent_sample_notices_get_their_pdf(ntt, login):  # noqa: F811
    out = io.StringIO()
    call_command("ppid_demo", province=30, per_kabkota=10, notice_pdfs=PER_BODY, stdout=out)
    examples = set(re.findall(r"try tracking: (\S+) / token", out.getvalue()))
    by_body = _by_body()
    assert by_body and all(len(notices) > PER_BODY for notices in by_body.values())
    for notices in by_body.values():
        for notice in notices[:PER_BODY]:
            assert notice.verification_code and notice.content_sha256
            assert documents.read_pdf(notice.pdf, sha256=notice.pdf_sha256).startswith(b"%PDF")
        older = [n for n in notices[PER_BODY:] if n.request.number not in examples]
        assert older and not any(n.pdf for n in older)
    for notice in Notice.objects.filter(request__number__in=examples):
        assert notice.pdf
    stored = sum(1 for n in Notice.objects.all() if n.pdf)
    assert f"sample notice PDFs stored: {stored} " in out.getvalue()

    staff, _ = login(Organisation.objects.get(slug="pemprov-ntt"), Role.PPID)
    province = by_body[PublicBody.objects.get(organisation__slug="pemprov-ntt").code]
    recent = staff.get(reverse("ppid:staff_notice_pdf", args=[province[0].request_id]))
    assert recent.status_code == 200 and recent.content.startswith(b"%PDF")
    legacy = next(n for n in province[PER_BODY:] if not n.pdf)
    assert staff.get(reverse("ppid:staff_notice_pdf", args=[legacy.request_id])).status_code == 503

    again = io.StringIO()
    call_command("ppid_demo", province=30, per_kabkota=10, notice_pdfs=PER_BODY, stdout=again)
    assert "sample notice PDFs stored: 0 " in again.getvalue()
