from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    name = "lontar.evaluations"
    label = "evaluations"
    verbose_name = _("Evaluation cycles")

    def ready(self) -> None:
        from lontar.core.home import register_headline
        from lontar.evaluations import audit_actions  # noqa: F401
        from lontar.evaluations.qqueues import questionnaire_queues
        from lontar.evaluations.queues import evaluation_queues
        from lontar.evaluations.selectors.headline import province_headline
        from lontar.notifications.registry import register

        register("evaluations", evaluation_queues)
        register("evaluations-kuesioner", questionnaire_queues)
        register_headline("evaluations", province_headline)
