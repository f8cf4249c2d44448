"""manage.py catalog_publish_due [--date YYYY-MM-DD] [--dry-run]

Publish every verified dataset (and approved Data Prioritas) whose release date has come.
Run it daily (cron or a systemd timer) shortly after midnight WITA; it is idempotent.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from lontar.catalog.services import dataset_publish, datasets_due
from lontar.datastore.services import DatastoreError


class Command(BaseCommand):
    help = "Publish the datasets whose release date has come."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="publish what is due on this date (YYYY-MM-DD; default today, WITA)")
        parser.add_argument("--dry-run", action="store_true", help="only list what would be published")

    def _day(self, raw: str | None) -> dt.date | None:
        if not raw:
            return None
        try:
            return dt.date.fromisoformat(raw)
        except ValueError as exc:
            raise CommandError(_("--date must look like 2026-03-01.")) from exc

    def handle(self, *args: Any, **options: Any) -> None:
        day = self._day(options.get("date"))
        due = datasets_due(day)
        failed = 0
        for dataset in due:
            if options["dry_run"]:
                self.stdout.write(f"{dataset.slug}: {dataset.release_date or '-'}")
                continue
            try:
                dataset_publish(
                    actor=None, dataset=dataset, note=_("Published automatically on its release date."), on=day
                )
            except (ValidationError, DatastoreError) as exc:
                failed += 1
                message = "; ".join(getattr(exc, "messages", [str(exc)]))
                self.stderr.write(_("%(slug)s not published: %(error)s") % {"slug": dataset.slug, "error": message})
            else:
                self.stdout.write(_("%(slug)s published.") % {"slug": dataset.slug})
        self.stdout.write(_("%(n)d dataset(s) due, %(failed)d failed.") % {"n": len(due), "failed": failed})
        if failed:
            raise CommandError(_("Some datasets could not be published."))
