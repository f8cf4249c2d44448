"""Create Pemprov NTT, the 22 Pemkab/Pemkot and a sample OPD list under each. Idempotent."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lontar.organisations.loaders.organisations import TEMPLATES_FILE
from lontar.organisations.loaders.regions import ReferenceDataError
from lontar.organisations.services import organisations_load


class Command(BaseCommand):
    help = (
        "Create the instansi of NTT (real) and a sample list of OPD under each (is_sample, not yet verified "
        "against the Perda SOTK). Existing organisations are left untouched. Run load_regions first."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--templates", type=Path, default=TEMPLATES_FILE, help="OPD template file (JSON)")

    def handle(self, *args: object, **options: object) -> None:
        try:
            result = organisations_load(templates=options["templates"])  # type: ignore[arg-type]
        except ReferenceDataError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"organisations: {result.created} created, {result.unchanged} unchanged"))
