"""Datasets (the working copy a Produsen Data edits), their immutable published versions and
the notes of every workflow transition."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from lontar.catalog.models.choices import DataClass, DatasetState, SpatialLevel, UpdateFrequency
from lontar.catalog.reference import DEFAULT_LICENCE, licence_choices
from lontar.core.models import TimeStampedModel

#: CKAN's rule for dataset names: 2-100 characters, lower-case letters, digits, "-" and "_"
SLUG_PATTERN = r"^[a-z0-9][a-z0-9_-]{1,99}$"
slug_validator = RegexValidator(
    SLUG_PATTERN,
    _("Use 2 to 100 lower-case letters, digits, hyphens or underscores, starting with a letter or a digit."),
)


class Dataset(TimeStampedModel):
    """One dataset as its Produsen Data describes it. The public only ever sees a published
    :class:`DatasetVersion` of it (through ``CatalogEntry``), never this working copy."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    slug = models.SlugField(_("short name (URL)"), max_length=100, unique=True, validators=[slug_validator])
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=10000, blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("Produsen Data"),
        on_delete=models.PROTECT,
        related_name="datasets",
    )
    topics = models.ManyToManyField("catalog.Topic", verbose_name=_("topics (urusan)"), blank=True, related_name="+")
    tags = models.ManyToManyField("catalog.Tag", verbose_name=_("tags"), blank=True, related_name="+")
    licence = models.CharField(_("licence"), max_length=20, choices=licence_choices, default=DEFAULT_LICENCE)
    data_class = models.CharField(_("data class"), max_length=15, choices=DataClass.choices, default=DataClass.PUBLIK)
    update_frequency = models.CharField(
        _("update frequency"), max_length=15, choices=UpdateFrequency.choices, default=UpdateFrequency.ANNUAL
    )
    temporal_start = models.PositiveSmallIntegerField(_("first year covered"), null=True, blank=True)
    temporal_end = models.PositiveSmallIntegerField(_("last year covered"), null=True, blank=True)
    spatial_level = models.CharField(
        _("level of presentation"), max_length=15, choices=SpatialLevel.choices, default=SpatialLevel.KABKOTA
    )
    spatial_region = models.ForeignKey(
        "organisations.Region",
        verbose_name=_("area covered"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    contact_name = models.CharField(_("contact person"), max_length=120, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    is_prioritas = models.BooleanField(_("Data Prioritas"), default=False)
    release_date = models.DateField(_("release date"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=600, blank=True)
    activity = models.ForeignKey(
        "catalog.ActivityMetadata",
        verbose_name=_("statistical activity (MS-Keg)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="datasets",
    )
    state = models.CharField(
        _("state"), max_length=12, choices=DatasetState.choices, default=DatasetState.DRAFT, db_index=True
    )
    is_sample = models.BooleanField(_("sample data (data contoh)"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published_version = models.ForeignKey(
        "catalog.DatasetVersion", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    first_published_at = models.DateTimeField(_("first published"), null=True, blank=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("dataset")
        verbose_name_plural = _("datasets")
        indexes = [models.Index(fields=["organisation", "state"], name="catalog_dataset_org_state")]
        constraints = [
            models.CheckConstraint(
                condition=Q(temporal_start__isnull=True)
                | Q(temporal_end__isnull=True)
                | Q(temporal_end__gte=F("temporal_start")),
                name="catalog_dataset_temporal_order",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_editable(self) -> bool:
        """The Produsen Data may change it (a draft, a returned one, or a new revision)."""
        return self.state in (DatasetState.DRAFT, DatasetState.RETURNED)


class DatasetVersion(models.Model):
    """A published version: a frozen snapshot of the metadata and of every resource. Never changed."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    dataset = models.ForeignKey(Dataset, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    snapshot = models.JSONField(_("metadata snapshot"))
    data_class = models.CharField(_("data class"), max_length=15, choices=DataClass.choices)
    published_at = models.DateTimeField(_("published"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["dataset", "-number"]
        verbose_name = _("dataset version")
        verbose_name_plural = _("dataset versions")
        constraints = [
            models.UniqueConstraint(fields=["dataset", "number"], name="catalog_version_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{self.dataset_id} v{self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Versions are written once: an update of an existing row is refused."""
        if not self._state.adding:
            raise ValueError("a published dataset version is immutable")
        super().save(*args, **kwargs)


class DatasetTransition(models.Model):
    """One step of the workflow, with the note every step carries."""

    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="transitions")
    from_state = models.CharField(_("from"), max_length=12, choices=DatasetState.choices)
    to_state = models.CharField(_("to"), max_length=12, choices=DatasetState.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    note = models.TextField(_("note"))
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("workflow step")
        verbose_name_plural = _("workflow steps")

    def __str__(self) -> str:
        return f"{self.from_state} → {self.to_state}"
