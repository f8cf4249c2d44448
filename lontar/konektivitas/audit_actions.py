"""Audit actions of the site registry (the measurement actions are registered by services/measurements)."""

from django.utils.translation import gettext_lazy as _

from lontar.audit.registry import register

register("konektivitas.site.created", _("Connectivity site created"))
register("konektivitas.site.updated", _("Connectivity site changed"))
register("konektivitas.site.deactivated", _("Connectivity site deactivated"))
register("konektivitas.connection.added", _("Site connection added"))
register("konektivitas.connection.ended", _("Site connection ended"))
register("konektivitas.coverage.saved", _("Cellular coverage of a desa saved"))
register("konektivitas.tower.saved", _("Tower (BTS) saved"))
register("konektivitas.status.recomputed", _("Weekly site status recomputed"))
register("konektivitas.import.checked", _("Site import file checked"))
register("konektivitas.import.applied", _("Site import applied"))
