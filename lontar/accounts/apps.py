from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "lontar.accounts"
    label = "accounts"

    def ready(self) -> None:
        from lontar.accounts import audit_actions, backoff, checks  # noqa: F401

        checks.register()
