from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "lontar.catalog"
    label = "catalog"
    verbose_name = _("Satu Data catalogue")

    def ready(self) -> None:
        from lontar.catalog import audit_actions  # noqa: F401
        from lontar.catalog.queues import catalog_queues
        from lontar.catalog.services.datastore_bridge import NAMER, datastore_visibility, table_loaded
        from lontar.datastore.naming import register_loaded_hook, register_namer
        from lontar.datastore.visibility import register_owner
        from lontar.notifications.registry import register

        register("catalog", catalog_queues)
        register_owner(datastore_visibility)
        register_namer(NAMER)
        register_loaded_hook(table_loaded)

        from lontar.catalog.dcat.views import PAGE_VERSION, page_version
        from lontar.core.page_cache import register_version

        register_version(PAGE_VERSION, page_version)
