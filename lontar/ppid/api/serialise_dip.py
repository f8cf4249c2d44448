"""Public API shapes of DIP entries and of exempt information (consequence tests)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from lontar.ppid.models import ConsequenceTest, DipEntry
from lontar.ppid.views.dip import dataset_url, document_url


def dip_entry_out(request: HttpRequest, e: DipEntry) -> dict[str, Any]:
    body = e.body
    return {
        "id": e.pk,
        "number": e.number,
        "body_code": body.code,
        "body_slug": body.slug,
        "body_name": body.name,
        "summary": e.summary,
        "holder": e.holder,
        "responsible": e.responsible,
        "made_when": e.made_when,
        "made_where": e.made_where,
        "year": e.year,
        "form": e.form,
        "form_label": e.get_form_display(),
        "retention": e.retention,
        "category": e.category,
        "category_label": e.get_category_display(),
        "consequence_test_id": e.consequence_test_id if e.is_exempt else None,
        "dataset_url": dataset_url(request, e) or None,
        "document_url": document_url(request, e) or None,
        "is_sample": e.is_sample,
        "updated_at": e.updated_at,
    }


def exempt_out(t: ConsequenceTest) -> dict[str, Any]:
    body = t.body
    return {
        "id": t.pk,
        "body_code": body.code,
        "body_slug": body.slug,
        "body_name": body.name,
        "information": t.information,
        "exempted_parts": t.exempted_parts,
        "ground": t.ground,
        "ground_label": t.get_ground_display(),
        "legal_basis": t.legal_basis,
        "harm": t.harm,
        "public_interest": t.public_interest,
        "closed_period": t.closed_period,
        "closed_until": t.closed_until,
        "decided_by": t.decided_by,
        "decided_on": t.decided_on,
        "is_sample": t.is_sample,
    }
