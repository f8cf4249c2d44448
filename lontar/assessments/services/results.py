"""Importing official published results (history before Lontar)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction

from lontar.assessments.models import PublishedResult
from lontar.assessments.results_import import ResultRow
from lontar.assessments.services.frameworks import check_loader
from lontar.audit.services import audit_record

FIELDS = ("index", "predikat", "source", "notes", "is_sample")


@dataclass(frozen=True)
class ImportOutcome:
    created: int
    updated: int
    unchanged: int


def published_results_import(*, actor: Any = None, rows: list[ResultRow], source_file: str) -> ImportOutcome:
    """Create or update one PublishedResult per row (keyed by framework, subject and year), all or nothing.

    Rows come checked from ``results_import.read_results``. Results not in the file are kept.
    """
    check_loader(actor)
    created = updated = unchanged = 0
    with transaction.atomic():
        for row in rows:
            values = {field: getattr(row, field) for field in FIELDS}
            existing = PublishedResult.objects.filter(
                framework_code=row.framework_code, organisation=row.organisation, aggregate=row.aggregate, year=row.year
            ).first()
            if existing is None:
                PublishedResult.objects.create(
                    framework_code=row.framework_code,
                    organisation=row.organisation,
                    aggregate=row.aggregate,
                    year=row.year,
                    **values,
                )
                created += 1
            elif any(getattr(existing, f) != v for f, v in values.items()):
                for field, value in values.items():
                    setattr(existing, field, value)
                existing.save()
                updated += 1
            else:
                unchanged += 1
        if created or updated:
            audit_record(
                action="assessments.published_results.imported",
                actor=actor,
                data={"file": source_file[:200], "created": created, "updated": updated, "unchanged": unchanged},
            )
    return ImportOutcome(created, updated, unchanged)
