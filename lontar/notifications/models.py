"""Per-user notification settings and the outbox of the daily digest."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lontar.core.models import TimeStampedModel


class Delivery(models.TextChoices):
    IMMEDIATE = "immediate", _("Each e-mail at once")
    DIGEST = "digest", _("One daily digest")
    OFF = "off", _("No e-mail (the work queue only)")


class NotificationPreference(TimeStampedModel):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    delivery = models.CharField(_("delivery"), max_length=10, choices=Delivery.choices, default=Delivery.IMMEDIATE)

    class Meta:
        verbose_name = _("notification setting")
        verbose_name_plural = _("notification settings")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.delivery}"


class DigestItem(models.Model):
    """One notification kept for the recipient's next daily digest."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_items")
    event = models.CharField(max_length=60)
    subject = models.CharField(max_length=250)
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ("created_at", "id")
        verbose_name = _("digest item")
        verbose_name_plural = _("digest items")

    def __str__(self) -> str:
        return self.subject
