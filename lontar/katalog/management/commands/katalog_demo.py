"""Load the sample ICT catalogue ("data contoh"): applications, infrastructure and services of the
province and two kabupaten. Idempotent."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from lontar.katalog.sample import load_sample_katalog


class Command(BaseCommand):
    help = (
        "Create sample applications (with consolidation candidates and the national common applications), "
        "infrastructure assets and services for Pemprov NTT, Pemkab Kupang and Pemkab TTS (data contoh). "
        "Run load_organisations first. Running it again adds nothing."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        added = load_sample_katalog()
        self.stdout.write(
            "sample ICT catalogue: "
            + ", ".join(f"{name} +{count}" for name, count in added.items())
            + ("" if any(added.values()) else " (already present: nothing added)")
        )
