from django.utils.translation import gettext_lazy as _

from lontar.audit.registry import register

register("accounts.api_token.created", _("API token created"))
register("accounts.api_token.revoked", _("API token revoked"))
register("accounts.user.created", _("User created"))
register("accounts.membership.granted", _("Role granted"))
register("accounts.membership.revoked", _("Role revoked"))
register("accounts.two_factor.reset", _("Two-factor device reset"))
