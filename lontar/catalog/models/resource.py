"""Resources (files or links) of a dataset, their data dictionary, and their published versions."""

from __future__ import annotations

import uuid
from typing import Any

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lontar.catalog.models.choices import TABULAR_FORMATS, ColumnType, ReferenceKind, ResourceFormat
from lontar.core.models import TimeStampedModel

resource_slug_validator = RegexValidator(
    r"^[a-z0-9][a-z0-9_-]{0,79}$",
    _("Use up to 80 lower-case letters, digits, hyphens or underscores, starting with a letter or a digit."),
)
column_name_validator = RegexValidator(
    r"^[A-Za-z_][A-Za-z0-9_]{0,62}$",
    _("A column name has letters, digits and underscores, starts with a letter, and is at most 63 characters."),
)


def resource_upload_to(instance: Resource, filename: str) -> str:
    """Uploaded files are never overwritten: each upload gets its own name under the resource."""
    return f"catalog/{instance.dataset_id}/{instance.id}/{uuid.uuid4().hex[:12]}-{filename}"


class Resource(TimeStampedModel):
    """A file or a link that belongs to a dataset (working copy)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    dataset = models.ForeignKey("catalog.Dataset", on_delete=models.CASCADE, related_name="resources")
    slug = models.SlugField(_("short name (URL)"), max_length=80, validators=[resource_slug_validator])
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), max_length=4000, blank=True)
    format = models.CharField(_("format"), max_length=10, choices=ResourceFormat.choices)
    file = models.FileField(_("file"), upload_to=resource_upload_to, max_length=400, blank=True)
    url = models.URLField(_("link"), max_length=1000, blank=True)
    original_filename = models.CharField(_("file name"), max_length=255, blank=True)
    size = models.BigIntegerField(_("size (bytes)"), null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    datastore_table_id = models.BigIntegerField(null=True, blank=True)
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["position", "created_at"]
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        constraints = [
            models.UniqueConstraint(fields=["dataset", "slug"], name="catalog_resource_unique_slug"),
            models.CheckConstraint(
                condition=(Q(file="") & ~Q(url="")) | (~Q(file="") & Q(url="")),
                name="catalog_resource_file_or_link",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_tabular(self) -> bool:
        return self.format in TABULAR_FORMATS


class Column(models.Model):
    """One entry of a tabular resource's data dictionary (kamus data)."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="columns")
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(_("column"), max_length=63, validators=[column_name_validator])
    label = models.CharField(_("label"), max_length=200, blank=True)
    type = models.CharField(_("type"), max_length=12, choices=ColumnType.choices, default=ColumnType.TEXT)
    unit = models.CharField(_("unit"), max_length=60, blank=True)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    reference_kind = models.CharField(
        _("kode referensi"), max_length=25, choices=ReferenceKind.choices, default=ReferenceKind.NONE, blank=True
    )
    variable = models.ForeignKey(
        "catalog.VariableMetadata",
        verbose_name=_("variable (MS-Var)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="columns",
    )

    class Meta:
        ordering = ["resource", "position"]
        verbose_name = _("column")
        verbose_name_plural = _("columns")
        constraints = [models.UniqueConstraint(fields=["resource", "name"], name="catalog_column_unique_name")]

    def __str__(self) -> str:
        return self.name


class ResourceVersion(models.Model):
    """A resource as it was published in one dataset version. Never changed."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    resource = models.ForeignKey(Resource, on_delete=models.PROTECT, related_name="versions")
    dataset_version = models.ForeignKey(
        "catalog.DatasetVersion", on_delete=models.PROTECT, related_name="resource_versions"
    )
    position = models.PositiveSmallIntegerField(default=0)
    file = models.FileField(max_length=400, blank=True)
    snapshot = models.JSONField()
    datastore_table_id = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["dataset_version", "position"]
        verbose_name = _("resource version")
        verbose_name_plural = _("resource versions")
        constraints = [
            models.UniqueConstraint(fields=["dataset_version", "resource"], name="catalog_resource_version_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.resource_id} @ {self.dataset_version_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValueError("a published resource version is immutable")
        super().save(*args, **kwargs)
