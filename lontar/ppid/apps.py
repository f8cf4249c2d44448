from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PpidConfig(AppConfig):
    name = "lontar.ppid"
    label = "ppid"
    verbose_name = _("PPID (public information)")

    def ready(self) -> None:
        from lontar.notifications.registry import register
        from lontar.ppid import audit_actions  # noqa: F401
        from lontar.ppid.answer_sources import register_sources
        from lontar.ppid.monev_subjects import register_subjects
        from lontar.ppid.queues import ppid_queues

        register("ppid", ppid_queues)
        register_sources()
        register_subjects()
