"""Recompute every evaluation index from the stored levels and report any stored result that differs."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lontar.evaluations.models import Cycle
from lontar.evaluations.recompute import recompute


class Command(BaseCommand):
    help = "Recompute every index (overall, domain, aspect) of every cycle, or of --cycle ID, and compare."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--cycle", type=int, help="only this cycle id")

    def handle(self, *args: Any, **options: Any) -> None:
        cycles = Cycle.objects.select_related("framework").order_by("year", "pk")
        if options.get("cycle") is not None:
            cycles = cycles.filter(pk=options["cycle"])
            if not cycles.exists():
                raise CommandError(f"--cycle {options['cycle']}: no such cycle")
        started = time.perf_counter()
        report = recompute(list(cycles))
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"{report.cycles} cycles, {report.submissions} submissions, {report.indices} indices "
            f"recomputed in {seconds:.2f} s; {len(report.mismatches)} differ from the stored result"
        )
        for m in report.mismatches[:50]:
            self.stdout.write(f"  submission {m.submission_id}: {m.field} stored {m.stored!r}, computed {m.computed!r}")
        if report.mismatches:
            raise CommandError("stored results differ from the recomputation")
