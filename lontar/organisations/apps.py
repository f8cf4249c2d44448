from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "lontar.organisations"
    label = "organisations"

    def ready(self) -> None:
        from lontar.core.page_cache import register_version
        from lontar.organisations import audit_actions  # noqa: F401
        from lontar.organisations.directory_cache import PAGE_VERSION, data_version

        register_version(PAGE_VERSION, data_version)
