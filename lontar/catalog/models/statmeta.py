"""Statistical metadata as BPS collects it (Peraturan BPS 5/2020): MS-Keg, MS-Var, MS-Ind.

Lists of fixed options are stored as JSON lists of option values; the export in ``statmeta_export``
turns them into the labelled blocks of the BPS forms.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from lontar.core.models import TimeStampedModel


class StatisticsKind(models.TextChoices):
    SEKTORAL = "sektoral", _("Sectoral statistics (statistik sektoral)")
    KHUSUS = "khusus", _("Special statistics (statistik khusus)")


class CollectionMethod(models.TextChoices):
    FULL_ENUMERATION = "pencacahan_lengkap", _("Full enumeration")
    SURVEY = "survei", _("Survey")
    ADMINISTRATIVE = "kompilasi_administrasi", _("Compilation of administrative products")
    OTHER = "lainnya", _("Other method")


class CollectionTechnique(models.TextChoices):
    INTERVIEW = "wawancara", _("Interview")
    SELF_COMPLETION = "isi_sendiri", _("Self-completed questionnaire")
    OBSERVATION = "pengamatan", _("Observation")
    SECONDARY = "data_sekunder", _("Secondary data collection")
    OTHER = "lainnya", _("Other")


class CollectionMode(models.TextChoices):
    PAPI = "papi", _("Paper questionnaire (PAPI)")
    CAPI = "capi", _("Computer-assisted interview (CAPI)")
    CAWI = "cawi", _("Web form (CAWI)")
    MAIL = "surat", _("Mail")
    ADMIN_SYSTEM = "sistem_administrasi", _("Extract from an administrative system")
    OTHER = "lainnya", _("Other")


class PresentationLevel(models.TextChoices):
    NASIONAL = "nasional", _("National")
    PROVINSI = "provinsi", _("Province")
    KABKOTA = "kabupaten_kota", _("Regency / city")
    KECAMATAN = "kecamatan", _("District (kecamatan)")
    DESA = "desa_kelurahan", _("Village (desa / kelurahan)")
    OTHER = "lainnya", _("Other")


class CollectionStaff(models.TextChoices):
    STAFF = "staf", _("Own staff")
    PARTNERS = "mitra", _("Partners (mitra)")
    BOTH = "staf_dan_mitra", _("Own staff and partners")
    OTHER = "lainnya", _("Other")


class SchedulePhase(models.TextChoices):
    PLANNING = "perencanaan", _("Planning")
    DESIGN = "desain", _("Design")
    COLLECTION = "pengumpulan", _("Data collection")
    PROCESSING = "pengolahan", _("Processing")
    ANALYSIS = "analisis", _("Analysis")
    DISSEMINATION = "diseminasi", _("Dissemination")
    EVALUATION = "evaluasi", _("Evaluation")


class DisseminationProduct(models.TextChoices):
    PRINTED = "tercetak", _("Printed publication")
    DIGITAL = "digital", _("Digital publication")
    MICRODATA = "data_mikro", _("Microdata")


class VariableDataType(models.TextChoices):
    INTEGER = "integer", _("Whole number")
    DECIMAL = "decimal", _("Decimal number")
    TEXT = "text", _("Text")
    DATE = "date", _("Date")
    BOOLEAN = "boolean", _("Yes / no")


class ActivityMetadata(TimeStampedModel):
    """MS-Keg: the statistical activity that produces one or more datasets."""

    organisation = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("organiser"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title of the activity"), max_length=300)
    year = models.PositiveSmallIntegerField(_("year"))
    statistics_kind = models.CharField(
        _("kind of statistics"), max_length=10, choices=StatisticsKind.choices, default=StatisticsKind.SEKTORAL
    )
    collection_method = models.CharField(_("collection method"), max_length=25, choices=CollectionMethod.choices)
    sector = models.ForeignKey(
        "catalog.Topic", verbose_name=_("sector (urusan)"), on_delete=models.PROTECT, related_name="+"
    )
    bps_registration = models.CharField(_("BPS registration number"), max_length=60, blank=True)
    # Blok II: responsible unit and person
    unit_name = models.CharField(_("responsible unit"), max_length=200)
    responsible_name = models.CharField(_("person responsible"), max_length=120)
    responsible_position = models.CharField(_("position"), max_length=120, blank=True)
    responsible_email = models.EmailField(_("e-mail"), blank=True)
    responsible_phone = models.CharField(_("phone"), max_length=40, blank=True)
    # Blok III: planning and schedule
    background = models.TextField(_("background"), max_length=4000, blank=True)
    objective = models.TextField(_("objective"), max_length=4000, blank=True)
    schedule = models.JSONField(_("schedule"), default=dict, blank=True)  # phase -> {"start","end"}
    # Blok IV: design
    frequency = models.CharField(_("frequency"), max_length=15, blank=True)  # UpdateFrequency value
    coverage = models.CharField(_("area covered"), max_length=200, blank=True)
    techniques = models.JSONField(_("collection techniques"), default=list, blank=True)
    modes = models.JSONField(_("collection modes"), default=list, blank=True)
    observation_unit = models.CharField(_("unit of observation"), max_length=200, blank=True)
    # Blok V: sample design
    is_sample_based = models.BooleanField(_("based on a sample"), default=False)
    sampling_frame = models.CharField(_("sampling frame"), max_length=300, blank=True)
    sampling_method = models.CharField(_("sampling method"), max_length=300, blank=True)
    sampling_unit = models.CharField(_("sampling unit"), max_length=200, blank=True)
    sample_size = models.PositiveIntegerField(_("sample size"), null=True, blank=True)
    # Blok VI: collection
    quality_checks = models.TextField(_("quality checks"), max_length=4000, blank=True)
    staff = models.CharField(_("collection staff"), max_length=15, choices=CollectionStaff.choices, blank=True)
    staff_count = models.PositiveIntegerField(_("number of collection staff"), null=True, blank=True)
    # Blok VII: processing and analysis
    processing = models.TextField(_("processing steps"), max_length=4000, blank=True)
    analysis_method = models.TextField(_("analysis method"), max_length=4000, blank=True)
    presentation_levels = models.JSONField(_("levels of presentation"), default=list, blank=True)
    # Blok VIII: dissemination
    dissemination = models.JSONField(_("products and release dates"), default=dict, blank=True)

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = _("statistical activity (MS-Keg)")
        verbose_name_plural = _("statistical activities (MS-Keg)")

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"


class VariableMetadata(TimeStampedModel):
    """MS-Var: a variable collected by an activity; columns of resources link to it."""

    activity = models.ForeignKey(ActivityMetadata, on_delete=models.CASCADE, related_name="variables")
    name = models.CharField(_("variable name"), max_length=200)
    alias = models.CharField(_("alias"), max_length=200, blank=True)
    concept = models.CharField(_("concept"), max_length=300, blank=True)
    definition = models.TextField(_("definition"), max_length=4000)
    reason = models.TextField(_("reason for choosing the variable"), max_length=2000, blank=True)
    time_reference = models.CharField(_("time reference"), max_length=200, blank=True)
    measure = models.CharField(_("measure"), max_length=200, blank=True)
    unit = models.CharField(_("unit"), max_length=60, blank=True)
    data_type = models.CharField(_("data type"), max_length=10, choices=VariableDataType.choices)
    reference_classification = models.CharField(_("reference classification"), max_length=300, blank=True)
    value_domain = models.JSONField(_("value domain"), default=list, blank=True)  # [[code, label], ...]
    validation_rule = models.TextField(_("validation rule"), max_length=2000, blank=True)
    question_text = models.TextField(_("question text"), max_length=2000, blank=True)
    is_public = models.BooleanField(_("publicly accessible"), default=True)

    class Meta:
        ordering = ["activity", "name"]
        verbose_name = _("variable (MS-Var)")
        verbose_name_plural = _("variables (MS-Var)")
        constraints = [models.UniqueConstraint(fields=["activity", "name"], name="catalog_variable_unique_name")]

    def __str__(self) -> str:
        return self.name


class IndicatorMetadata(TimeStampedModel):
    """MS-Ind: an indicator, built from variables or (composite) from other indicators."""

    organisation = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("producer"), on_delete=models.PROTECT, related_name="+"
    )
    activity = models.ForeignKey(
        ActivityMetadata, on_delete=models.SET_NULL, null=True, blank=True, related_name="indicators"
    )
    name = models.CharField(_("indicator name"), max_length=300)
    concept = models.CharField(_("concept"), max_length=300, blank=True)
    definition = models.TextField(_("definition"), max_length=4000)
    interpretation = models.TextField(_("interpretation"), max_length=4000, blank=True)
    method = models.TextField(_("method / formula"), max_length=4000)
    measure = models.CharField(_("measure"), max_length=200, blank=True)
    unit = models.CharField(_("unit"), max_length=60, blank=True)
    disaggregation = models.CharField(_("disaggregation"), max_length=300, blank=True)
    is_composite = models.BooleanField(_("composite indicator"), default=False)
    component_indicators = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="+", verbose_name=_("built from indicators")
    )
    component_variables = models.ManyToManyField(
        VariableMetadata, blank=True, related_name="indicators", verbose_name=_("built from variables")
    )
    estimation_level = models.JSONField(_("estimation levels"), default=list, blank=True)
    is_public = models.BooleanField(_("publicly accessible"), default=True)
    datasets = models.ManyToManyField(
        "catalog.Dataset", blank=True, related_name="indicators", verbose_name=_("datasets")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("indicator (MS-Ind)")
        verbose_name_plural = _("indicators (MS-Ind)")

    def __str__(self) -> str:
        return self.name
