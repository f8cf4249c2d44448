from django.utils.translation import gettext_lazy as _

from lontar.audit.registry import register

register("katalog.application.created", _("Application registered"))
register("katalog.application.updated", _("Application changed"))
register("katalog.application.stage_changed", _("Application stage changed"))
register("katalog.asset.created", _("Infrastructure asset registered"))
register("katalog.asset.updated", _("Infrastructure asset changed"))
register("katalog.service.created", _("Service registered"))
register("katalog.service.updated", _("Service changed"))
register("katalog.security_audit.recorded", _("Security audit recorded"))
register("katalog.risk.rated", _("Risk rating recorded"))
register("katalog.registry.imported", _("SIA-SPBE layout imported"))
register("katalog.sample.loaded", _("Sample ICT catalogue loaded (data contoh)"))
