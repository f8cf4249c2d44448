from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "lontar.core"
    label = "core"
    verbose_name = "Lontar core"
