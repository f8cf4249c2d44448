"""Answers per indicator (penilaian mandiri) and the asesor's validated level per review stage."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lontar.core.models import TimeStampedModel
from lontar.evaluations.choices import Stage


class Answer(TimeStampedModel):
    """The instansi's claim for one indicator, its evidence, its response (sanggah) and, once final, the result.

    ``version`` grows with every save: a save names the version it started from, and a save
    from an older version is refused and told (optimistic concurrency).
    """

    submission = models.ForeignKey("evaluations.Submission", on_delete=models.CASCADE, related_name="answers")
    node = models.ForeignKey("assessments.FrameworkNode", on_delete=models.PROTECT, related_name="+")
    number = models.CharField(_("indicator"), max_length=20)
    self_value = models.DecimalField(_("self-assessed level"), max_digits=6, decimal_places=3, null=True, blank=True)
    explanation = models.TextField(_("explanation"), blank=True)
    value_source = models.CharField(_("source of the figure"), max_length=300, blank=True)
    version = models.PositiveIntegerField(default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    response = models.TextField(_("response of the instansi (sanggah)"), blank=True)
    response_at = models.DateTimeField(null=True, blank=True)
    response_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    final_value = models.DecimalField(_("final level"), max_digits=6, decimal_places=3, null=True, blank=True)
    evidence = models.ManyToManyField(
        "evaluations.Evidence", through="evaluations.AnswerEvidence", related_name="answers"
    )

    class Meta:
        ordering = ["submission", "node__position"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [models.UniqueConstraint(fields=["submission", "node"], name="answer_one_per_indicator")]
        indexes = [models.Index(fields=["submission", "number"])]

    def __str__(self) -> str:
        return f"{self.submission} #{self.number}"


class Review(TimeStampedModel):
    """The asesor's validated level and note for one indicator in one stage; stages are kept apart."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="reviews")
    stage = models.CharField(_("stage"), max_length=10, choices=Stage.choices)
    value = models.DecimalField(_("validated level"), max_digits=6, decimal_places=3, null=True, blank=True)
    note = models.TextField(_("asesor note"), blank=True)
    asesor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["answer", "created_at"]
        verbose_name = _("asesor review")
        verbose_name_plural = _("asesor reviews")
        constraints = [models.UniqueConstraint(fields=["answer", "stage"], name="review_one_per_stage")]

    def __str__(self) -> str:
        return f"{self.answer} {self.stage}"
