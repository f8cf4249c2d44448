from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "lontar.organisations"
    label = "organisations"

    def ready(self) -> None:
        from lontar.organisations import audit_actions  # noqa: F401
