"""The computed report and its files, cached per parameters and data version.

The version is the number of rows and the latest change of every table the report reads
(requests, notices, keberatan, disputes, holidays): a new or changed record gives a new key, so
a cached report is never stale in a way that hides new requests.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.core.cache import cache
from django.db.models import Count, Max

from lontar.calendar.models import Holiday
from lontar.ppid.models import Dispute, InformationRequest, Notice, Objection, PublicBody
from lontar.ppid.report.compute import Report
from lontar.ppid.report.data import annual_report
from lontar.ppid.report.render import report_pdf
from lontar.ppid.report.xlsx import report_xlsx

TIMEOUT = 60 * 30


def data_version() -> str:
    parts = []
    for model in (InformationRequest, Notice, Objection, Dispute, Holiday):
        row = model.objects.order_by().aggregate(n=Count("id"), last=Max("updated_at"))
        parts.append(f"{row['n']}:{row['last'].isoformat() if row['last'] else ''}")
    return hashlib.blake2b("|".join(parts).encode(), digest_size=8).hexdigest()


def _key(kind: str, year: int, semester: int | None, body: PublicBody | None, version: str) -> str:
    return f"ppid:report:{kind}:{year}:{semester or 0}:{body.pk if body else 0}:{version}"


def _cached(key: str, build: Callable[[], object]) -> object:
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, TIMEOUT)
    return value


def cached_report(year: int, semester: int | None, body: PublicBody | None) -> tuple[Report, str]:
    """The report and the data version it was computed on."""
    version = data_version()
    report = _cached(
        _key("data", year, semester, body, version),
        lambda: annual_report(year=year, semester=semester, body=body),
    )
    return report, version  # type: ignore[return-value]


def file_is_cached(fmt: str, report: Report, body: PublicBody | None, version: str) -> bool:
    return cache.get(_key(fmt, report.period.year, report.period.semester, body, version)) is not None


def cached_file(fmt: str, report: Report, body: PublicBody | None, version: str) -> bytes:
    render = report_pdf if fmt == "pdf" else report_xlsx
    key = _key(fmt, report.period.year, report.period.semester, body, version)
    return _cached(key, lambda: render(report))  # type: ignore[return-value]
