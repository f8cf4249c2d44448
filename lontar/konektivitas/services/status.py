"""The weekly status recompute: every active site (or one kabupaten/kota) for one ISO week.

Four bulk reads of plain values (sites, the week's unflagged measurements, current connections,
trusted coverage), the pure rule of :mod:`lontar.konektivitas.status` in one pass, then the writes:
the week's ``SiteWeeklyStatus`` rows and the sites' cached status. Writes are the expensive part on
PostgreSQL (Site carries about twenty indexes), so there only rows whose values change are written
(upsert with IS DISTINCT FROM, one cache UPDATE joined to unnest arrays): a recompute of a week
already computed writes almost nothing. A site's cache is only moved forward: recomputing an older
week leaves a newer status. Connections are read as they are now (their ``status``), limited to
those valid in the week.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connections, router, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from lontar.audit.services import audit_record
from lontar.konektivitas import page_version
from lontar.konektivitas.bulk import insert_rows
from lontar.konektivitas.models import (
    Connection,
    CoverageObservation,
    Measurement,
    Site,
    SiteWeeklyStatus,
)
from lontar.konektivitas.selectors.sites import benchmarks
from lontar.konektivitas.services.summaries import summaries_refresh, trend_from_rows
from lontar.konektivitas.status import (
    DEFAULT_BENCHMARK,
    ConnectionFacts,
    CoverageFacts,
    latest_coverage,
    median,
    site_status,
)

BATCH = 5000
_ISO_WEEK = re.compile(r"^(\d{4})-?W(\d{1,2})$", re.IGNORECASE)


@dataclass
class RecomputeResult:
    week: dt.date
    sites: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    by_rule: dict[str, int] = field(default_factory=dict)
    cached: int = 0
    seconds: float = 0.0


def week_monday(value: Any) -> dt.date:
    """The Monday of an ISO week given as a date, a datetime, "2026-W49" or "2026-12-07"."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value - dt.timedelta(days=value.weekday())
    text = str(value or "").strip()
    found = _ISO_WEEK.match(text)
    try:
        if found:
            return dt.date.fromisocalendar(int(found.group(1)), int(found.group(2)), 1)
        return week_monday(dt.date.fromisoformat(text))
    except ValueError as exc:
        raise ValidationError(_("Unknown week %(week)s: use 2026-W49 or a date.") % {"week": text}) from exc


def _window(monday: dt.date) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(monday, dt.time.min, tzinfo=tz)
    return start, start + dt.timedelta(days=7)


def _medians(monday: dt.date, kabupaten: str) -> dict[int, float]:
    start, end = _window(monday)
    qs = Measurement.objects.filter(
        measured_at__gte=start, measured_at__lt=end, flagged=False, download_mbps__isnull=False
    )
    if kabupaten:
        qs = qs.filter(site__kabupaten_id=kabupaten)
    speeds: dict[int, list[float]] = defaultdict(list)
    for site_id, mbps in qs.order_by().values_list("site_id", "download_mbps").iterator(chunk_size=20000):
        if mbps is not None:
            speeds[site_id].append(mbps)
    return {site_id: m for site_id, values in speeds.items() if (m := median(values)) is not None}


def _connections(monday: dt.date, kabupaten: str) -> dict[int, list[ConnectionFacts]]:
    sunday = monday + dt.timedelta(days=6)
    qs = Connection.objects.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=sunday), Q(valid_to__isnull=True) | Q(valid_to__gte=monday)
    )
    if kabupaten:
        qs = qs.filter(site__kabupaten_id=kabupaten)
    found: dict[int, list[ConnectionFacts]] = defaultdict(list)
    rows = qs.order_by("site_id", "role", "-valid_from", "id").values_list(
        "site_id", "role", "technology", "status", "download_contracted_mbps"
    )
    for site_id, role, technology, status, mbps in rows.iterator(chunk_size=20000):
        found[site_id].append(ConnectionFacts(role, technology, status, mbps))
    return found


def _coverage(year: int, kabupaten: str) -> dict[str, str]:
    """Desa code -> internet signal of its latest trusted observation up to ``year``."""
    qs = CoverageObservation.objects.filter(trusted=True, year__lte=year)
    if kabupaten:
        qs = qs.filter(kabupaten_id=kabupaten)
    per_desa: dict[str, list[CoverageFacts]] = defaultdict(list)
    for desa, y, source, phone, internet in qs.order_by().values_list(
        "desa_id", "year", "source", "phone_signal", "internet_signal"
    ):
        per_desa[desa].append(CoverageFacts(y, source, phone, internet))
    out = {}
    for desa, observations in per_desa.items():
        latest = latest_coverage(observations)
        if latest is not None:
            out[desa] = latest.internet_signal
    return out


def _store_week(monday: dt.date, kabupaten: str, rows: list[dict[str, Any]]) -> None:
    """Replace the week's ``SiteWeeklyStatus`` rows (of ``kabupaten``) with ``rows``.

    PostgreSQL: one upsert per batch (arrays, unnest) that writes only the rows whose values
    differ — a recompute of a week already computed writes nothing — then the week's rows of the
    sites that are no longer active are deleted. Elsewhere: DELETE the week's rows, INSERT them."""
    connection = connections[router.db_for_write(SiteWeeklyStatus)]
    old = SiteWeeklyStatus.objects.filter(week=monday)
    if kabupaten:
        old = old.filter(site__kabupaten_id=kabupaten)
    if connection.vendor != "postgresql":
        old._raw_delete(old.db)  # plain DELETE: no cascades or signals hang off weekly rows
        insert_rows(SiteWeeklyStatus, rows)
        return
    table = connection.ops.quote_name(SiteWeeklyStatus._meta.db_table)
    sql = f"""
        INSERT INTO {table} (site_id, week, status, rule, value, benchmark_mbps, computed_at)
        SELECT v.site_id, %s::date, v.status, v.rule, v.value, v.benchmark_mbps, %s
        FROM unnest(%s::bigint[], %s::varchar[], %s::varchar[], %s::float8[], %s::float8[])
            AS v(site_id, status, rule, value, benchmark_mbps)
        ON CONFLICT (site_id, week) DO UPDATE SET
            status = EXCLUDED.status, rule = EXCLUDED.rule, value = EXCLUDED.value,
            benchmark_mbps = EXCLUDED.benchmark_mbps, computed_at = EXCLUDED.computed_at
        WHERE ({table}.status, {table}.rule, {table}.value, {table}.benchmark_mbps)
            IS DISTINCT FROM (EXCLUDED.status, EXCLUDED.rule, EXCLUDED.value, EXCLUDED.benchmark_mbps)"""  # noqa: S608
    now = timezone.now()
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            chunk = rows[start : start + BATCH]
            cursor.execute(
                sql,
                [
                    monday,
                    now,
                    [r["site_id"] for r in chunk],
                    [r["status"] for r in chunk],
                    [r["rule"] for r in chunk],
                    [None if r["value"] is None else float(r["value"]) for r in chunk],
                    [None if r["benchmark_mbps"] is None else float(r["benchmark_mbps"]) for r in chunk],
                ],
            )
    old.filter(site__is_active=False)._raw_delete(old.db)  # the rows of sites no longer recomputed


def _cache_forward(monday: dt.date, groups: dict[tuple[str, str], list[int]]) -> int:
    """Set the sites' cached status to this week's unless they hold a newer week; returns how many
    sites hold this week's status afterwards.

    A row whose cache already says this (status, rule, week) is not written: Site has about twenty
    indexes and ``status`` is one of them, so every written row costs an entry in each of them
    (PostgreSQL cannot update it in place) — 2.5 s for 20,000 sites. On PostgreSQL one statement
    reads the new values as arrays (unnest), joins them to the sites, and updates only the rows
    that change."""
    connection = connections[router.db_for_write(Site)]
    if connection.vendor == "postgresql":
        ids: list[int] = []
        statuses: list[str] = []
        rules: list[str] = []
        for (status, rule), group in groups.items():
            ids += group
            statuses += [str(status)] * len(group)
            rules += [str(rule)] * len(group)
        table = connection.ops.quote_name(Site._meta.db_table)
        sql = f"""
            WITH v AS (SELECT * FROM unnest(%s::bigint[], %s::varchar[], %s::varchar[]) AS v(id, status, rule)),
            forward AS (
                SELECT s.id, v.status, v.rule,
                       (s.status, s.status_rule, s.status_week) IS DISTINCT FROM (v.status, v.rule, %s::date) AS moved
                FROM {table} s JOIN v ON s.id = v.id
                WHERE s.status_week IS NULL OR s.status_week <= %s::date
            ),
            written AS (
                UPDATE {table} s SET status = f.status, status_rule = f.rule, status_week = %s::date
                FROM forward f WHERE s.id = f.id AND f.moved RETURNING 1
            )
            SELECT count(*) FROM forward"""  # noqa: S608 (the model's quoted table name)
        with connection.cursor() as cursor:
            cursor.execute(sql, [ids, statuses, rules, monday, monday, monday])
            return int(cursor.fetchone()[0])
    cached = 0
    newer_or_same = Q(status_week__isnull=True) | Q(status_week__lte=monday)
    for (status, rule), group in groups.items():
        for start in range(0, len(group), BATCH):
            chunk = group[start : start + BATCH]
            forward = Site.objects.filter(newer_or_same, pk__in=chunk)
            cached += forward.count()
            forward.exclude(status=status, status_rule=rule, status_week=monday).update(
                status=status, status_rule=rule, status_week=monday
            )
    return cached


def status_recompute(*, week: Any, kabupaten: str = "", actor: Any = None) -> RecomputeResult:
    """Recompute the status of every active site (of ``kabupaten`` when given) for the ISO week of
    ``week``; stores the week's rows and moves each site's cached status forward."""
    began = time.perf_counter()
    monday = week_monday(week)
    result = RecomputeResult(week=monday)
    sites_qs = Site.objects.filter(is_active=True)
    if kabupaten:
        sites_qs = sites_qs.filter(kabupaten_id=kabupaten)
    sites = list(sites_qs.order_by().values_list("id", "kind", "desa_id", "kabupaten_id"))
    medians = _medians(monday, kabupaten)
    connections = _connections(monday, kabupaten)
    coverage = _coverage(monday.year, kabupaten)
    bench = benchmarks()
    rows: list[dict[str, Any]] = []
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    by_status: Counter[str] = Counter()
    by_rule: Counter[str] = Counter()
    trend: Counter[tuple[str, str, str]] = Counter()
    for site_id, kind, desa, kab in sites:
        found = site_status(
            measured_mbps=medians.get(site_id),
            connections=connections.get(site_id, ()),
            internet_signal=coverage.get(desa, ""),
            benchmark=bench.get(kind, DEFAULT_BENCHMARK),
        )
        rows.append(
            {
                "site_id": site_id,
                "week": monday,
                "status": str(found.status),
                "rule": str(found.rule),
                "value": found.value,
                "benchmark_mbps": found.benchmark_mbps,
            }
        )
        groups[(found.status, found.rule)].append(site_id)
        by_status[found.status] += 1
        by_rule[found.rule] += 1
        trend[(kab, kind, str(found.status))] += 1
    with transaction.atomic():
        _store_week(monday, kabupaten, rows)
        result.cached = _cache_forward(monday, groups)
        # the public maps' counts (from the sites' cached status) and this week's trend row
        summaries_refresh(kabupaten=[kabupaten] if kabupaten else None, weeks=False)
        trend_from_rows(monday, trend, kabupaten)
        audit_record(
            action="konektivitas.status.recomputed",
            actor=actor,
            data={
                "week": monday.isoformat(),
                "kabupaten": kabupaten,
                "sites": len(sites),
                "by_status": dict(by_status),
            },
        )
    page_version.bump()
    result.sites = len(sites)
    result.by_status = dict(by_status)
    result.by_rule = dict(by_rule)
    result.seconds = round(time.perf_counter() - began, 3)
    return result
