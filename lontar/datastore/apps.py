from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class DatastoreConfig(AppConfig):
    name = "lontar.datastore"
    label = "datastore"
    verbose_name = _("Datastore")

    def ready(self) -> None:
        from lontar.datastore import audit_actions  # noqa: F401
        from lontar.datastore.checks import readonly_role_check

        checks.register(readonly_role_check, checks.Tags.security, deploy=True)
