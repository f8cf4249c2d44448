"""Validate and load assessment framework definition files (idempotent)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lontar.assessments.definitions import FRAMEWORKS_DIR, DefinitionError, read_definition
from lontar.assessments.services import FrameworkLocked, framework_load


class Command(BaseCommand):
    help = (
        "Validate and load framework definitions from lontar/assessments/frameworks/<code>.json "
        "(or --file). An unchanged file changes nothing; a changed file updates its version unless "
        "finalised results use it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("codes", nargs="*", help="framework codes, e.g. spbe-2020")
        parser.add_argument("--all", action="store_true", help="every file in the frameworks folder")
        parser.add_argument("--file", type=Path, action="append", default=[], help="a definition file anywhere")
        parser.add_argument("--check", action="store_true", help="validate only, write nothing")

    def handle(self, *args: object, **options: object) -> None:
        paths = self._paths(options)
        failures = 0
        for path in paths:
            failures += self._one(path, check_only=bool(options["check"]))
        if failures:
            raise CommandError(f"{failures} of {len(paths)} framework file(s) could not be loaded.")

    def _paths(self, options: dict) -> list[Path]:
        codes: list[str] = options["codes"]
        files: list[Path] = options["file"]
        if options["all"]:
            paths = sorted(FRAMEWORKS_DIR.glob("*.json"))
        else:
            paths = [FRAMEWORKS_DIR / f"{code}.json" for code in codes]
        paths += files
        if not paths:
            raise CommandError("Name framework codes, or use --all or --file.")
        for path in paths:
            if not path.is_file():
                known = ", ".join(p.stem for p in sorted(FRAMEWORKS_DIR.glob("*.json")))
                raise CommandError(f"No definition file {path}. Known frameworks: {known}.")
        return paths

    def _one(self, path: Path, *, check_only: bool) -> int:
        try:
            definition = read_definition(path)
        except DefinitionError as exc:
            self.stderr.write(self.style.ERROR(f"{exc.source}: {len(exc.problems)} problem(s)"))
            for problem in exc.problems:
                self.stderr.write(f"  - {problem}")
            return 1
        if definition.questionnaire is not None:
            label = f"{definition.code} v{definition.version} ({len(definition.questionnaire.questions)} questions)"
        else:
            label = f"{definition.code} v{definition.version} ({len(definition.tree.indicators)} indicators)"
        if check_only:
            self.stdout.write(self.style.SUCCESS(f"{label}: valid"))
            return 0
        try:
            outcome = framework_load(definition=definition, source_file=path.name)
        except FrameworkLocked as exc:
            self.stderr.write(self.style.ERROR(f"{path.name}: {exc}"))
            return 1
        self.stdout.write(self.style.SUCCESS(f"{label}: {outcome}"))
        return 0
