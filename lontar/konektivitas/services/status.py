"""The weekly status recompute: every active site (or one kabupaten/kota) for one ISO week.

Bulk reads of plain values (the sites with their cached status, the week's unflagged measurements
— an index-only scan on PostgreSQL —, connections valid in the week, trusted coverage, the week's
stored rows), the pure rule of :mod:`lontar.konektivitas.status` in one pass, then only the
differences are written, on both databases: the week's ``SiteWeeklyStatus`` rows that are new or
changed, the sites whose cached status or week moves (HOT updates on PostgreSQL, migration 0008),
and the map summaries of the kab/kota where some site changed status. A recompute of a week
already computed writes nothing but its trend row and audit event. A site's cache is only moved
forward: recomputing an older week leaves a newer status. Connections are read as they are now
(their ``status``), limited to those valid in the week.
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
    usable_speed,
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
    #: weekly rows inserted, replaced or deleted (0 when the week was already computed)
    written: int = 0
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


def _connections(monday: dt.date, kabupaten: str, only: list[int] | None = None) -> dict[int, list[ConnectionFacts]]:
    """Each site's connections valid in the week, main before backup, newest first (sorted here:
    a sort of every connection in the database costs more than the few per site here). ``only``:
    the sites whose status the connections can decide (those without a measured speed), when
    they are few enough to name; None reads every site's."""
    sunday = monday + dt.timedelta(days=6)
    qs = Connection.objects.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=sunday), Q(valid_to__isnull=True) | Q(valid_to__gte=monday)
    )
    if kabupaten:
        qs = qs.filter(site__kabupaten_id=kabupaten)
    columns = ("site_id", "role", "technology", "status", "download_contracted_mbps", "valid_from", "id")
    chunks = [qs] if only is None else [qs.filter(site_id__in=only[i : i + BATCH]) for i in range(0, len(only), BATCH)]
    per_site: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    for chunk in chunks:
        for row in chunk.order_by().values_list(*columns).iterator(chunk_size=20000):
            per_site[row[0]].append(row)
    found: dict[int, list[ConnectionFacts]] = {}
    for site_id, site_rows in per_site.items():
        if len(site_rows) > 1:
            # role, then valid_from descending with no date first (as PostgreSQL orders NULLs), then id
            site_rows.sort(key=lambda r: (r[1], r[5] is not None, -(r[5].toordinal() if r[5] else 0), r[6]))
        found[site_id] = [ConnectionFacts(r[1], r[2], r[3], r[4]) for r in site_rows]
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


def _store_week(monday: dt.date, kabupaten: str, rows: list[dict[str, Any]]) -> int:
    """Make the week's ``SiteWeeklyStatus`` rows (of ``kabupaten``) equal ``rows``; returns how many
    rows were written.

    The week's stored rows are read first and only the difference is written: rows of sites whose
    values changed are replaced, new ones inserted, those of sites no longer recomputed (inactive)
    deleted. A recompute of a week already computed writes nothing; a new week is one bulk insert
    (rows in site order, as the (site, week) index is laid out)."""
    old = SiteWeeklyStatus.objects.filter(week=monday).order_by()
    if kabupaten:
        old = old.filter(site__kabupaten_id=kabupaten)
    existing: dict[int, tuple[Any, ...]] = {}
    stored = old.values_list("site_id", "pk", "status", "rule", "value", "benchmark_mbps")
    for site_id, *values in stored.iterator(chunk_size=20000):
        existing[site_id] = tuple(values)
    stale: list[int] = []
    fresh: list[dict[str, Any]] = []
    for row in rows:
        found = existing.pop(row["site_id"], None)
        if found is not None:
            if tuple(found[1:]) == (row["status"], row["rule"], row["value"], row["benchmark_mbps"]):
                continue
            stale.append(found[0])
        fresh.append(row)
    stale += [found[0] for found in existing.values()]  # sites no longer active
    for start in range(0, len(stale), BATCH):
        gone = SiteWeeklyStatus.objects.filter(pk__in=stale[start : start + BATCH])
        gone._raw_delete(gone.db)  # plain DELETE: no cascades or signals hang off weekly rows
    insert_rows(SiteWeeklyStatus, fresh)
    return len(fresh) + len(stale)


def _cache_forward(
    monday: dt.date, current: dict[int, tuple[str, str, dt.date | None]], new: dict[int, tuple[str, str]]
) -> tuple[int, set[int]]:
    """Set the sites' cached status to this week's unless they hold a newer week. ``current``: each
    site's cached (status, rule, week) as read before; ``new``: this week's (status, rule).

    Returns how many sites hold this week's status afterwards and the ids of those whose status
    (not only its week) changed. Only rows that change are written, each UPDATE guarded so a newer
    week written meanwhile stays. The cached columns are in no index of Site and its pages keep
    free space (migration 0008), so on PostgreSQL these are HOT updates: the row is rewritten on
    its page and no index entry is added."""
    cached = 0
    moved: list[tuple[int, str, str]] = []
    changed: set[int] = set()
    for site_id, (status, rule) in new.items():
        old_status, old_rule, old_week = current[site_id]
        if old_week is not None and old_week > monday:
            continue
        cached += 1
        if (old_status, old_rule, old_week) != (status, rule, monday):
            moved.append((site_id, status, rule))
            if old_status != status:
                changed.add(site_id)
    connection = connections[router.db_for_write(Site)]
    table = connection.ops.quote_name(Site._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # one statement per (status, rule) and batch, the ids as one integer array
            sql = (
                f"UPDATE {table} SET status = %s, status_rule = %s, status_week = %s "  # noqa: S608
                "WHERE id = ANY(%s::bigint[]) AND (status_week IS NULL OR status_week <= %s)"
            )
            groups: dict[tuple[str, str], list[int]] = defaultdict(list)
            for site_id, status, rule in moved:
                groups[(status, rule)].append(site_id)
            for (status, rule), ids in groups.items():
                for start in range(0, len(ids), BATCH * 4):
                    cursor.execute(sql, [status, rule, monday, ids[start : start + BATCH * 4], monday])
        else:
            week = connection.ops.adapt_datefield_value(monday)
            sql = (
                f"UPDATE {table} SET status = %s, status_rule = %s, status_week = %s "  # noqa: S608
                "WHERE id = %s AND (status_week IS NULL OR status_week <= %s)"
            )
            cursor.executemany(sql, [(status, rule, week, site_id, week) for site_id, status, rule in moved])
    return cached, changed


def status_recompute(*, week: Any, kabupaten: str = "", actor: Any = None) -> RecomputeResult:
    """Recompute the status of every active site (of ``kabupaten`` when given) for the ISO week of
    ``week``; stores the week's rows and moves each site's cached status forward."""
    began = time.perf_counter()
    monday = week_monday(week)
    result = RecomputeResult(week=monday)
    sites_qs = Site.objects.filter(is_active=True)
    if kabupaten:
        sites_qs = sites_qs.filter(kabupaten_id=kabupaten)
    sites = list(
        sites_qs.order_by("pk").values_list(
            "id", "kind", "desa_id", "kabupaten_id", "status", "status_rule", "status_week"
        )
    )
    medians = _medians(monday, kabupaten)
    # the connections decide only where no speed was measured (Giga's fallback order)
    unmeasured = [site[0] for site in sites if usable_speed(medians.get(site[0])) is None]
    site_connections = _connections(monday, kabupaten, only=unmeasured if len(unmeasured) <= len(sites) // 4 else None)
    coverage = _coverage(monday.year, kabupaten)
    bench = benchmarks()
    rows: list[dict[str, Any]] = []
    current: dict[int, tuple[str, str, dt.date | None]] = {}
    new: dict[int, tuple[str, str]] = {}
    kab_of: dict[int, str] = {}
    by_status: Counter[str] = Counter()
    by_rule: Counter[str] = Counter()
    trend: Counter[tuple[str, str, str]] = Counter()
    for site_id, kind, desa, kab, cached_status, cached_rule, cached_week in sites:
        found = site_status(
            measured_mbps=medians.get(site_id),
            connections=site_connections.get(site_id, ()),
            internet_signal=coverage.get(desa, ""),
            benchmark=bench.get(kind, DEFAULT_BENCHMARK),
        )
        status, rule = str(found.status), str(found.rule)
        rows.append(
            {
                "site_id": site_id,
                "week": monday,
                "status": status,
                "rule": rule,
                "value": None if found.value is None else float(found.value),
                "benchmark_mbps": None if found.benchmark_mbps is None else float(found.benchmark_mbps),
            }
        )
        current[site_id] = (cached_status, cached_rule, cached_week)
        new[site_id] = (status, rule)
        kab_of[site_id] = kab
        by_status[status] += 1
        by_rule[rule] += 1
        trend[(kab, kind, status)] += 1
    with transaction.atomic():
        result.written = _store_week(monday, kabupaten, rows)
        result.cached, changed = _cache_forward(monday, current, new)
        # the public maps' counts (from the sites' cached status) of the kab/kota whose sites
        # changed status, and this week's trend row
        changed_kabs = sorted({kab_of[site_id] for site_id in changed})
        if changed_kabs:
            summaries_refresh(kabupaten=changed_kabs, weeks=False)
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
