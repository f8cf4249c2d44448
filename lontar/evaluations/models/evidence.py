"""The evidence library of an organisation (bukti dukung): files and links, reusable across answers."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lontar.core.models import TimeStampedModel
from lontar.evaluations.choices import EvidenceKind
from lontar.evaluations.storage import get_evidence_storage


class Evidence(TimeStampedModel):
    """A file (stored privately under a generated name) or a link, with what it is and who issued it."""

    organisation = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("instansi"), on_delete=models.PROTECT, related_name="evidence"
    )
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=EvidenceKind.choices)
    issued_on = models.DateField(_("date"), null=True, blank=True)
    issuer = models.CharField(_("issued by"), max_length=200, blank=True)
    url = models.URLField(_("link"), max_length=500, blank=True)
    file = models.FileField(_("file"), storage=get_evidence_storage, upload_to="bukti/", max_length=200, blank=True)
    file_type = models.CharField(_("file type"), max_length=10, blank=True)
    file_size = models.PositiveBigIntegerField(null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    original_name = models.CharField(_("file name"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_sample = models.BooleanField(_("sample data"), default=False)
    #: the record it was made from, when attached from a suggestion ("katalog:asset:12"); one item per record
    source = models.CharField(_("source record"), max_length=100, blank=True, default="")

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(url="") & ~models.Q(file="")) | (~models.Q(url="") & models.Q(file="")),
                name="evidence_file_or_link",
            ),
            models.UniqueConstraint(
                fields=["organisation", "source"],
                condition=~models.Q(source=""),
                name="evidence_one_per_source",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_link(self) -> bool:
        return bool(self.url)


class AnswerEvidence(models.Model):
    answer = models.ForeignKey("evaluations.Answer", on_delete=models.CASCADE, related_name="+")
    evidence = models.ForeignKey(Evidence, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["answer", "evidence"], name="answerevidence_unique")]

    def __str__(self) -> str:
        return f"{self.answer_id} ← {self.evidence_id}"
