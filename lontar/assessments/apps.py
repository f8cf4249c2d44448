from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "lontar.assessments"
    label = "assessments"
    verbose_name = _("Evaluation")

    def ready(self) -> None:
        from lontar.assessments import audit_actions  # noqa: F401
