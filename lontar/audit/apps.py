from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "lontar.audit"
    label = "audit"

    def ready(self) -> None:
        from lontar.audit import audit_actions, db  # noqa: F401
