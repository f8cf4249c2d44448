"""One row per loaded table version. The rows themselves live in the ``datastore`` database.

Readers resolve a ``resource_key`` to its single ``active`` version; loading writes a new table
under a new name and only this row flips, so a failed or killed load is never visible.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lontar.core.models import TimeStampedModel
from lontar.datastore.ingest.errors import render


class TableStatus(models.TextChoices):
    LOADING = "loading", _("loading")
    READY = "ready", _("loaded, waiting for review")
    FAILED = "failed", _("failed")
    ACTIVE = "active", _("active")
    RETIRED = "retired", _("replaced or withdrawn")


class Phase(models.TextChoices):
    QUEUED = "queued", _("waiting for a worker")
    READING = "reading", _("reading and checking types")
    LOADING = "loading", _("writing rows")
    INDEXING = "indexing", _("building indexes")
    DONE = "done", _("finished")


class DatastoreTable(TimeStampedModel):
    """A version of a resource's table in the datastore database."""

    resource_key = models.CharField(_("resource key"), max_length=250, db_index=True)
    version = models.PositiveIntegerField(_("version"))
    table_name = models.CharField(_("table name"), max_length=40, unique=True)
    columns = models.JSONField(_("columns"), default=list, blank=True)
    row_count = models.BigIntegerField(_("rows"), default=0)
    status = models.CharField(
        _("status"), max_length=10, choices=TableStatus.choices, default=TableStatus.LOADING, db_index=True
    )
    is_public = models.BooleanField(_("public"), default=False)
    source_sha256 = models.CharField(_("SHA-256 of the file"), max_length=64, blank=True)
    source_name = models.CharField(_("file name"), max_length=255, blank=True)
    source_file = models.CharField(_("stored file"), max_length=400, blank=True)
    sheet = models.CharField(_("sheet"), max_length=200, blank=True)
    column_overrides = models.JSONField(_("column type choices"), default=dict, blank=True)
    report = models.JSONField(_("validation report"), default=dict, blank=True)
    error_code = models.CharField(_("error"), max_length=40, blank=True)
    error_params = models.JSONField(default=dict, blank=True)
    phase = models.CharField(_("phase"), max_length=10, choices=Phase.choices, default=Phase.QUEUED)
    rows_done = models.BigIntegerField(default=0)
    rows_total = models.BigIntegerField(default=0)
    worker_host = models.CharField(max_length=120, blank=True)
    worker_pid = models.IntegerField(null=True, blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="datastore_tables",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    activated_at = models.DateTimeField(_("activated at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["resource_key", "-version"]
        verbose_name = _("datastore table")
        verbose_name_plural = _("datastore tables")
        constraints = [
            models.UniqueConstraint(fields=["resource_key", "version"], name="datastore_table_unique_version"),
            models.UniqueConstraint(
                fields=["resource_key"], condition=Q(status="active"), name="datastore_table_one_active"
            ),
        ]
        indexes = [models.Index(fields=["resource_key", "status"], name="datastore_key_status")]

    def __str__(self) -> str:
        return f"{self.resource_key} v{self.version}"

    @property
    def error_message(self) -> str:
        return render(self.error_code, self.error_params) if self.error_code else ""

    @property
    def percent(self) -> int:
        """Overall progress: reading is the first fifth, writing rows most of the rest."""
        if self.phase == Phase.DONE or self.status in (TableStatus.READY, TableStatus.ACTIVE):
            return 100
        share = self.rows_done / self.rows_total if self.rows_total else 0.0
        if self.phase == Phase.READING:
            return int(20 * min(share, 1.0))
        if self.phase == Phase.LOADING:
            return 20 + int(60 * min(share, 1.0))
        if self.phase == Phase.INDEXING:
            return 80 + int(19 * min(share, 1.0))
        return 0

    @property
    def is_loading(self) -> bool:
        return self.status == TableStatus.LOADING

    def column(self, name: str) -> dict | None:
        return next((c for c in self.columns if c["name"] == name), None)
