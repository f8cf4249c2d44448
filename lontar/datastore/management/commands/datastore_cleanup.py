"""manage.py datastore_cleanup [--stale-minutes N]: fail loads whose worker died, drop orphan tables."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from lontar.datastore.services import datastore_cleanup


class Command(BaseCommand):
    help = "Mark loads whose worker process ended as failed and drop datastore tables no version owns."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--stale-minutes",
            type=int,
            default=30,
            help="a load with no progress for this long counts as dead (workers on other hosts)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        result = datastore_cleanup(actor=None, stale_after=dt.timedelta(minutes=options["stale_minutes"]))
        for name in result.interrupted:
            self.stdout.write(_("Interrupted load marked as failed: %(name)s") % {"name": name})
        for name in result.dropped:
            self.stdout.write(_("Dropped table: %(name)s") % {"name": name})
        if not result.interrupted and not result.dropped:
            self.stdout.write(_("Nothing to clean up."))
