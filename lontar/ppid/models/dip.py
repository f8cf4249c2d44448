"""Daftar Informasi Publik (DIP): the list of public information a badan publik holds.

Each entry carries the seven fields the DIP must show (number; summary of content; the official or
unit that holds it; who is responsible for issuing it; time and place it was made; the form it is
available in; how long it is kept) and its category under UU 14/2008 (berkala, serta-merta,
tersedia setiap saat, dikecualikan). An exempt entry points to the uji konsekuensi that closed it.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from lontar.core.models import TimeStampedModel
from lontar.ppid.storage import get_private_storage

MIN_YEAR = 1945
MAX_YEAR = 2100


class DipCategory(models.TextChoices):
    BERKALA = "berkala", _("Published periodically (berkala)")
    SERTA_MERTA = "serta_merta", _("Published immediately (serta-merta)")
    SETIAP_SAAT = "setiap_saat", _("Available at any time (tersedia setiap saat)")
    DIKECUALIKAN = "dikecualikan", _("Exempt (dikecualikan)")


class InformationForm(models.TextChoices):
    SOFTCOPY = "softcopy", _("Softcopy")
    HARDCOPY = "hardcopy", _("Hardcopy")
    BOTH = "both", _("Softcopy and hardcopy")


class DipEntry(TimeStampedModel):
    """One line of a body's Daftar Informasi Publik."""

    body = models.ForeignKey("ppid.PublicBody", on_delete=models.PROTECT, related_name="dip_entries")
    number = models.CharField(_("number"), max_length=50)
    summary = models.TextField(_("summary of the information"))
    holder = models.CharField(_("official or unit holding the information"), max_length=300)
    responsible = models.CharField(_("person responsible for issuing it"), max_length=300)
    made_when = models.CharField(_("time made"), max_length=200)
    year = models.PositiveSmallIntegerField(
        _("year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(MIN_YEAR), MaxValueValidator(MAX_YEAR)],
        help_text=_("Used to filter the list."),
    )
    made_where = models.CharField(_("place made"), max_length=200, blank=True)
    form = models.CharField(_("form of the information"), max_length=10, choices=InformationForm.choices)
    retention = models.CharField(_("retention period"), max_length=200)
    category = models.CharField(_("category"), max_length=15, choices=DipCategory.choices, db_index=True)
    consequence_test = models.ForeignKey(
        "ppid.ConsequenceTest",
        verbose_name=_("consequence test"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dip_entries",
    )
    dataset = models.ForeignKey(
        "catalog.Dataset",
        verbose_name=_("Satu Data dataset"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    document = models.FileField(
        _("document"), storage=get_private_storage, upload_to="ppid/dip/%Y/%m/", max_length=200, blank=True
    )
    document_name = models.CharField(_("document file name"), max_length=150, blank=True)
    document_content_type = models.CharField(max_length=100, blank=True)
    document_sha256 = models.CharField(max_length=64, blank=True)
    document_url = models.URLField(_("document address (https)"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_sample = models.BooleanField(_("sample data"), default=False)

    class Meta:
        ordering = ["body_id", "number", "id"]
        verbose_name = _("DIP entry")
        verbose_name_plural = _("DIP entries")
        constraints = [
            models.UniqueConstraint(fields=["body", "number"], name="ppid_dip_number_unique"),
            models.CheckConstraint(
                condition=~models.Q(category="dikecualikan") | models.Q(consequence_test__isnull=False),
                name="ppid_dip_exempt_has_test",
            ),
        ]
        indexes = [models.Index(fields=["body", "category"], name="ppid_dip_body_category")]

    def __str__(self) -> str:
        return f"{self.number} {self.summary[:60]}"

    @property
    def is_exempt(self) -> bool:
        return self.category == DipCategory.DIKECUALIKAN
