"""Regions of NTT (Kemendagri + BPS codes) and the organisations (instansi, OPD) in them."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from lontar.core.models import TimeStampedModel


class RegionLevel(models.TextChoices):
    PROVINSI = "provinsi", _("Provinsi")
    KABUPATEN = "kabupaten", _("Kabupaten")
    KOTA = "kota", _("Kota")
    KECAMATAN = "kecamatan", _("Kecamatan")
    DESA = "desa", _("Desa")
    KELURAHAN = "kelurahan", _("Kelurahan")


class Region(models.Model):
    """A region in the Kemendagri code tree (Kepmendagri 300.2.2-2138/2025).

    ``code`` is the Kemendagri code ("53", "53.01", "53.01.04", "53.01.04.2003");
    ``bps_code`` is BPS's own code where one is known (kab/kota: "5303"). The two orderings
    differ; one is never derived from the other.
    """

    code = models.CharField(_("Kemendagri code"), max_length=13, primary_key=True)
    name = models.CharField(_("name"), max_length=120, db_index=True)
    level = models.CharField(_("level"), max_length=10, choices=RegionLevel.choices, db_index=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    bps_code = models.CharField(_("BPS code"), max_length=10, blank=True, db_index=True)
    capital = models.CharField(_("capital"), max_length=80, blank=True)
    area_km2 = models.DecimalField(_("area (km²)"), max_digits=12, decimal_places=3, null=True, blank=True)
    population = models.PositiveIntegerField(_("population (Dukcapil 2024 S2)"), null=True, blank=True)
    lat = models.FloatField(null=True, blank=True)
    lng = models.FloatField(null=True, blank=True)
    geometry = models.JSONField(_("boundary (GeoJSON)"), null=True, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("region")

    def __str__(self) -> str:
        return self.name

    @property
    def is_kabkota(self) -> bool:
        return self.level in (RegionLevel.KABUPATEN, RegionLevel.KOTA)


class OrganisationKind(models.TextChoices):
    INSTANSI = "instansi", _("Government body (instansi)")
    OPD = "opd", _("Regional agency (OPD)")


class OpdType(models.TextChoices):
    SEKRETARIAT = "sekretariat", _("Secretariat")
    INSPEKTORAT = "inspektorat", _("Inspectorate")
    DINAS = "dinas", _("Service (dinas)")
    BADAN = "badan", _("Agency (badan)")
    KANTOR = "kantor", _("Office / unit")
    BIRO = "biro", _("Bureau (biro)")
    RSUD = "rsud", _("Regional hospital")
    KECAMATAN = "kecamatan", _("Kecamatan")


class Organisation(TimeStampedModel):
    """An instansi (Pemerintah Provinsi NTT, a Pemkab or Pemkot) or a perangkat daerah under one."""

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    name = models.CharField(_("name"), max_length=200, db_index=True)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=OrganisationKind.choices, db_index=True)
    opd_type = models.CharField(_("agency type"), max_length=20, choices=OpdType.choices, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="units",
    )
    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="organisations")
    is_sample = models.BooleanField(
        _("sample data"),
        default=False,
        help_text=_("Not yet verified against the regional regulation on agency structure."),
    )
    source = models.CharField(_("source"), max_length=300, blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    # who signs the body's official documents (PPID written notice); the letterhead uses the fields above
    signatory_name = models.CharField(_("signatory name"), max_length=120, blank=True)
    signatory_nip = models.CharField(_("signatory NIP"), max_length=21, blank=True)
    signatory_position = models.CharField(_("signatory position (jabatan)"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["region_id", "kind", "name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisation")
        # MAX(updated_at) is read on every directory/organisation request (directory_cache.data_version)
        indexes = [models.Index(fields=["updated_at"], name="organisation_updated_at")]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(kind="instansi", parent__isnull=True) | models.Q(kind="opd", parent__isnull=False)),
                name="organisation_opd_has_parent",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def instansi_id(self) -> int:
        """The id of the instansi this organisation belongs to (itself for an instansi)."""
        return self.parent_id if self.kind == OrganisationKind.OPD else self.pk  # type: ignore[return-value]

    @property
    def is_province(self) -> bool:
        return self.region.level == RegionLevel.PROVINSI
