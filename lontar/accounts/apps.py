from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "lontar.accounts"
    label = "accounts"

    def ready(self) -> None:
        from lontar.accounts import audit_actions, backoff, checks  # noqa: F401

        checks.register()

        from lontar.accounts.permissions import is_province_admin
        from lontar.organisations.permissions import register_change_check

        register_change_check(is_province_admin)
