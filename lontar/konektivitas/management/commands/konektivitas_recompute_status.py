"""Recompute the weekly connectivity status of every active site (or one kabupaten/kota).

manage.py konektivitas_recompute_status                 # the current ISO week
manage.py konektivitas_recompute_status --week 2026-W49 --kabupaten 53.71
manage.py konektivitas_recompute_status --enqueue       # as a background job (db_worker)
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone


class Command(BaseCommand):
    help = "Recompute the weekly connectivity status of the sites (Giga's fallback order)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--week", default="", help="ISO week (2026-W49) or a date; default: this week")
        parser.add_argument("--kabupaten", default="", help="Kemendagri code of one kabupaten/kota (e.g. 53.71)")
        parser.add_argument("--enqueue", action="store_true", help="queue the job for the worker instead")

    def handle(self, *args: Any, **options: Any) -> None:
        from lontar.konektivitas.services.status import status_recompute, week_monday
        from lontar.konektivitas.tasks import recompute_status_task

        try:
            monday = week_monday(options["week"] or timezone.localdate())
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        if options["enqueue"]:
            job = recompute_status_task.enqueue(monday.isoformat(), options["kabupaten"])
            self.stdout.write(f"queued {job.id} for the week of {monday}")
            return
        result = status_recompute(week=monday, kabupaten=options["kabupaten"])
        counts = ", ".join(f"{k}={v}" for k, v in sorted(result.by_status.items()))
        self.stdout.write(f"week of {monday}: {result.sites} site(s) in {result.seconds} s ({counts})")
