"""manage.py catalog_demo — the Satu Data demo content (idempotent).

Real statistics from data/reference (population, PAUD learners, poverty) published by their
producing agencies with their sources, a large "data contoh" village table, samples in every
workflow state, one internal and one dikecualikan dataset, statistical metadata and data
requests. Needs load_regions, load_organisations and demo_users first (DEMO_STEPS runs them).
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from lontar.accounts.selectors import user_by_email
from lontar.catalog.demo.build import Actors, DemoError, build, references
from lontar.catalog.demo.requests import build_requests
from lontar.catalog.demo.specs import ALL

DEMO = "demo.lontar.id"


class Command(BaseCommand):
    help = "Publish the Satu Data demo datasets (real statistics with sources, and labelled samples)."

    def _actors(self) -> Actors:
        superuser = user_by_email(f"superadmin@{DEMO}", active_only=True)
        walidata = user_by_email(f"walidata@{DEMO}", active_only=True)
        if superuser is None or not superuser.is_superuser or walidata is None:
            raise CommandError("The demo users are missing: run `manage.py demo_users` first.")
        return Actors(superuser=superuser, walidata=walidata, produsen=user_by_email(f"produsen@{DEMO}"))

    def _progress(self) -> Any:
        last = [0.0]

        def report(phase: str, done: int, total: int) -> None:
            now = time.monotonic()
            if now - last[0] >= 1.0 or done >= total:
                last[0] = now
                self.stdout.write(f"    {phase}: {done:,}/{total:,}")

        return report

    def handle(self, *args: Any, **options: Any) -> None:
        actors = self._actors()
        ref = references()
        made = 0
        # Workflow e-mails of demo steps go nowhere: the demo addresses are not real inboxes.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            for spec in ALL:
                try:
                    dataset = build(spec, actors, ref, self._progress())
                except DemoError as exc:
                    raise CommandError(str(exc)) from exc
                if dataset is None:
                    self.stdout.write(f"  = {spec.slug} (already there)")
                    continue
                made += 1
                self.stdout.write(self.style.SUCCESS(f"  + {spec.slug}: {dataset.get_state_display()}"))
            requests = build_requests(actors.walidata)
        self.stdout.write(f"{made} dataset(s) and {requests} data request(s) added.")
