from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    name = "lontar.evaluations"
    label = "evaluations"
    verbose_name = _("Evaluation cycles")

    def ready(self) -> None:
        from lontar.evaluations import audit_actions  # noqa: F401
