from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "lontar.catalog"
    label = "catalog"
    verbose_name = _("Satu Data catalogue")

    def ready(self) -> None:
        from lontar.catalog import audit_actions  # noqa: F401
