from django.utils.translation import gettext_lazy as _

from lontar.audit.registry import register

register("accounts.api_token.created", _("API token created"))
register("accounts.api_token.revoked", _("API token revoked"))
register("accounts.user.created", _("User created"))
register("accounts.membership.granted", _("Role granted"))
register("accounts.membership.revoked", _("Role revoked"))
register("accounts.two_factor.reset", _("Two-factor device reset"))
register("accounts.user.updated", _("User details changed"))
register("accounts.user.activated", _("User activated"))
register("accounts.user.deactivated", _("User deactivated"))
register("accounts.user.superuser_granted", _("Superuser status granted"))
register("accounts.user.superuser_revoked", _("Superuser status taken away"))
register("accounts.two_factor.confirmed", _("Two-factor device confirmed"))
register("accounts.password.changed", _("Password changed"))
register("accounts.password.reset", _("Password reset by e-mail link"))
