from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KonektivitasConfig(AppConfig):
    name = "lontar.konektivitas"
    label = "konektivitas"
    verbose_name = _("Connectivity (sites, connections, measurements, coverage)")
