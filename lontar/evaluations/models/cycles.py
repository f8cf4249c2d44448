"""Evaluation cycles, one submission per participating organisation, asesor assignments."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lontar.core.models import TimeStampedModel
from lontar.evaluations.choices import CycleScope, CycleState, SubmissionState


class Cycle(TimeStampedModel):
    """A yearly evaluation under one framework version (siklus evaluasi)."""

    framework = models.ForeignKey(
        "assessments.Framework", verbose_name=_("framework"), on_delete=models.PROTECT, related_name="cycles"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    name = models.CharField(_("name"), max_length=200)
    scope = models.CharField(_("participants"), max_length=10, choices=CycleScope.choices, default=CycleScope.INSTANSI)
    state = models.CharField(_("state"), max_length=10, choices=CycleState.choices, default=CycleState.OPEN)
    self_assessment_due = models.DateField(_("penilaian mandiri due"), null=True, blank=True)
    document_review_due = models.DateField(_("penilaian dokumen due"), null=True, blank=True)
    interview_due = models.DateField(_("penilaian interviu due"), null=True, blank=True)
    visit_due = models.DateField(_("penilaian visitasi due"), null=True, blank=True)
    result_due = models.DateField(_("results due"), null=True, blank=True)
    is_sample = models.BooleanField(_("sample data"), default=False)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    finalised_at = models.DateTimeField(_("finalised at"), null=True, blank=True)

    class Meta:
        ordering = ["-year", "name"]
        verbose_name = _("evaluation cycle")
        verbose_name_plural = _("evaluation cycles")
        constraints = [
            models.UniqueConstraint(fields=["framework", "year", "name"], name="cycle_unique_name"),
            models.CheckConstraint(condition=models.Q(year__gte=2000, year__lte=2100), name="cycle_year_range"),
            models.CheckConstraint(
                condition=models.Q(state="open") | models.Q(finalised_at__isnull=False),
                name="cycle_final_has_time",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_final(self) -> bool:
        return self.state == CycleState.FINAL

    def deadlines(self) -> list[tuple[str, object]]:
        """(label, date) of every stage deadline that is set, in order."""
        fields = ("self_assessment_due", "document_review_due", "interview_due", "visit_due", "result_due")
        labels = {f.name: str(f.verbose_name) for f in self._meta.concrete_fields if f.name in fields}
        return [(labels[f], getattr(self, f)) for f in fields if getattr(self, f)]


class Submission(TimeStampedModel):
    """One participant's evaluation in a cycle: its penilaian mandiri, the review stages and the result."""

    cycle = models.ForeignKey(Cycle, on_delete=models.PROTECT, related_name="submissions")
    organisation = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("instansi"), on_delete=models.PROTECT, related_name="submissions"
    )
    state = models.CharField(_("state"), max_length=10, choices=SubmissionState.choices, default=SubmissionState.DRAFT)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    self_index = models.DecimalField(_("self-assessed index"), max_digits=6, decimal_places=2, null=True, blank=True)
    final_index = models.DecimalField(_("index"), max_digits=6, decimal_places=2, null=True, blank=True)
    final_predikat = models.CharField(_("predikat"), max_length=60, blank=True)
    finalised_at = models.DateTimeField(_("finalised at"), null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["cycle", "organisation__region_id", "organisation__name"]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "organisation"], name="submission_one_per_cycle"),
            models.CheckConstraint(
                condition=~models.Q(state="final") | models.Q(final_index__isnull=False, finalised_at__isnull=False),
                name="submission_final_has_result",
            ),
        ]
        indexes = [models.Index(fields=["cycle", "state"])]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.cycle}"

    @property
    def is_final(self) -> bool:
        return self.state == SubmissionState.FINAL


class Assignment(TimeStampedModel):
    """An asesor assigned to review one submission."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="assignments")
    asesor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="evaluation_assignments"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("asesor assignment")
        verbose_name_plural = _("asesor assignments")
        constraints = [models.UniqueConstraint(fields=["submission", "asesor"], name="assignment_unique")]

    def __str__(self) -> str:
        return f"{self.asesor} → {self.submission}"
