"""Targets per instansi and year, and the issued Laporan Hasil Evaluasi (LHE)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lontar.core.models import TimeStampedModel
from lontar.evaluations.storage import get_report_storage


class Target(TimeStampedModel):
    """A target index (perjanjian kinerja) of an organisation for one framework and year."""

    organisation = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("instansi"), on_delete=models.PROTECT, related_name="targets"
    )
    framework_code = models.SlugField(_("framework"), max_length=40)
    year = models.PositiveSmallIntegerField(_("year"))
    target_index = models.DecimalField(_("target index"), max_digits=6, decimal_places=2)
    note = models.CharField(_("note"), max_length=300, blank=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_sample = models.BooleanField(_("sample data"), default=False)

    class Meta:
        ordering = ["organisation", "framework_code", "year"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "framework_code", "year"], name="target_unique_year"),
            models.CheckConstraint(condition=models.Q(target_index__gte=0), name="target_index_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.framework_code} {self.year}: {self.target_index}"


class Report(TimeStampedModel):
    """An issued LHE: its number, its PDF exactly as issued (a file in private storage) and its SHA-256."""

    submission = models.OneToOneField("evaluations.Submission", on_delete=models.PROTECT, related_name="report")
    number = models.CharField(_("document number"), max_length=60, unique=True)
    sha256 = models.CharField(_("SHA-256 of the PDF"), max_length=64)
    content_digest = models.CharField(_("SHA-256 of the reported result"), max_length=64)
    pdf = models.FileField(_("PDF"), storage=get_report_storage, upload_to="lhe/%Y/%m/", max_length=200)
    size = models.PositiveIntegerField()
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("evaluation report (LHE)")
        verbose_name_plural = _("evaluation reports (LHE)")
        constraints = [models.CheckConstraint(condition=~models.Q(pdf=""), name="report_pdf_stored")]

    def __str__(self) -> str:
        return self.number
