from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KonektivitasConfig(AppConfig):
    name = "lontar.konektivitas"
    label = "konektivitas"
    verbose_name = _("Connectivity (sites, connections, measurements, coverage)")

    def ready(self) -> None:
        from lontar.core.page_cache import register_version
        from lontar.konektivitas import (
            audit_actions,  # noqa: F401
            page_version,
        )
        from lontar.konektivitas.services import (
            measurements,  # noqa: F401 (registers its audit actions)
            summaries,
        )

        page_version.connect()
        summaries.connect()
        register_version(page_version.PAGE_VERSION, page_version.data_version)
        register_version(page_version.MEASUREMENT_VERSION, page_version.measurement_version)
