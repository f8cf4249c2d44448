from django.apps import AppConfig
from django.core import checks


class CoreConfig(AppConfig):
    name = "lontar.core"
    label = "core"
    verbose_name = "Lontar core"

    def ready(self) -> None:
        from lontar.core.csp import csp_check

        checks.register(signing_key_check, checks.Tags.security, deploy=True)
        checks.register(csp_check, checks.Tags.security, deploy=True)


def signing_key_check(app_configs: object = None, **kwargs: object) -> list[checks.CheckMessage]:
    from lontar.core import signing

    if signing.available():
        return []
    return [
        checks.Warning(
            "LONTAR_SIGNING_KEY is not set: LHE and written notices are issued without an Ed25519 signature.",
            hint="Generate one with `python manage.py signing_key --new` and keep it with the other secrets.",
            id="lontar.W001",
        )
    ]
