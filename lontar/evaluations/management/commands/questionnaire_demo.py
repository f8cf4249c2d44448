"""Load sample questionnaire evaluations ("data contoh"): Monev KIP 2025 and Indeks KAMI 2025, final."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from lontar.assessments.selectors import questionnaire_list
from lontar.evaluations.demo import questionnaires
from lontar.organisations.selectors import active_instansi


class Command(BaseCommand):
    help = (
        "Create labelled sample questionnaire cycles (data contoh): Monev KIP 2025 for every badan publik of the "
        "PPID and Indeks KAMI 2025 for three Katalog TIK applications and one named system, final and published, "
        "with at least one result per predikat and status; and 2026 cycles in progress. "
        "Run framework_load --all, ppid_demo and katalog_demo "
        "first. Idempotent."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        if str(getattr(settings, "SETTINGS_MODULE", "")).endswith(".prod"):
            raise CommandError("questionnaire_demo refuses to run with production settings: it writes sample results.")
        frameworks = {f.code: f for f in questionnaire_list()}
        missing = {"kami-5", "monev-kip"} - set(frameworks)
        if missing:
            raise CommandError(f"Framework(s) {', '.join(sorted(missing))} not loaded: run framework_load --all first.")
        province = next((org for org in active_instansi() if org.is_province), None)
        if province is None:
            raise CommandError("No province instansi yet: run load_regions and load_organisations first.")
        outcome = questionnaires.Outcome()
        questionnaires.load_monev(frameworks["monev-kip"], outcome)
        questionnaires.load_kami(frameworks["kami-5"], province, outcome)
        questionnaires.load_open(frameworks["monev-kip"], frameworks["kami-5"], outcome)
        for name in outcome.skipped:
            self.stdout.write(f"already present, unchanged: {name}")
        self.stdout.write(f"sample questionnaires: {outcome.cycles} cycles, {len(outcome.results)} results added")
