from django.apps import AppConfig


class CalendarConfig(AppConfig):
    name = "lontar.calendar"
    label = "calendar"

    def ready(self) -> None:
        from lontar.calendar import audit_actions  # noqa: F401
