from django.utils.translation import gettext_lazy as _

from lontar.audit.registry import register

register("notifications.preference.changed", _("Notification settings changed"))
register("notifications.digest.sent", _("Daily notification digest e-mailed"))
