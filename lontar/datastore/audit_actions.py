from django.utils.translation import gettext_lazy as _

from lontar.audit.registry import register

register("datastore.table.loaded", _("Data table loaded into the datastore"))
register("datastore.table.load_failed", _("Loading a data table failed"))
register("datastore.table.activated", _("Data table version activated"))
register("datastore.table.deactivated", _("Data table withdrawn from the datastore"))
register("datastore.table.visibility_changed", _("Data table visibility changed"))
register("datastore.table.cleaned_up", _("Abandoned data table cleaned up"))
