from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KatalogConfig(AppConfig):
    name = "lontar.katalog"
    label = "katalog"
    verbose_name = _("ICT catalogue (applications, infrastructure, services)")

    def ready(self) -> None:
        from lontar.evaluations.subjects import register_subject_provider
        from lontar.evaluations.suggestions import register_evidence_provider
        from lontar.katalog import audit_actions  # noqa: F401
        from lontar.katalog.answer_sources import register_sources
        from lontar.katalog.kami_subjects import electronic_systems
        from lontar.katalog.queues import katalog_queues
        from lontar.katalog.selectors.evidence import evidence_suggestions
        from lontar.notifications.registry import register

        register("katalog", katalog_queues)
        register_evidence_provider("katalog", "Katalog TIK", evidence_suggestions)
        register_sources()
        register_subject_provider("system", electronic_systems)
