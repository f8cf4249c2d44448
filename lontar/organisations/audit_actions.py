from django.utils.translation import gettext_lazy as _

from lontar.audit.registry import register

register("organisations.organisation.created", _("Organisation created"))
register("organisations.organisation.updated", _("Organisation changed"))
register("organisations.regions.loaded", _("Region data loaded"))
register("organisations.organisations.loaded", _("Organisation list loaded"))
