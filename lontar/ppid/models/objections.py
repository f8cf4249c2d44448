"""Keberatan (UU 14/2008 Pasal 35–38) and the dispute record at the Komisi Informasi (Pasal 37)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lontar.core.models import TimeStampedModel
from lontar.ppid.choices import Channel, DisputeStage, ObjectionDecision, ObjectionStatus, RequesterResponse


class Objection(TimeStampedModel):
    """A keberatan against the handling of one request, answered by the atasan PPID."""

    request = models.ForeignKey("ppid.InformationRequest", on_delete=models.PROTECT, related_name="objections")
    number = models.CharField(_("objection number"), max_length=100, unique=True)
    grounds = models.JSONField(_("grounds (Pasal 35(1))"), default=list)
    explanation = models.TextField(_("reasons and facts"))
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    filed_on = models.DateField(_("filed on (WITA)"), db_index=True)
    filed_at = models.DateTimeField(_("filed at"), default=timezone.now)
    ground_arose_on = models.DateField(_("ground arose on"))
    answer_due_on = models.DateField(_("answer due (30 working days)"), db_index=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ObjectionStatus.choices, default=ObjectionStatus.FILED, db_index=True
    )
    decision = models.CharField(_("decision"), max_length=20, choices=ObjectionDecision.choices, blank=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    atasan_name = models.CharField(_("atasan PPID (name and position)"), max_length=200, blank=True)
    requester_response = models.CharField(
        _("requester's response"), max_length=10, choices=RequesterResponse.choices, blank=True
    )
    dispute_deadline_on = models.DateField(_("dispute to the Komisi Informasi by"), null=True, blank=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_sample = models.BooleanField(_("sample data"), default=False)

    class Meta:
        ordering = ["-filed_on", "-id"]
        verbose_name = _("objection (keberatan)")
        verbose_name_plural = _("objections (keberatan)")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(answer_due_on__gt=models.F("filed_on")), name="ppid_objection_due_after_filing"
            ),
            models.CheckConstraint(
                condition=models.Q(status=ObjectionStatus.FILED)
                | (~models.Q(decision="") & models.Q(answered_on__isnull=False)),
                name="ppid_objection_answer_complete",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def answered_late(self) -> bool:
        return self.answered_on is not None and self.answered_on > self.answer_due_on


class Dispute(TimeStampedModel):
    """Sengketa informasi at the Komisi Informasi: dates, stage and outcome."""

    objection = models.OneToOneField(Objection, on_delete=models.PROTECT, related_name="dispute")
    registered_on = models.DateField(_("registered at the Komisi Informasi on"))
    register_number = models.CharField(_("Komisi Informasi register number"), max_length=100, blank=True)
    stage = models.CharField(_("stage"), max_length=15, choices=DisputeStage.choices, default=DisputeStage.REGISTERED)
    outcome = models.TextField(_("outcome"), blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    is_sample = models.BooleanField(_("sample data"), default=False)

    class Meta:
        ordering = ["-registered_on", "-id"]
        verbose_name = _("information dispute")
        verbose_name_plural = _("information disputes")

    def __str__(self) -> str:
        return f"{self.objection.number} ({self.get_stage_display()})"

    @property
    def filed_in_time(self) -> bool:
        deadline = self.objection.dispute_deadline_on
        return deadline is None or self.registered_on <= deadline
