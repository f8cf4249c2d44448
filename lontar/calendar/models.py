"""Holidays and cuti bersama that make a weekday a non-working day.

Seeded from the ``holidays`` package (ID, categories public + government); admins add a day
or strike a seeded one with a note. A struck day stays in the table (``is_day_off=False``) so
re-seeding never brings it back.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lontar.core.models import TimeStampedModel


class HolidayKind(models.TextChoices):
    NATIONAL = "libur_nasional", _("National holiday")
    CUTI_BERSAMA = "cuti_bersama", _("Cuti bersama (joint leave)")
    OTHER = "lainnya", _("Other (set by an admin)")


class HolidaySource(models.TextChoices):
    PACKAGE = "holidays", _("holidays package (SKB 3 Menteri)")
    ADMIN = "admin", _("Admin")


class Holiday(TimeStampedModel):
    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=HolidayKind.choices)
    source = models.CharField(_("source"), max_length=10, choices=HolidaySource.choices)
    is_day_off = models.BooleanField(_("day off"), default=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["date"]
        verbose_name = _("day off")
        verbose_name_plural = _("day off")

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name}"
