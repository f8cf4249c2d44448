"""Load every NTT region (Kemendagri codes, BPS codes, boundaries) from data/reference. Idempotent."""

from __future__ import annotations

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lontar.organisations.loaders.regions import ReferenceDataError
from lontar.organisations.services import DEFAULT_DATA_DIR, regions_load


class Command(BaseCommand):
    help = "Load the NTT province, its 22 kabupaten/kota, 315 kecamatan and 3,442 desa/kelurahan (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR, help="folder with the reference files")

    def handle(self, *args: object, **options: object) -> None:
        started = time.monotonic()
        try:
            result = regions_load(data_dir=options["data_dir"])  # type: ignore[arg-type]
        except ReferenceDataError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"regions: {result.created} created, {result.updated} updated, {result.unchanged} unchanged "
                f"({time.monotonic() - started:.1f} s)"
            )
        )
