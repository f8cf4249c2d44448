from django.utils.translation import gettext_lazy as _

from lontar.audit.registry import register

register("calendar.holiday.added", _("Holiday added"))
register("calendar.holiday.removed", _("Holiday removed"))
register("calendar.holidays.seeded", _("Holidays loaded from the holidays package"))
