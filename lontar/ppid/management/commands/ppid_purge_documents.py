"""Delete identity documents whose retention period after closing has ended (run daily, e.g. from cron)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from lontar.ppid.services.retention import identity_documents_purge


class Command(BaseCommand):
    help = "Delete requesters' identity documents a body's retention period after the request was closed."

    def handle(self, *args: Any, **options: Any) -> None:
        result = identity_documents_purge()
        self.stdout.write(f"{result.documents} identity documents purged from {len(result.requests)} requests")
