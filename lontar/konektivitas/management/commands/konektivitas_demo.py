"""manage.py konektivitas_demo — the connectivity sample data ("data contoh"), idempotent.

Sites on real desa codes, connections, weeks of measurements, Podes-style coverage per desa and
BAKTI's BTS 4G towers (real counts per kabupaten), then the weekly status and the Satu Data
publication of the site registry (see ``lontar.konektivitas.sample`` and ``.publish``). Needs
load_regions, load_organisations and demo_users first (``demo_setup`` runs them).
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.test.utils import override_settings

from lontar.konektivitas import sample


class Command(BaseCommand):
    help = "Load the connectivity sample data (data contoh) and publish the site registry to Satu Data."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-publish", action="store_true", help="do not publish the Satu Data datasets")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        try:
            result = sample.load(progress=lambda msg: self.stdout.write(f"    {msg}"))
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"konektivitas: {result.sites:,} sites, {result.connections:,} connections, "
                f"{result.measurements:,} measurements, {result.coverage:,} coverage rows, {result.towers:,} towers "
                f"added ({time.monotonic() - started:.1f} s)"
            )
        )
        if options["no_publish"]:
            return
        from lontar.konektivitas import publish

        # Workflow e-mails of demo steps go nowhere: the demo addresses are not real inboxes.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            try:
                outcome = publish.demo_publish(changed=result.changed())
            except publish.PublishError as exc:
                raise CommandError(str(exc)) from exc
        self.stdout.write(f"    Satu Data: {outcome} ({time.monotonic() - started:.1f} s in all)")
