"""Load sample evaluations ("data contoh"): spbe-2020 2022–2025 (final) and a pemdi-2026 cycle in progress."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from lontar.assessments.selectors import framework_list
from lontar.evaluations.demo import cycles


class Command(BaseCommand):
    help = (
        "Create labelled sample evaluations (data contoh) for the province and the 22 kab/kota: final spbe-2020 "
        "cycles 2022–2025 consistent with the published values, and a pemdi-2026 cycle in progress. Run "
        "load_organisations and framework_load first (demo_users before it assigns the demo asesor). Idempotent."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        if str(getattr(settings, "SETTINGS_MODULE", "")).endswith(".prod"):
            raise CommandError("evaluation_demo refuses to run with production settings: it writes sample results.")
        orgs = cycles.instansi()
        if len(orgs) < 2:
            raise CommandError("No instansi yet: run load_regions and load_organisations first.")
        frameworks = {f.code: f for f in framework_list().filter(code__in=["spbe-2020", "pemdi-2026"])}
        missing = {"spbe-2020", "pemdi-2026"} - set(frameworks)
        if missing:
            raise CommandError(f"Framework(s) {', '.join(sorted(missing))} not loaded: run framework_load --all first.")
        asesor = cycles.demo_asesor()
        history = cycles.load_spbe_history(frameworks["spbe-2020"], orgs, asesor)
        current = cycles.load_pemdi_cycle(frameworks["pemdi-2026"], orgs, asesor)
        for name in history.skipped + current.skipped:
            self.stdout.write(f"already present, unchanged: {name}")
        self.stdout.write(
            f"sample evaluations: {history.cycles + current.cycles} cycles, "
            f"{history.results + current.results} results added"
            + ("" if asesor else " (demo asesor not found: run demo_users first to assign it)")
        )
