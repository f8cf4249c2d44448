"""manage.py datastore_load FILE --resource KEY [--sheet N] [--activate] [--public] [--type col=type]"""

from __future__ import annotations

import sys
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from lontar.datastore.ingest.errors import IngestError
from lontar.datastore.ingest.pipeline import LAYOUT_KEY
from lontar.datastore.ingest.report import ValidationReport
from lontar.datastore.ingest.types import TYPE_LABELS
from lontar.datastore.models import DatastoreTable, Phase
from lontar.datastore.services import (
    DatastoreError,
    datastore_activate,
    datastore_ingest,
    datastore_set_public,
)
from lontar.organisations.models import Organisation
from lontar.organisations.selectors import organisation_by_slug

BAR = 30


class PhaseClock:
    """Seconds spent in each phase of a load (printed with -v 2; used by bench/datastore.py)."""

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.phase = ""
        self.since = self.started
        self.seconds: dict[str, float] = {}

    def __call__(self, phase: str, done: int, total: int) -> None:
        if phase != self.phase:
            self.stop()
            self.phase, self.since = phase, time.monotonic()

    def stop(self) -> None:
        if self.phase:
            self.seconds[self.phase] = self.seconds.get(self.phase, 0.0) + time.monotonic() - self.since
            self.phase = ""


class ProgressBar:
    """A one-line progress bar on stderr, redrawn at most ten times a second."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream
        self.last = 0.0
        self.started = time.monotonic()

    def __call__(self, phase: str, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self.last < 0.1 and done < total:
            return
        self.last = now
        share = min(1.0, done / total) if total else 0.0
        filled = int(BAR * share)
        label = str(dict(Phase.choices).get(phase, phase))
        self.stream.write(
            f"\r[{'#' * filled}{'.' * (BAR - filled)}] {share:4.0%} {label}: {done:,}/{total:,} "
            f"({now - self.started:.1f} s)\x1b[K"
        )
        self.stream.flush()

    def close(self) -> None:
        self.stream.write("\n")
        self.stream.flush()


def parse_types(values: list[str]) -> dict[str, Any]:
    """``col=decimal`` or ``col=decimal:en`` → overrides for datastore_ingest."""
    overrides: dict[str, Any] = {}
    for item in values:
        name, sep, kind = item.partition("=")
        if not sep or not name or not kind:
            raise CommandError(_("Write a type choice as column=type, e.g. luas=decimal:en."))
        kind, _sep, fmt = kind.partition(":")
        overrides[name] = {"type": kind, "number_format": fmt} if fmt else kind
    return overrides


class Command(BaseCommand):
    help = "Load a CSV or XLSX file into a new datastore table version, with a progress bar."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--resource", required=True, help="resource key, e.g. dataset-slug/resource-slug")
        parser.add_argument("--sheet", help="XLSX sheet: number (1 = first) or name")
        parser.add_argument("--type", action="append", default=[], help="column=type[:id|en] (repeatable)")
        parser.add_argument("--organisation", help="slug of the organisation that owns the data")
        parser.add_argument("--activate", action="store_true", help="activate the version when it has no errors")
        parser.add_argument("--public", action="store_true", help="with --activate: let the public read it")
        parser.add_argument("--no-progress", action="store_true")
        parser.add_argument(
            "--no-layout",
            action="store_true",
            help="no table layout detection (titles, merged headers, notes): the first header-like row is the header",
        )
        parser.add_argument("--long", action="store_true", help="write a table with years as columns long")

    def handle(self, *args: Any, **options: Any) -> None:
        bar = None if options["no_progress"] else ProgressBar(sys.stderr)
        clock = PhaseClock()

        def progress(phase: str, done: int, total: int) -> None:
            clock(phase, done, total)
            if bar is not None:
                bar(phase, done, total)

        organisation = self._organisation(options["organisation"])
        try:
            table = datastore_ingest(
                actor=None,
                path=options["file"],
                resource_key=options["resource"],
                column_overrides=_overrides(options) or None,
                progress=progress,
                sheet=_sheet(options["sheet"]),
                organisation=organisation,
            )
        except IngestError as exc:
            if bar:
                bar.close()
            if exc.report is not None:
                self._summary(exc.report)
            raise CommandError(exc.message) from exc
        if bar:
            bar.close()
        clock.stop()
        self._summary(ValidationReport.from_dict(table.report))
        if options["verbosity"] >= 2:
            phases = ", ".join(f"{phase} {seconds:.2f} s" for phase, seconds in clock.seconds.items())
            self.stdout.write(f"timings: {phases}; total {time.monotonic() - clock.started:.2f} s")
        self.stdout.write(
            _("Loaded %(key)s version %(version)s: %(rows)s rows (table id %(id)s).")
            % {
                "key": table.resource_key,
                "version": table.version,
                "rows": f"{table.row_count:,}",
                "id": table.pk,
            }
        )
        if options["activate"]:
            self._activate(table, public=options["public"])

    def _organisation(self, slug: str | None) -> Organisation | None:
        if not slug:
            return None
        org = organisation_by_slug(slug)
        if org is None:
            raise CommandError(_("No organisation with slug %(slug)s.") % {"slug": slug})
        return org

    def _activate(self, table: DatastoreTable, *, public: bool) -> None:
        try:
            if public:
                table = datastore_set_public(actor=None, table=table, is_public=True)
            table = datastore_activate(actor=None, table=table)
        except DatastoreError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(
            _("Activated: %(key)s now serves version %(version)s.")
            % {
                "key": table.resource_key,
                "version": table.version,
            }
        )

    def _summary(self, report: ValidationReport) -> None:
        self.stdout.write(_("Validation report") + f" ({report.row_count:,} " + _("rows") + ")")
        for column in report.columns:
            kind = str(TYPE_LABELS.get(column.type, column.type))
            self.stdout.write(f"  {column.name:<30} {kind:<24} " + _("missing") + f": {column.missing:,}")
        for issue in report.issues:
            self.stdout.write(f"  [{issue.severity}] {issue.message}")
        if not report.issues:
            self.stdout.write("  " + _("No problems found."))


def _sheet(value: str | None) -> int | str | None:
    if value is None:
        return None
    return int(value) - 1 if value.isdigit() else value


def _overrides(options: dict[str, Any]) -> dict[str, Any]:
    overrides: dict[str, Any] = dict(parse_types(options["type"]))
    layout = {"detect": False} if options["no_layout"] else {}
    if options["long"]:
        layout["long"] = True
    if layout:
        overrides[LAYOUT_KEY] = layout
    return overrides
