"""Load everything `make demo` needs. Idempotent: running it twice duplicates nothing."""

from __future__ import annotations

from django.core.management import call_command
from django.core.management.base import BaseCommand

#: (command, kwargs) in dependency order. Reference data first, then sample data ("data contoh").
DEMO_STEPS: list[tuple[str, dict]] = [
    ("load_regions", {}),
    ("load_organisations", {}),
    ("holidays_seed", {"years": "2024-2027"}),
    ("framework_load", {"all": True}),
    ("results_import", {}),
    ("demo_users", {}),
    ("catalog_demo", {}),
    ("evaluation_demo", {}),
    ("ppid_demo", {}),
    ("katalog_demo", {}),
    ("questionnaire_demo", {}),
    ("konektivitas_demo", {}),
    ("db_analyze", {}),
]


class Command(BaseCommand):
    help = "Load NTT reference data and labelled sample data, create one demo user per role."

    def handle(self, *args: object, **options: object) -> None:
        for name, kwargs in DEMO_STEPS:
            self.stdout.write(self.style.MIGRATE_HEADING(f"→ {name}"))
            call_command(name, **kwargs, stdout=self.stdout, stderr=self.stderr)
