"""Questionnaire evaluations (Indeks KAMI per electronic system, Monev KIP per badan publik).

They run in the same :class:`~lontar.evaluations.models.Cycle` as the SPBE evaluation (a cycle of
a questionnaire framework), with one :class:`QuestionnaireSubmission` per subject. The subject is
stored by reference and name only: the electronic system's Katalog TIK application code, the PPID
badan publik's id — evaluations sits below those modules (``lontar/evaluations/subjects.py``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lontar.core.models import TimeStampedModel
from lontar.evaluations.choices import QuestionnaireState, SubjectKind
from lontar.evaluations.storage import get_report_storage


class QuestionnaireSubmission(TimeStampedModel):
    """One subject's questionnaire in a cycle: self-assessment, verification, final result."""

    cycle = models.ForeignKey("evaluations.Cycle", on_delete=models.PROTECT, related_name="questionnaires")
    organisation = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("owner"), on_delete=models.PROTECT, related_name="+"
    )
    subject_kind = models.CharField(_("subject"), max_length=10, choices=SubjectKind.choices)
    #: the Katalog TIK application code or the PPID badan publik id; empty for a named system
    subject_ref = models.CharField(_("subject reference"), max_length=60, blank=True)
    subject_name = models.CharField(_("name"), max_length=200)
    state = models.CharField(
        _("state"), max_length=10, choices=QuestionnaireState.choices, default=QuestionnaireState.DRAFT
    )
    #: KAMI: the Kategori Sistem Elektronik answers (question id → option code)
    category_answers = models.JSONField(_("categorisation answers"), default=dict, blank=True)
    #: Monev KIP: the presentation score 0–100, entered by the verifier
    presentation = models.DecimalField(_("presentation score"), max_digits=5, decimal_places=2, null=True, blank=True)
    verifier_note = models.TextField(_("verifier note"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    final_score = models.DecimalField(_("score"), max_digits=7, decimal_places=2, null=True, blank=True)
    final_status = models.CharField(_("status / predikat"), max_length=60, blank=True)
    final_category = models.CharField(_("category"), max_length=60, blank=True)
    finalised_at = models.DateTimeField(_("finalised at"), null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["cycle", "organisation__name", "subject_name"]
        verbose_name = _("questionnaire submission")
        verbose_name_plural = _("questionnaire submissions")
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "subject_kind", "subject_name"], name="qsubmission_one_per_subject"
            ),
            models.CheckConstraint(
                condition=~models.Q(state="final") | models.Q(final_score__isnull=False, finalised_at__isnull=False),
                name="qsubmission_final_has_result",
            ),
            models.CheckConstraint(
                condition=models.Q(presentation__isnull=True) | models.Q(presentation__gte=0, presentation__lte=100),
                name="qsubmission_presentation_range",
            ),
        ]
        indexes = [models.Index(fields=["cycle", "state"])]

    def __str__(self) -> str:
        return f"{self.subject_name} · {self.cycle}"

    @property
    def is_final(self) -> bool:
        return self.state == QuestionnaireState.FINAL


class QuestionnaireAnswer(TimeStampedModel):
    """The answer to one question: option, explanation, evidence links, and the verifier's decision."""

    submission = models.ForeignKey(QuestionnaireSubmission, on_delete=models.CASCADE, related_name="answers")
    question = models.CharField(_("question"), max_length=20)
    option = models.CharField(_("answer"), max_length=40, blank=True)
    explanation = models.TextField(_("explanation"), blank=True)
    #: links to the evidence, one per line
    links = models.TextField(_("evidence links"), blank=True)
    #: None: not verified yet; False: rejected (counts as ``verified_option``, else the lowest option)
    accepted = models.BooleanField(_("accepted by the verifier"), null=True, blank=True)
    verified_option = models.CharField(_("answer set by the verifier"), max_length=40, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["submission", "id"]
        verbose_name = _("questionnaire answer")
        verbose_name_plural = _("questionnaire answers")
        constraints = [
            models.UniqueConstraint(fields=["submission", "question"], name="qanswer_one_per_question"),
        ]

    def __str__(self) -> str:
        return f"{self.submission} #{self.question}"

    def link_list(self) -> list[str]:
        return [line.strip() for line in self.links.splitlines() if line.strip()]


class QuestionnaireReport(TimeStampedModel):
    """An issued report of a final questionnaire result: number, PDF as issued, its SHA-256."""

    submission = models.OneToOneField(QuestionnaireSubmission, on_delete=models.PROTECT, related_name="report")
    number = models.CharField(_("document number"), max_length=60, unique=True)
    sha256 = models.CharField(_("SHA-256 of the PDF"), max_length=64)
    content_digest = models.CharField(_("SHA-256 of the reported result"), max_length=64)
    pdf = models.FileField(_("PDF"), storage=get_report_storage, upload_to="laporan-kuesioner/%Y/%m/", max_length=200)
    size = models.PositiveIntegerField()
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("questionnaire report")
        verbose_name_plural = _("questionnaire reports")
        constraints = [models.CheckConstraint(condition=~models.Q(pdf=""), name="qreport_pdf_stored")]

    def __str__(self) -> str:
        return self.number
