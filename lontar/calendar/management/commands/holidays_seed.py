"""``manage.py holidays_seed --years 2024-2027``: load Indonesian holidays and cuti bersama."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lontar.calendar.seeding import holidays_seed, parse_years


class Command(BaseCommand):
    help = (
        "Load national holidays and cuti bersama of Indonesia from the holidays package into the "
        "editable calendar. Idempotent: days an admin struck out or added stay as they are."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--years", default="2024-2027", help="e.g. 2025, 2024-2027 or 2024,2026")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            years = parse_years(options["years"])
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        result = holidays_seed(years=years)
        self.stdout.write(
            f"holidays {years[0]}-{years[-1]}: {len(result.created)} added, {len(result.updated)} renamed, "
            f"{result.unchanged} unchanged, {len(result.kept_struck)} struck by an admin kept, "
            f"{len(result.kept_admin)} admin entries kept"
        )
        for day in result.missing_from_package:
            self.stderr.write(
                self.style.WARNING(
                    f"{day}: seeded earlier but no longer in the holidays package; review it at /kalender/"
                )
            )
