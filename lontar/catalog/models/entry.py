"""The public catalogue index: one ``CatalogEntry`` per dataset whose published version is public.

Only the services write here (``services.entries``). Every public page, the CKAN API, DCAT and the
feeds read from these rows and the published snapshot they point to, never from a working copy,
so a dataset that is not published *and* publik cannot appear on any of them.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class CatalogEntry(models.Model):
    dataset = models.OneToOneField(
        "catalog.Dataset", on_delete=models.CASCADE, primary_key=True, related_name="catalog_entry"
    )
    version = models.ForeignKey("catalog.DatasetVersion", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=100, unique=True)
    title = models.CharField(max_length=200)
    notes = models.TextField(blank=True)
    search_text = models.TextField(blank=True)
    facet_keys = models.TextField(blank=True)
    #: the CKAN package of this version as JSON, with markers for the site address and the
    #: organisation (``ckan/packages.py``); ``package_format`` says which code wrote it
    package_json = models.TextField(blank=True, default="")
    package_format = models.PositiveSmallIntegerField(default=0)
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    licence = models.CharField(max_length=20)
    is_sample = models.BooleanField(default=False)
    is_prioritas = models.BooleanField(default=False)
    #: CKAN's ``num_resources`` / ``num_tags`` of the published version (sortable in package_search)
    num_resources = models.PositiveIntegerField(default=0)
    num_tags = models.PositiveIntegerField(default=0)
    metadata_created = models.DateTimeField(db_index=True)
    metadata_modified = models.DateTimeField(db_index=True)
    topics = models.ManyToManyField("catalog.Topic", related_name="entries")
    tags = models.ManyToManyField("catalog.Tag", related_name="entries")

    class Meta:
        ordering = ["-metadata_modified"]
        verbose_name = _("catalogue entry")
        verbose_name_plural = _("catalogue entries")
        indexes = [
            models.Index(fields=["organisation", "metadata_modified"], name="catalog_entry_org_modified"),
            # the catalogue's default order (newest change first, ties by id: DCAT pages, the
            # portal without a query, package_search without q): read in order instead of sorting
            # every entry for each page (bench/scale.py, 100,000 datasets)
            models.Index(models.F("metadata_modified").desc(), "dataset", name="catalog_entry_modified_id"),
        ]

    def __str__(self) -> str:
        return self.name


class EntryYear(models.Model):
    entry = models.ForeignKey(CatalogEntry, on_delete=models.CASCADE, related_name="years")
    year = models.PositiveSmallIntegerField(db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["entry", "year"], name="catalog_entry_year_unique")]
        # covering: a year filter finds its entry ids without reading the table
        indexes = [models.Index(fields=["year", "entry"], name="catalog_entry_year_cover")]

    def __str__(self) -> str:
        return str(self.year)


class EntryFormat(models.Model):
    entry = models.ForeignKey(CatalogEntry, on_delete=models.CASCADE, related_name="formats")
    format = models.CharField(max_length=10, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["entry", "format"], name="catalog_entry_format_unique")]
        # covering: a format filter finds its entry ids without reading the table
        indexes = [models.Index(fields=["format", "entry"], name="catalog_entry_format_cover")]

    def __str__(self) -> str:
        return self.format


class CatalogVersion(models.Model):
    """One row whose number grows whenever the public catalogue changes; search caches key on it."""

    version = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("catalogue version")

    def __str__(self) -> str:
        return str(self.version)
