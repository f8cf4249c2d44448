"""Applications (DAA), infrastructure assets (DAI), services (DAL) and their security records."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lontar.core.models import TimeStampedModel
from lontar.katalog.models.choices import (
    AssetKind,
    AssetStatus,
    AuditConclusion,
    LicenceType,
    Ownership,
    OwnershipClass,
    ServiceKind,
    Stage,
    SystemCategory,
)

CODE_MAX = 40


class InfrastructureAsset(TimeStampedModel):
    """One SIA-SPBE infrastructure object; type-specific attributes in ``attributes``
    (validated per kind by :mod:`lontar.katalog.asset_types`)."""

    code = models.CharField(_("ID"), max_length=CODE_MAX, unique=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("managing organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=AssetKind.choices, db_index=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    ownership = models.CharField(_("ownership status"), max_length=20, choices=Ownership.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=AssetStatus.choices, default=AssetStatus.DEPLOYABLE, db_index=True
    )
    rai_code = models.CharField(_("RAI code"), max_length=30, blank=True)
    licence_valid_until = models.DateField(_("licence valid until"), null=True, blank=True)
    attributes = models.JSONField(_("type-specific attributes"), default=dict, blank=True)
    is_sample = models.BooleanField(_("sample data (data contoh)"), default=False)

    class Meta:
        ordering = ["organisation_id", "kind", "name"]
        verbose_name = _("infrastructure asset")
        verbose_name_plural = _("infrastructure assets")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Application(TimeStampedModel):
    """An SPBE application with the SIA-SPBE DAA fields (reference §2.2, §5)."""

    code = models.CharField(_("ID"), max_length=CODE_MAX, unique=True)
    organisation = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("owner OPD"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("name"), max_length=200, db_index=True)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    description = models.TextField(_("description"), blank=True)
    function = models.TextField(_("function"), blank=True)
    output = models.TextField(_("output"), blank=True)
    basis = models.JSONField(_("application basis"), default=list, blank=True)
    licence_type = models.CharField(_("licence type"), max_length=20, choices=LicenceType.choices, blank=True)
    languages = models.CharField(_("programming languages"), max_length=200, blank=True)
    framework = models.CharField(_("development framework"), max_length=200, blank=True)
    database = models.CharField(_("database"), max_length=200, blank=True)
    developer_unit = models.CharField(_("developer unit"), max_length=200, blank=True)
    operator_unit = models.CharField(_("operating unit"), max_length=200, blank=True)
    raa_l1 = models.CharField(_("RAA level 1"), max_length=20, blank=True)
    raa_l2 = models.CharField(_("RAA level 2"), max_length=20, blank=True)
    raa_l3 = models.CharField(_("RAA level 3"), max_length=20, blank=True)
    raa_l4 = models.CharField(_("RAA level 4"), max_length=20, blank=True)
    rab_code = models.CharField(_("business process (RAB code)"), max_length=30, blank=True)
    ownership_class = models.CharField(_("ownership class"), max_length=20, choices=OwnershipClass.choices)
    url = models.URLField(_("URL"), max_length=300, blank=True)
    hosting = models.ForeignKey(
        InfrastructureAsset,
        verbose_name=_("hosting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hosted_applications",
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.OPERASIONAL)
    replaced_by = models.ForeignKey(
        "self",
        verbose_name=_("replaced by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
    )
    year_built = models.PositiveSmallIntegerField(_("year developed"), null=True, blank=True)
    sso = models.BooleanField(_("single sign-on (SSO)"), default=False)
    tte = models.BooleanField(_("electronic signature (TTE)"), default=False)
    system_category = models.CharField(
        _("electronic system category"), max_length=20, choices=SystemCategory.choices, blank=True
    )
    integrations = models.ManyToManyField(
        "self", verbose_name=_("integrated with"), symmetrical=False, blank=True, related_name="integrated_from"
    )
    splp = models.ManyToManyField(
        InfrastructureAsset, verbose_name=_("through SPLP"), blank=True, related_name="splp_applications"
    )
    datasets = models.ManyToManyField(
        "catalog.Dataset", verbose_name=_("Satu Data datasets produced"), blank=True, related_name="+"
    )
    is_sample = models.BooleanField(_("sample data (data contoh)"), default=False)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            models.CheckConstraint(condition=~Q(replaced_by=models.F("id")), name="katalog_app_not_replaced_by_self")
        ]

    def __str__(self) -> str:
        return self.name


class Service(TimeStampedModel):
    """A public or administrative service (RAL/DAL) and the applications that deliver it."""

    code = models.CharField(_("ID"), max_length=CODE_MAX, unique=True)
    organisation = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("OPD"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("name"), max_length=200, db_index=True)
    kind = models.CharField(_("kind"), max_length=20, choices=ServiceKind.choices)
    ral_code = models.CharField(_("RAL code"), max_length=30, blank=True)
    description = models.TextField(_("description"), blank=True)
    channel_url = models.URLField(_("channel URL"), max_length=300, blank=True)
    applications = models.ManyToManyField(
        Application, verbose_name=_("delivered by"), blank=True, related_name="services"
    )
    is_sample = models.BooleanField(_("sample data (data contoh)"), default=False)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("service")
        verbose_name_plural = _("services")

    def __str__(self) -> str:
        return self.name


class SecurityAudit(models.Model):
    """A security audit of an application or an asset (Perban BSSN 8/2024). Internal only."""

    application = models.ForeignKey(
        Application, null=True, blank=True, on_delete=models.CASCADE, related_name="security_audits"
    )
    asset = models.ForeignKey(
        InfrastructureAsset, null=True, blank=True, on_delete=models.CASCADE, related_name="security_audits"
    )
    audited_on = models.DateField(_("audit date"))
    auditor = models.CharField(_("auditor"), max_length=200)
    conclusion = models.CharField(_("conclusion"), max_length=20, choices=AuditConclusion.choices)
    follow_up = models.TextField(_("follow-up"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-audited_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(application__isnull=False, asset__isnull=True)
                | Q(application__isnull=True, asset__isnull=False),
                name="katalog_audit_one_object",
            )
        ]

    def __str__(self) -> str:
        return f"{self.audited_on} {self.auditor}: {self.conclusion}"


class RiskRating(models.Model):
    """A risk rating 1 (high risk) … 5 (low), as the US IT Dashboard's CIO rating. History kept."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="risk_ratings")
    rating = models.PositiveSmallIntegerField(_("risk rating"), validators=[MinValueValidator(1), MaxValueValidator(5)])
    rated_on = models.DateField(_("rated on"))
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    rated_by_label = models.CharField(_("rated by"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-rated_on", "-id"]
        constraints = [models.CheckConstraint(condition=Q(rating__gte=1, rating__lte=5), name="katalog_risk_1_to_5")]

    def __str__(self) -> str:
        return f"{self.rating} ({self.rated_on})"
