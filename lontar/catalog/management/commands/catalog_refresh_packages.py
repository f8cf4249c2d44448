"""manage.py catalog_refresh_packages

Write the stored CKAN package text (``CatalogEntry.package_json``) of every public entry written
by older code (``package_format`` below ``ckan.packages.FORMAT``). Until then ``package_search``
builds those packages per request: the answers are the same, only slower. Run it after a
deployment that raises ``FORMAT``; it is idempotent.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from lontar.catalog.ckan.packages import FORMAT, stored_text
from lontar.catalog.models import CatalogEntry

BATCH = 500


class Command(BaseCommand):
    help = "Write the stored CKAN package text of catalogue entries written by older code."

    def handle(self, *args: Any, **options: Any) -> None:
        done = 0
        while True:
            with transaction.atomic():
                batch = list(
                    CatalogEntry.objects.filter(package_format__lt=FORMAT)
                    .select_related("version")
                    .only("pk", "metadata_created", "metadata_modified", "version__snapshot")[:BATCH]
                )
                for entry in batch:
                    entry.package_json = stored_text(
                        entry.version.snapshot, created=entry.metadata_created, modified=entry.metadata_modified
                    )
                    entry.package_format = FORMAT
                CatalogEntry.objects.bulk_update(batch, ["package_json", "package_format"])
            done += len(batch)
            if len(batch) < BATCH:
                break
        self.stdout.write(f"{done} catalogue entries refreshed")
