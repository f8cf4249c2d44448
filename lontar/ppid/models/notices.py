"""Pemberitahuan tertulis (written notice), its blacked-out parts and delivered files; uji konsekuensi."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lontar.core.models import TimeStampedModel
from lontar.ppid.choices import Decision, ExemptionGround
from lontar.ppid.storage import get_private_storage


class ConsequenceTest(TimeStampedModel):
    """Uji konsekuensi: why a piece of information is exempt (Pasal 17, Pasal 19 UU 14/2008).

    One test serves every request for the same information.
    """

    body = models.ForeignKey("ppid.PublicBody", on_delete=models.PROTECT, related_name="consequence_tests")
    information = models.CharField(_("information or document"), max_length=300)
    exempted_parts = models.TextField(_("exempted parts"))
    ground = models.CharField(_("ground (Pasal 17)"), max_length=1, choices=ExemptionGround.choices)
    legal_basis = models.TextField(_("legal basis"))
    harm = models.TextField(_("harm if opened"))
    public_interest = models.TextField(_("public interest in opening it"))
    closed_period = models.CharField(_("how long it stays closed"), max_length=200)
    closed_until = models.DateField(_("closed until"), null=True, blank=True)
    decided_by = models.CharField(_("decided by"), max_length=200)
    decided_on = models.DateField(_("decided on"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_sample = models.BooleanField(_("sample data"), default=False)

    class Meta:
        ordering = ["body_id", "-decided_on", "id"]
        verbose_name = _("consequence test")
        verbose_name_plural = _("consequence tests")

    def __str__(self) -> str:
        return f"{self.information} (Pasal 17 {self.ground})"


class Notice(TimeStampedModel):
    """The written notice answering a request (Pasal 22(7) UU 14/2008)."""

    request = models.OneToOneField("ppid.InformationRequest", on_delete=models.PROTECT, related_name="notice")
    number = models.CharField(_("document number"), max_length=100, unique=True)
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices)
    holder = models.CharField(_("body that holds the information"), max_length=300, blank=True)
    exemption_ground = models.CharField(
        _("ground for refusal (Pasal 17)"), max_length=1, choices=ExemptionGround.choices, blank=True
    )
    consequence_test = models.ForeignKey(
        ConsequenceTest, null=True, blank=True, on_delete=models.PROTECT, related_name="notices"
    )
    material = models.TextField(_("information to be given"), blank=True)
    delivery = models.TextField(_("means and format of delivery"), blank=True)
    cost = models.DecimalField(
        _("cost (Rp)"), max_digits=12, decimal_places=0, default=0, validators=[MinValueValidator(0)]
    )
    payment_method = models.CharField(_("how to pay"), max_length=300, blank=True)
    explanation = models.TextField(_("explanation"), blank=True)
    issued_on = models.DateField(_("issued on"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verification_code = models.CharField(_("verification code"), max_length=16, unique=True, null=True, blank=True)
    pdf = models.FileField(
        _("PDF"), storage=get_private_storage, upload_to="ppid/notices/%Y/%m/", max_length=200, blank=True
    )
    pdf_sha256 = models.CharField(_("SHA-256 of the PDF"), max_length=64, blank=True)
    content_sha256 = models.CharField(_("SHA-256 of the notice's content"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("written notice")
        verbose_name_plural = _("written notices")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(decision=Decision.REFUSED)
                | (~models.Q(exemption_ground="") & models.Q(consequence_test__isnull=False)),
                name="ppid_notice_refusal_has_ground",
            ),
            models.CheckConstraint(condition=models.Q(cost__gte=0), name="ppid_notice_cost_not_negative"),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def information_held(self) -> bool:
        return self.decision not in (Decision.NOT_HELD, Decision.NOT_DOCUMENTED)


class RedactedPart(models.Model):
    """A blacked-out (dihitamkan) part of the information given, with its reason."""

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="redactions")
    part = models.CharField(_("part blacked out"), max_length=300)
    reason = models.TextField(_("reason"))
    ground = models.CharField(_("ground (Pasal 17)"), max_length=1, choices=ExemptionGround.choices)
    consequence_test = models.ForeignKey(
        ConsequenceTest, null=True, blank=True, on_delete=models.PROTECT, related_name="redactions"
    )

    class Meta:
        ordering = ["notice_id", "id"]
        verbose_name = _("blacked-out part")
        verbose_name_plural = _("blacked-out parts")

    def __str__(self) -> str:
        return self.part


class NoticeFile(models.Model):
    """A file handed over with the notice (private storage; reached through checked views)."""

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("file"), storage=get_private_storage, upload_to="ppid/delivered/%Y/%m/", max_length=200)
    name = models.CharField(_("file name"), max_length=150)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["notice_id", "id"]
        verbose_name = _("delivered file")
        verbose_name_plural = _("delivered files")

    def __str__(self) -> str:
        return self.name
