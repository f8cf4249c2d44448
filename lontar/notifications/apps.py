from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "lontar.notifications"
    label = "notifications"
    verbose_name = _("Notifications and work queues")

    def ready(self) -> None:
        from lontar.notifications import audit_actions  # noqa: F401
