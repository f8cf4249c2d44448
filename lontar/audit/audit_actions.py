from django.utils.translation import gettext_lazy as _

from lontar.audit.registry import register

register("audit.chain.verified", _("Audit chain verified"))
