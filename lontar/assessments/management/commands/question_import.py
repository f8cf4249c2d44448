"""Import a year's question texts (CSV or XLSX template) into a questionnaire framework as a new version."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lontar.assessments.question_import import QuestionFileError
from lontar.assessments.services import FrameworkLocked, questions_import


class Command(BaseCommand):
    help = (
        "Import question texts for a questionnaire framework (kami-5, monev-kip) from the template described in "
        "docs/kami-monev.md. Every broken row is reported with its line; nothing is stored unless all is valid."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code", help="framework code, e.g. monev-kip")
        parser.add_argument("file", type=Path, help="CSV (UTF-8) or XLSX file")
        parser.add_argument("--as-version", dest="new_version", required=True, help="the new version, e.g. 2026")
        parser.add_argument("--check", action="store_true", help="validate only, store nothing")

    def handle(self, *args: object, **options: object) -> None:
        path: Path = options["file"]  # type: ignore[assignment]
        if not path.is_file():
            raise CommandError(f"No file {path}.")
        try:
            definition, outcome = questions_import(
                code=str(options["code"]),
                version=str(options["new_version"]),
                raw=path.read_bytes(),
                filename=path.name,
                check_only=bool(options["check"]),
            )
        except QuestionFileError as exc:
            for problem in exc.problems:
                self.stderr.write(f"  - {problem}")
            raise CommandError(f"{path.name}: {len(exc.problems)} problem(s); nothing was imported.") from exc
        except FrameworkLocked as exc:
            raise CommandError(str(exc)) from exc
        assert definition.questionnaire is not None
        count = len(definition.questionnaire.questions)
        label = f"{definition.code} v{definition.version} ({count} questions)"
        self.stdout.write(self.style.SUCCESS(f"{label}: {outcome or 'valid'}"))
