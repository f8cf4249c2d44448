"""The Katalog TIK lines of a pengelola TIK's work queue (registered in the app config): applications
in operation whose security audit is missing, older than a year or concluded Tidak Memadai, and
software licences that end within 60 days (or have ended)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lontar.accounts.models import Role
from lontar.accounts.permissions import Rule, visible_by
from lontar.katalog.models import Application, InfrastructureAsset
from lontar.notifications.registry import Queue, QueueItem

LIMIT = 100
PENGELOLA = Rule(roles=(Role.PENGELOLA_TIK,))
REASONS = {
    "none": _("high or strategic system never audited"),
    "old": _("last security audit more than a year ago"),
    "inadequate": _("last security audit: Tidak Memadai"),
}


def katalog_queues(user: Any) -> list[Queue]:
    if user.is_superuser:
        return []
    from lontar.katalog.selectors.staff import audit_attention, licences_due

    apps = visible_by(Application.objects.select_related("organisation"), (PENGELOLA,), user)
    items = [
        QueueItem(
            title=f"{app.name} — {app.organisation.name}",
            url=reverse("katalog:manage_application", args=[app.pk]),
            state=REASONS[reason],
            overdue=reason == "inadequate",
        )
        for app, reason in audit_attention(apps)[:LIMIT]
    ]
    assets = visible_by(InfrastructureAsset.objects.select_related("organisation"), (PENGELOLA,), user)
    today = timezone.localdate()
    licences = [
        QueueItem(
            title=f"{asset.name} — {asset.organisation.name}",
            url=reverse("katalog:manage_asset", args=[asset.pk]),
            due=asset.licence_valid_until,
            state=_("software licence ends"),
            overdue=asset.licence_valid_until is not None and asset.licence_valid_until < today,
            due_soon=True,
        )
        for asset in licences_due(assets, today)[:LIMIT]
    ]
    return [
        Queue("katalog-audit", _("Applications needing a security audit"), items),
        Queue("katalog-lisensi", _("Software licences to renew"), licences),
    ]
