from django.utils.translation import gettext_lazy as _

from lontar.audit.registry import register

register("assessments.framework.loaded", _("Assessment framework loaded"))
register("assessments.framework.updated", _("Assessment framework definition updated"))
register("assessments.framework.locked", _("Assessment framework locked by a finalised result"))
register("assessments.published_results.imported", _("Published evaluation results imported"))
