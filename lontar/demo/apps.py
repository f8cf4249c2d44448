from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "lontar.demo"
    label = "demo"
