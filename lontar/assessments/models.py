"""Assessment frameworks stored from their definition files (see ``definitions`` and ADR 0005)."""

from __future__ import annotations

from fractions import Fraction

from django.db import models
from django.utils.translation import gettext_lazy as _

from lontar.core.models import TimeStampedModel


class FrameworkKind(models.TextChoices):
    TREE = "tree", _("Weighted tree of indicators")
    QUESTIONNAIRE = "questionnaire", _("Questionnaire")


class Framework(TimeStampedModel):
    """One version of a framework (kerangka penilaian), e.g. spbe-2020 version 1.

    ``locked_at`` is set when a finalised result uses this version; a locked version is never
    changed again; a changed file must then carry a new ``version``.
    """

    code = models.SlugField(_("code"), max_length=40)
    version = models.CharField(_("version"), max_length=20)
    name = models.CharField(_("name"), max_length=300)
    index_name = models.CharField(_("index name"), max_length=300, blank=True)
    regulation = models.CharField(_("regulation"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    notes = models.TextField(_("transcription notes"), blank=True)
    sources = models.JSONField(_("sources"), default=list, blank=True)
    level_min = models.PositiveSmallIntegerField(_("lowest level"))
    level_max = models.PositiveSmallIntegerField(_("highest level"))
    checksum = models.CharField(_("SHA-256 of the definition file"), max_length=64)
    source_file = models.CharField(_("definition file"), max_length=200)
    is_current = models.BooleanField(_("current version"), default=True)
    locked_at = models.DateTimeField(_("locked at"), null=True, blank=True)
    #: a questionnaire framework (format 2: Indeks KAMI, Monev KIP) keeps its validated document
    #: in ``questionnaire`` instead of nodes and bands
    kind = models.CharField(_("kind"), max_length=20, choices=FrameworkKind.choices, default=FrameworkKind.TREE)
    questionnaire = models.JSONField(_("questionnaire"), default=dict, blank=True)

    class Meta:
        ordering = ["code", "-created_at"]
        verbose_name = _("assessment framework")
        verbose_name_plural = _("assessment frameworks")
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="framework_code_version_unique"),
            models.UniqueConstraint(
                fields=["code"], condition=models.Q(is_current=True), name="framework_one_current_version"
            ),
            models.CheckConstraint(
                condition=models.Q(level_min__lt=models.F("level_max")), name="framework_level_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} (v{self.version})"


class LevelScale(models.Model):
    """A ladder of levels (e.g. the process ladder Rintisan … Optimum) used by some indicators."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="scales")
    code = models.CharField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["framework", "code"]
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="levelscale_unique_code")]

    def __str__(self) -> str:
        return self.name


class ScaleLevel(models.Model):
    scale = models.ForeignKey(LevelScale, on_delete=models.CASCADE, related_name="levels")
    level = models.PositiveSmallIntegerField(_("level"))
    name = models.CharField(_("name"), max_length=200)
    meaning = models.TextField(_("meaning"), blank=True)
    confidence = models.CharField(_("confidence"), max_length=20, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    source = models.TextField(_("source"), blank=True)

    class Meta:
        ordering = ["scale", "level"]
        constraints = [models.UniqueConstraint(fields=["scale", "level"], name="scalelevel_unique_level")]

    def __str__(self) -> str:
        return f"{self.level} {self.name}"


class NodeKind(models.TextChoices):
    DOMAIN = "domain", _("Domain")
    ASPECT = "aspect", _("Aspect")
    INDICATOR = "indicator", _("Indicator")


class FrameworkNode(models.Model):
    """A domain, aspect or indicator. The weight (percent of the whole index) is an exact fraction."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="nodes")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    kind = models.CharField(_("kind"), max_length=10, choices=NodeKind.choices)
    number = models.CharField(_("number"), max_length=20)
    name = models.CharField(_("name"), max_length=500)
    position = models.PositiveIntegerField(_("position"))
    weight_numerator = models.BigIntegerField()
    weight_denominator = models.BigIntegerField()
    weight_text = models.CharField(_("weight as written"), max_length=30)
    scale = models.ForeignKey(LevelScale, null=True, blank=True, on_delete=models.PROTECT, related_name="indicators")
    explanation = models.TextField(_("explanation"), blank=True)
    guidance = models.TextField(_("assessment guidance"), blank=True)
    evidence_guidance = models.TextField(_("evidence guidance"), blank=True)
    external_source = models.CharField(_("value taken from"), max_length=300, blank=True)
    external_framework = models.CharField(_("linked framework"), max_length=40, blank=True)
    confidence = models.CharField(_("confidence"), max_length=20, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["framework", "position"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "kind", "number"], name="frameworknode_unique_number"),
            models.CheckConstraint(
                condition=models.Q(weight_numerator__gt=0, weight_denominator__gt=0),
                name="frameworknode_weight_positive",
            ),
        ]
        indexes = [models.Index(fields=["framework", "kind"])]

    def __str__(self) -> str:
        return f"{self.number} {self.name}"

    @property
    def weight(self) -> Fraction:
        return Fraction(self.weight_numerator, self.weight_denominator)


class LevelCriterion(models.Model):
    """What an indicator must show to be at a level (kriteria), with guidance and evidence notes."""

    node = models.ForeignKey(FrameworkNode, on_delete=models.CASCADE, related_name="criteria")
    level = models.PositiveSmallIntegerField(_("level"))
    criteria = models.TextField(_("criteria"))
    explanation = models.TextField(_("explanation"), blank=True)
    evidence = models.TextField(_("evidence"), blank=True)
    variant = models.TextField(_("later wording"), blank=True)
    confidence = models.CharField(_("confidence"), max_length=20, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["node", "level"]
        constraints = [models.UniqueConstraint(fields=["node", "level"], name="levelcriterion_unique_level")]

    def __str__(self) -> str:
        return f"{self.node.number}/{self.level}"


class PredikatBand(models.Model):
    """``lower <= index < upper``; an empty upper bound runs to the scale maximum inclusive."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="bands")
    name = models.CharField(_("predikat"), max_length=60)
    alias = models.CharField(_("alias"), max_length=120, blank=True)
    lower = models.DecimalField(_("lower bound (inclusive)"), max_digits=10, decimal_places=4)
    upper = models.DecimalField(_("upper bound (exclusive)"), max_digits=10, decimal_places=4, null=True, blank=True)
    confidence = models.CharField(_("confidence"), max_length=20, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["framework", "lower"]
        constraints = [models.UniqueConstraint(fields=["framework", "name"], name="predikatband_unique_name")]

    def __str__(self) -> str:
        return self.name


class ResultAggregate(models.TextChoices):
    NATIONAL_AVERAGE = "national_average", _("National average")


class PublishedResult(TimeStampedModel):
    """An official, published index (e.g. set by a Keputusan MenPANRB), imported with its source.

    The subject is an instansi or an aggregate such as the national average (exactly one of them).
    The framework is named by code, not version: a published value belongs to the index as
    published, whatever version of the definition file Lontar holds.
    """

    framework_code = models.SlugField(_("framework"), max_length=40)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("instansi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="published_results",
    )
    aggregate = models.CharField(_("aggregate"), max_length=20, choices=ResultAggregate.choices, blank=True)
    year = models.PositiveSmallIntegerField(_("year"))
    index = models.DecimalField(_("index"), max_digits=6, decimal_places=2)
    predikat = models.CharField(_("predikat"), max_length=60)
    source = models.CharField(_("source"), max_length=500)
    notes = models.TextField(_("notes"), blank=True)
    is_sample = models.BooleanField(_("sample data"), default=False)

    class Meta:
        ordering = ["framework_code", "year"]
        verbose_name = _("published result")
        verbose_name_plural = _("published results")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(organisation__isnull=False, aggregate="")
                    | models.Q(organisation__isnull=True) & ~models.Q(aggregate="")
                ),
                name="publishedresult_one_subject",
            ),
            models.UniqueConstraint(
                fields=["framework_code", "organisation", "year"],
                condition=models.Q(organisation__isnull=False),
                name="publishedresult_unique_instansi_year",
            ),
            models.UniqueConstraint(
                fields=["framework_code", "aggregate", "year"],
                condition=models.Q(organisation__isnull=True),
                name="publishedresult_unique_aggregate_year",
            ),
        ]

    def __str__(self) -> str:
        subject = self.organisation or self.get_aggregate_display()
        return f"{subject} {self.framework_code} {self.year}: {self.index}"
