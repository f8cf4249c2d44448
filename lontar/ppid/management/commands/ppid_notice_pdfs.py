"""Store the PDF of written notices recorded without one (sample data written before PDFs were issued)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from lontar.ppid.models import Notice
from lontar.ppid.services import notice_pdf_backfill


class Command(BaseCommand):
    help = (
        "Render and store the PDF (with its verification code and digests) of every written notice that "
        "has none. Pages never do this on a GET; until this runs they answer 'document not available'."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--limit", type=int, default=0, help="at most this many notices (0: all)")

    def handle(self, *args: Any, **options: Any) -> None:
        pending = Notice.objects.filter(pdf="").order_by("id").values_list("pk", flat=True)
        if options["limit"] > 0:
            pending = pending[: options["limit"]]
        done = 0
        for pk in list(pending):
            notice_pdf_backfill(notice=Notice.objects.get(pk=pk))
            done += 1
        left = Notice.objects.filter(pdf="").count()
        self.stdout.write(f"notice PDFs stored: {done}; still without a PDF: {left}")
