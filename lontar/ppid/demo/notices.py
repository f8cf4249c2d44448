"""PDFs of the sample notices a demo user is likely to open.

Sample requests are written in bulk without their notice PDFs (rendering every one would make
``make demo`` slow: WeasyPrint takes about 0.2-0.5 s per notice on a small machine). The most
recent notices of each public body are the ones on the first page of its register and the ones a
demo user clicks, so those get their PDF (and verification code) through the same service as
``manage.py ppid_notice_pdfs``, which stores the rest on demand. Older sample notices keep
answering "document not available" (503), like any notice recorded without its PDF.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import F, Window
from django.db.models.functions import RowNumber

from lontar.ppid.models import Notice
from lontar.ppid.services import notice_pdf_backfill

#: notices per public body whose PDF ``ppid_demo`` stores (the first page of a register)
RECENT_PER_BODY = 8


def recent_sample_notices(*, per_body: int, requests: Iterable[str] = ()) -> list[int]:
    """The sample notices without a PDF among the ``per_body`` most recent of each public body,
    and those of the requests numbered in ``requests`` (the demo's tracking examples)."""
    ranked = Notice.objects.filter(request__is_sample=True).annotate(
        rank=Window(
            RowNumber(),
            partition_by=[F("request__public_body_id")],
            order_by=[F("issued_on").desc(), F("id").desc()],
        )
    )
    # "without a PDF" is checked after ranking: a filter on a plain field would apply before it
    top = ranked.filter(rank__lte=per_body).values_list("pk", "pdf") if per_body > 0 else []
    recent = {pk for pk, pdf in top if not pdf}
    named = Notice.objects.filter(request__is_sample=True, request__number__in=list(requests), pdf="")
    return sorted(recent | set(named.values_list("pk", flat=True)))


def store_sample_notice_pdfs(*, per_body: int = RECENT_PER_BODY, requests: Iterable[str] = ()) -> int:
    """Render and store the PDFs of :func:`recent_sample_notices`; returns how many were stored."""
    pks = recent_sample_notices(per_body=per_body, requests=requests)
    for pk in pks:
        notice_pdf_backfill(notice=Notice.objects.get(pk=pk))
    return len(pks)
