"""Badan publik (a PPID Utama or PPID Pelaksana) with its service settings."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from lontar.core.models import TimeStampedModel
from lontar.ppid.choices import BodyKind
from lontar.ppid.rules import numbering


class PublicBody(TimeStampedModel):
    """A badan publik that runs a PPID service, tied to one Organisation.

    The province has a PPID Utama (Pemerintah Provinsi NTT) and a PPID Pelaksana in each OPD;
    each kabupaten/kota runs its own PPID Utama (and may have Pelaksana under it).
    """

    organisation = models.OneToOneField(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="public_body",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=BodyKind.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("PPID Utama"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="pelaksana",
    )
    code = models.SlugField(
        _("short code"), max_length=40, unique=True, help_text=_("Used in the registration number format as {code}.")
    )
    number_format = models.CharField(
        _("registration number format"),
        max_length=80,
        default=numbering.DEFAULT_FORMAT,
        help_text=_(
            "Fields: {region_code}, {code}, {year}, {month}, {seq}. Example: PPID-{region_code}-{year}-{seq:06d}"
        ),
    )
    internal_target_days = models.PositiveSmallIntegerField(
        _("internal target (working days)"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text=_("A stricter target than the legal 10 working days, if the body sets one."),
    )
    maklumat_pelayanan = models.TextField(_("service charter (maklumat pelayanan)"), blank=True)
    service_hours = models.CharField(_("service hours"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    address = models.CharField(_("service desk address"), max_length=300, blank=True)
    retention_days = models.PositiveIntegerField(
        _("retention of identity documents (days after closing)"),
        default=365,
        validators=[MinValueValidator(30), MaxValueValidator(3650)],
    )
    incomplete_sop_enabled = models.BooleanField(
        _("incomplete-request procedure"),
        default=True,
        help_text=_("Tell requesters within a few working days that a request is incomplete; they then complete it."),
    )
    incomplete_notify_days = models.PositiveSmallIntegerField(
        _("days to tell the requester (working days)"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    incomplete_complete_days = models.PositiveSmallIntegerField(
        _("days for the requester to complete (working days)"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
    )
    accepts_requests = models.BooleanField(
        _("accepts requests on the public form"), default=True, help_text=_("Listed on the online request form.")
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_sample = models.BooleanField(_("sample data"), default=False)

    class Meta:
        ordering = ["organisation__region_id", "kind", "organisation__name"]
        verbose_name = _("public body")
        verbose_name_plural = _("public bodies")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind=BodyKind.UTAMA, parent__isnull=True)
                    | models.Q(kind=BodyKind.PELAKSANA, parent__isnull=False)
                ),
                name="ppid_body_pelaksana_has_utama",
            ),
            models.CheckConstraint(
                condition=models.Q(internal_target_days__gte=1, internal_target_days__lte=10),
                name="ppid_body_target_within_law",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.organisation.name}"

    @property
    def name(self) -> str:
        return self.organisation.name

    @property
    def slug(self) -> str:
        return self.organisation.slug

    @property
    def region_code(self) -> str:
        return numbering.region_code(self.organisation.region_id)


class CostItem(models.Model):
    """A line of the body's cost table (biaya salinan informasi)."""

    body = models.ForeignKey(PublicBody, on_delete=models.CASCADE, related_name="cost_items")
    item = models.CharField(_("item"), max_length=200)
    unit = models.CharField(_("unit"), max_length=60)
    price = models.DecimalField(_("price (Rp)"), max_digits=12, decimal_places=0, validators=[MinValueValidator(0)])
    note = models.CharField(_("note"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("order in the table"), default=0)

    class Meta:
        ordering = ["body_id", "position", "id"]
        verbose_name = _("cost item")
        verbose_name_plural = _("cost table")
        constraints = [models.CheckConstraint(condition=models.Q(price__gte=0), name="ppid_cost_not_negative")]

    def __str__(self) -> str:
        return f"{self.item} ({self.unit})"


class RequestCounter(models.Model):
    """The running number of a body's requests in a year; locked with SELECT … FOR UPDATE."""

    body = models.ForeignKey(PublicBody, on_delete=models.CASCADE, related_name="counters")
    year = models.PositiveSmallIntegerField()
    last_value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["body", "year"], name="ppid_counter_unique")]

    def __str__(self) -> str:
        return f"{self.body_id}/{self.year}: {self.last_value}"
