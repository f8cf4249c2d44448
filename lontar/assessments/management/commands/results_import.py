"""Import official published results (history) from CSV; ships the values of shared/reference/spbe.md."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lontar.assessments.results_import import DEFAULT_FILE, MAX_BYTES, ResultsFileError, read_results
from lontar.assessments.services import published_results_import


class Command(BaseCommand):
    help = (
        "Import published results (instansi, framework, year, index, predikat, source) from a CSV file; "
        "without a path, the published values shipped with Lontar. All rows or none; run framework_load and "
        "load_organisations first."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_FILE, help="CSV file (UTF-8)")
        parser.add_argument("--check", action="store_true", help="validate only, write nothing")

    def handle(self, *args: object, **options: object) -> None:
        path: Path = options["path"]  # type: ignore[assignment]
        try:
            with path.open("rb") as handle:
                raw = handle.read(MAX_BYTES + 1)
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror}") from exc
        try:
            rows = read_results(raw)
        except ResultsFileError as exc:
            for problem in exc.problems:
                self.stderr.write(f"  - {problem}")
            raise CommandError(f"{path.name}: {len(exc.problems)} problem(s); nothing was imported.") from exc
        if options["check"]:
            self.stdout.write(self.style.SUCCESS(f"{path.name}: {len(rows)} rows valid"))
            return
        outcome = published_results_import(rows=rows, source_file=path.name)
        counts = f"{outcome.created} created, {outcome.updated} updated, {outcome.unchanged} unchanged"
        self.stdout.write(self.style.SUCCESS(f"published results: {counts}"))
