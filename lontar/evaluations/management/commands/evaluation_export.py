"""Export a whole evaluation cycle as CSV (one row per instansi × indicator) or XLSX (plus the indices)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lontar.evaluations.export import write_csv, write_xlsx
from lontar.evaluations.models import Cycle


def find_cycle(value: str) -> Cycle:
    """By id ("12") or by framework and year ("spbe-2020:2024"; the only cycle of that year)."""
    qs = Cycle.objects.select_related("framework")
    if value.isdigit():
        cycle = qs.filter(pk=int(value)).first()
    elif ":" in value:
        code, _colon, year = value.partition(":")
        if not year.isdigit():
            raise CommandError(f"--cycle {value!r}: the year after ':' must be a number")
        matches = list(qs.filter(framework__code=code, year=int(year))[:2])
        if len(matches) > 1:
            raise CommandError(f"--cycle {value!r}: more than one cycle matches; give its id")
        cycle = matches[0] if matches else None
    else:
        raise CommandError(f"--cycle {value!r}: give an id or FRAMEWORK:YEAR, e.g. spbe-2020:2024")
    if cycle is None:
        raise CommandError(f"--cycle {value!r}: no such cycle")
    return cycle


class Command(BaseCommand):
    help = "Export an evaluation cycle: --cycle ID|FRAMEWORK:YEAR --format csv|xlsx [--output FILE]"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--cycle", required=True, help="cycle id, or FRAMEWORK:YEAR (e.g. spbe-2020:2024)")
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument("--output", help="file to write (CSV: standard output when absent)")

    def handle(self, *args: Any, **options: Any) -> None:
        cycle = find_cycle(options["cycle"])
        output = options.get("output")
        if options["format"] == "xlsx":
            if not output:
                raise CommandError("--format xlsx needs --output FILE")
            with Path(output).open("wb") as stream:
                rows = write_xlsx(cycle, stream)
        elif output:
            with Path(output).open("w", encoding="utf-8", newline="") as stream:
                rows = write_csv(cycle, stream)
        else:
            rows = write_csv(cycle, self.stdout)
        self.stderr.write(f"{cycle}: {rows} rows")
