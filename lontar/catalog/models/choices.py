"""Option lists of the catalogue (TextChoices: stored value in English, label translated)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DatasetState(models.TextChoices):
    """The SDI workflow of a dataset's working copy (Perpres 39/2019 stages pengumpulan → penyebarluasan)."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    IN_REVIEW = "in_review", _("Under review by the Walidata")
    RETURNED = "returned", _("Returned for correction")
    VERIFIED = "verified", _("Verified by the Walidata")
    APPROVED = "approved", _("Approved by the Pembina Data")
    PUBLISHED = "published", _("Published")


class DataClass(models.TextChoices):
    PUBLIK = "publik", _("Public (publik)")
    INTERNAL = "internal", _("Internal (shared between agencies only)")
    DIKECUALIKAN = "dikecualikan", _("Exempt (dikecualikan, UU 14/2008)")


class UpdateFrequency(models.TextChoices):
    DAILY = "harian", _("Daily")
    WEEKLY = "mingguan", _("Weekly")
    MONTHLY = "bulanan", _("Monthly")
    QUARTERLY = "triwulanan", _("Quarterly")
    SEMIANNUAL = "semesteran", _("Every six months")
    ANNUAL = "tahunan", _("Yearly")
    FIVE_YEARLY = "lima_tahunan", _("Every five years")
    IRREGULAR = "tidak_tentu", _("Irregular")


#: EU Publications Office frequency vocabulary, used in DCAT (dct:accrualPeriodicity)
FREQUENCY_URI = {
    UpdateFrequency.DAILY: "DAILY",
    UpdateFrequency.WEEKLY: "WEEKLY",
    UpdateFrequency.MONTHLY: "MONTHLY",
    UpdateFrequency.QUARTERLY: "QUARTERLY",
    UpdateFrequency.SEMIANNUAL: "ANNUAL_2",
    UpdateFrequency.ANNUAL: "ANNUAL",
    UpdateFrequency.FIVE_YEARLY: "QUINQUENNIAL",
    UpdateFrequency.IRREGULAR: "IRREG",
}


class SpatialLevel(models.TextChoices):
    """The smallest region a dataset's figures are given for (tingkat penyajian)."""

    PROVINSI = "provinsi", _("Province")
    KABKOTA = "kabupaten_kota", _("Regency / city")
    KECAMATAN = "kecamatan", _("District (kecamatan)")
    DESA = "desa_kelurahan", _("Village (desa / kelurahan)")
    POINT = "titik", _("Point locations")


class ResourceFormat(models.TextChoices):
    CSV = "CSV", "CSV"
    XLSX = "XLSX", "XLSX"
    JSON = "JSON", "JSON"
    GEOJSON = "GeoJSON", "GeoJSON"
    PDF = "PDF", "PDF"
    ZIP = "ZIP", "ZIP"


TABULAR_FORMATS = frozenset({ResourceFormat.CSV, ResourceFormat.XLSX})

#: accepted file name endings per format (lower case)
FORMAT_EXTENSIONS: dict[str, tuple[str, ...]] = {
    ResourceFormat.CSV: (".csv", ".tsv", ".txt"),
    ResourceFormat.XLSX: (".xlsx",),
    ResourceFormat.JSON: (".json",),
    ResourceFormat.GEOJSON: (".geojson", ".json"),
    ResourceFormat.PDF: (".pdf",),
    ResourceFormat.ZIP: (".zip",),
}

FORMAT_MEDIA_TYPES = {
    ResourceFormat.CSV: "text/csv",
    ResourceFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ResourceFormat.JSON: "application/json",
    ResourceFormat.GEOJSON: "application/geo+json",
    ResourceFormat.PDF: "application/pdf",
    ResourceFormat.ZIP: "application/zip",
}


class ColumnType(models.TextChoices):
    INTEGER = "integer", _("Whole number")
    DECIMAL = "decimal", _("Decimal number")
    DATE = "date", _("Date")
    BOOLEAN = "boolean", _("Yes / no")
    TEXT = "text", _("Text")
    REGION_CODE = "region_code", _("Region code (Kemendagri)")


class ReferenceKind(models.TextChoices):
    """Which kode referensi a column holds (Satu Data principle: Kode Referensi / Data Induk)."""

    NONE = "", _("None")
    KEMENDAGRI_PROVINSI = "kemendagri_provinsi", _("Kemendagri code: province")
    KEMENDAGRI_KABKOTA = "kemendagri_kabkota", _("Kemendagri code: regency / city")
    KEMENDAGRI_KECAMATAN = "kemendagri_kecamatan", _("Kemendagri code: district")
    KEMENDAGRI_DESA = "kemendagri_desa", _("Kemendagri code: village")
    BPS_KABKOTA = "bps_kabkota", _("BPS code: regency / city")
    YEAR = "tahun", _("Year")
