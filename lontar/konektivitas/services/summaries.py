"""Small precomputed counts behind the public maps, kept in step with every write of the sites.

The province map and a kab/kota page must answer in well under 100 ms with 100,000 sites even
right after a change (the page cache only helps until the next write). Instead of grouping every
site, connection and weekly status per request, they read :class:`SiteSummary` (sites per
kab/kota × kind × status × technology, and the province point map's grid cells) and
:class:`WeeklySummary` (weekly statuses per week × kab/kota × kind × status) and
:class:`CoverageSummary` (desa with coverage data and in a blank spot per kab/kota): a few
thousand rows.

:func:`summaries_refresh` is the one entry point. Writers that change rows in bulk call it in their
own transaction (the weekly recompute, the site import, the sample data); single saves and deletes
of sites, connections, weekly statuses and coverage records (services, admin, tests) refresh the
summaries of the site's kab/kota (the blank spots: all of them) through signals, in the same
transaction. Nothing here is audited: the summaries
are derived data, rebuilt from the registry.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import connections, router, transaction
from django.db.models import Count
from django.db.models.signals import post_delete, post_save, pre_save

from lontar.konektivitas.bulk import insert_rows
from lontar.konektivitas.models import (
    Connection,
    CoverageObservation,
    CoverageSummary,
    Site,
    SiteSummary,
    SiteWeeklyStatus,
    WeeklySummary,
)
from lontar.konektivitas.selectors import maps
from lontar.konektivitas.status import CoverageFacts, blank_spot

_CHUNK = 900
#: the advisory lock of the summary writers (any fixed number; "kon-summ" in ASCII)
_LOCK_KEY = 0x6B6F6E2D73756D6D


@dataclass(frozen=True)
class Models:
    """The models read and written (the migration that creates the summaries passes its own)."""

    site: Any = Site
    connection: Any = Connection
    weekly: Any = SiteWeeklyStatus
    site_summary: Any = SiteSummary
    weekly_summary: Any = WeeklySummary
    coverage: Any = CoverageObservation
    coverage_summary: Any = CoverageSummary

    @classmethod
    def from_apps(cls, apps: Any) -> Models:
        """The historical models of a migration (those it does not have yet: None)."""

        def get(name: str) -> Any:
            try:
                return apps.get_model("konektivitas", name)
            except LookupError:
                return None

        return cls(*(get(name) for name in _NAMES))


_MODELS = Models()
_NAMES = (
    "Site",
    "Connection",
    "SiteWeeklyStatus",
    "SiteSummary",
    "WeeklySummary",
    "CoverageObservation",
    "CoverageSummary",
)


def _codes(kabupaten: Iterable[str] | None) -> list[str] | None:
    return None if kabupaten is None else sorted({k for k in kabupaten if k})


def _site_keys(m: Models, codes: list[str]) -> list[tuple[int, str, str]]:
    out: list[tuple[int, str, str]] = []
    qs = m.site.objects.filter(is_active=True).order_by()
    for start in range(0, len(codes), _CHUNK):
        out += qs.filter(kabupaten_id__in=codes[start : start + _CHUNK]).values_list("id", "kabupaten_id", "kind")
    return out


def _refresh_sites(m: Models, codes: list[str] | None) -> int:
    """The counts and grid cells of ``codes`` (None: all), grouped in the database by one
    INSERT … SELECT over one pass of the sites: every active site once with technology blank, and
    once per distinct technology of its live connections (the distinct pairs are found on the
    connections alone, not on the joined rows). The grid cell is the database's own
    ``CAST(lat / size AS INTEGER)``, as the point map computed it per request before (SQLite
    truncates, PostgreSQL rounds)."""
    connection = connections[router.db_for_write(m.site_summary)]
    q = connection.ops.quote_name
    site, conn, summary = (q(model._meta.db_table) for model in (m.site, m.connection, m.site_summary))
    col = {name: q(m.site._meta.get_field(name).column) for name in ("kabupaten", "kind", "status", "lat", "lng")}
    site_id, technology, conn_status = (
        q(m.connection._meta.get_field(name).column) for name in ("site", "technology", "status")
    )
    where, in_codes, params = "", "", []
    if codes is not None:
        in_codes = f" IN ({', '.join(['%s'] * len(codes))})"
        where = f" AND s.{col['kabupaten']}{in_codes}"
        params = list(codes)
    live = [str(v) for v in maps.LIVE]
    live_in = f"IN ({', '.join(['%s'] * len(live))})"
    of_codes = (
        f" AND c.{site_id} IN (SELECT s2.{q('id')} FROM {site} s2 WHERE s2.{col['kabupaten']}{in_codes})"  # noqa: S608
        if codes is not None
        else ""
    )
    columns = ", ".join(
        q(m.site_summary._meta.get_field(name).column)
        for name in (
            "kabupaten",
            "cell",
            "kind",
            "status",
            "technology",
            "cell_y",
            "cell_x",
            "sites",
            "lat_sum",
            "lng_sum",
        )
    )
    size = maps.GRID_DEGREES
    sql = (
        f"WITH x AS MATERIALIZED ("  # noqa: S608 (the models' quoted identifiers)
        f"SELECT s.{col['kabupaten']} AS kab, s.{col['kind']} AS kind, s.{col['status']} AS status, "
        f"s.{col['lat']} AS lat, s.{col['lng']} AS lng, '' AS tech FROM {site} s WHERE s.{q('is_active')}{where} "
        f"UNION ALL SELECT s.{col['kabupaten']}, s.{col['kind']}, s.{col['status']}, s.{col['lat']}, "
        f"s.{col['lng']}, t.tech FROM {site} s JOIN (SELECT DISTINCT c.{site_id} AS site, c.{technology} AS tech "
        f"FROM {conn} c WHERE c.{conn_status} {live_in}{of_codes}) t ON t.site = s.{q('id')} "
        f"WHERE s.{q('is_active')}{where}) "
        f"INSERT INTO {summary} ({columns}) "
        f"SELECT kab, %s, kind, status, tech, 0, 0, COUNT(*), 0, 0 FROM x GROUP BY kab, kind, status, tech "
        f"UNION ALL SELECT kab, %s, kind, status, tech, CAST(lat / %s AS INTEGER), CAST(lng / %s AS INTEGER), "
        f"COUNT(*), SUM(lat), SUM(lng) FROM x GROUP BY 1, 3, 4, 5, 6, 7"
    )
    old = m.site_summary.objects.all()
    if codes is not None:
        old = old.filter(kabupaten_id__in=codes)
    old._raw_delete(old.db)  # derived rows: no signals or cascades hang off them
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *live, *params, *params, False, True, size, size])
        return int(cursor.rowcount)


def _refresh_weeks(m: Models, codes: list[str] | None, weeks: list[dt.date] | None) -> int:
    qs = m.weekly.objects.order_by()
    old = m.weekly_summary.objects.all()
    if weeks is not None:
        qs = qs.filter(week__in=weeks)
        old = old.filter(week__in=weeks)
    rows: list[dict[str, Any]] = []
    if codes is None:
        grouped = qs.filter(site__is_active=True).values_list("week", "site__kabupaten_id", "site__kind", "status")
        rows = [
            {"week": week, "kabupaten_id": kab, "kind": kind, "status": status, "sites": n}
            for week, kab, kind, status, n in grouped.annotate(n=Count("id"))
        ]
    else:
        # some kab/kota: their sites' weekly rows by site id (the (site, week) index), not a join
        # that would read every site's year of statuses
        old = old.filter(kabupaten_id__in=codes)
        by_group: dict[tuple[str, str], list[int]] = defaultdict(list)
        for site_id, kab, kind in _site_keys(m, codes):
            by_group[(kab, kind)].append(site_id)
        for (kab, kind), ids in by_group.items():
            counts: Counter[tuple[dt.date, str]] = Counter()
            for start in range(0, len(ids), _CHUNK):
                part = qs.filter(site_id__in=ids[start : start + _CHUNK]).values_list("week", "status")
                for week, status, n in part.annotate(n=Count("id")):
                    counts[(week, status)] += n
            rows += [
                {"week": week, "kabupaten_id": kab, "kind": kind, "status": status, "sites": n}
                for (week, status), n in counts.items()
            ]
    old._raw_delete(old.db)
    return insert_rows(m.weekly_summary, rows)


def _refresh_coverage(m: Models) -> int:
    """Blank spots per kab/kota from every trusted coverage record (a few thousand desa)."""
    facts: dict[tuple[str, str], list[CoverageFacts]] = defaultdict(list)
    rows = m.coverage.objects.filter(trusted=True).order_by()
    for desa, kab, year, source, phone, internet in rows.values_list(
        "desa_id", "kabupaten_id", "year", "source", "phone_signal", "internet_signal"
    ):
        facts[(kab, desa)].append(CoverageFacts(year=year, source=source, phone_signal=phone, internet_signal=internet))
    observed: Counter[str] = Counter()
    blank: Counter[str] = Counter()
    for (kab, _desa), observations in facts.items():
        state = blank_spot(observations)
        if state is None:
            continue
        observed[kab] += 1
        blank[kab] += 1 if state else 0
    old = m.coverage_summary.objects.all()
    old._raw_delete(old.db)
    return insert_rows(
        m.coverage_summary, ({"kabupaten_id": kab, "observed": n, "blank": blank[kab]} for kab, n in observed.items())
    )


def _lock(m: Models) -> None:
    """One writer of the summaries at a time (PostgreSQL: a transaction-level advisory lock; two
    refreshes of one kab/kota would each delete the rows they see and insert theirs). SQLite
    serialises writers itself."""
    connection = connections[router.db_for_write(m.site_summary)]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_KEY])


def summaries_refresh(
    *,
    kabupaten: Iterable[str] | None = None,
    sites: bool = True,
    weeks: bool | Iterable[dt.date] = True,
    coverage: bool | None = None,
    models: Models = _MODELS,
) -> dict[str, int]:
    """Rebuild the map summaries of ``kabupaten`` (codes; None: every kab/kota) from the registry.

    ``sites``: the counts and grid cells (after any change of a site's kab/kota, kind, status,
    position, activity or live connections). ``weeks``: the weekly trend — True for every week,
    some weeks (the weekly recompute's), or False when no weekly status or site kind/kab/kota/
    activity changed. ``coverage``: the blank spots of every kab/kota (by default with a full
    refresh, ``kabupaten`` None). Call it inside the writer's transaction; it writes derived rows only."""
    codes = _codes(kabupaten)
    out = {"sites": 0, "weeks": 0, "coverage": 0}
    if coverage is None:
        coverage = codes is None and bool(sites) and weeks is True
    if codes == [] and not coverage:
        return out
    with transaction.atomic(using=router.db_for_write(models.site_summary)):
        _lock(models)
        if sites and codes != []:
            out["sites"] = _refresh_sites(models, codes)
        if weeks is not False and codes != []:
            chosen = None if weeks is True else sorted(set(weeks))  # type: ignore[arg-type]
            out["weeks"] = _refresh_weeks(models, codes, chosen)
        if coverage:
            out["coverage"] = _refresh_coverage(models)
    return out


def trend_from_rows(week: dt.date, counts: Counter[tuple[str, str, str]], kabupaten: str = "") -> int:
    """Replace one week's trend rows with ``counts`` ((kab/kota, kind, status) → sites), as the
    weekly recompute knows them without reading its rows back."""
    _lock(_MODELS)
    old = WeeklySummary.objects.filter(week=week)
    if kabupaten:
        old = old.filter(kabupaten_id=kabupaten)
    old._raw_delete(old.db)
    return insert_rows(
        WeeklySummary,
        (
            {"week": week, "kabupaten_id": kab, "kind": kind, "status": status, "sites": n}
            for (kab, kind, status), n in counts.items()
            if n
        ),
    )


# --- single saves and deletes (services, admin, shell, tests) --------------------------------------

_TREND_FIELDS = ("kabupaten_id", "kind", "is_active")
#: fields of a site the summaries read (a save of other fields leaves them)
_SITE_FIELDS = {"kabupaten", "kabupaten_id", "kind", "status", "lat", "lng", "is_active"}


def _site_before(sender: Any, instance: Site, raw: bool = False, **kwargs: Any) -> None:
    update_fields = kwargs.get("update_fields")
    if raw or instance.pk is None or (update_fields is not None and not set(update_fields) & _SITE_FIELDS):
        instance._summary_before = None  # type: ignore[attr-defined]
        return
    instance._summary_before = (  # type: ignore[attr-defined]
        Site.objects.filter(pk=instance.pk).values_list(*_TREND_FIELDS).first()
    )


def _site_saved(sender: Any, instance: Site, created: bool = False, raw: bool = False, **kwargs: Any) -> None:
    if raw:
        return
    update_fields = kwargs.get("update_fields")
    if update_fields is not None and not set(update_fields) & _SITE_FIELDS:
        return
    before = getattr(instance, "_summary_before", None)
    now = tuple(getattr(instance, f) for f in _TREND_FIELDS)
    codes = {instance.kabupaten_id, before[0] if before else ""}
    # a new site has no weekly status yet; the trend moves only when its kab/kota, kind or activity does
    summaries_refresh(kabupaten=codes, weeks=bool(before) and before != now)


def _site_deleted(sender: Any, instance: Site, **kwargs: Any) -> None:
    summaries_refresh(kabupaten=[instance.kabupaten_id])


def _site_kabupaten(site_id: int) -> str:
    return Site.objects.filter(pk=site_id).values_list("kabupaten_id", flat=True).first() or ""


def _connection_changed(sender: Any, instance: Connection, raw: bool = False, **kwargs: Any) -> None:
    if raw:
        return
    summaries_refresh(kabupaten=[_site_kabupaten(instance.site_id)], weeks=False)


def _weekly_changed(sender: Any, instance: SiteWeeklyStatus, raw: bool = False, **kwargs: Any) -> None:
    if raw:
        return
    summaries_refresh(kabupaten=[_site_kabupaten(instance.site_id)], sites=False, weeks=[instance.week])


def _coverage_changed(sender: Any, instance: CoverageObservation, raw: bool = False, **kwargs: Any) -> None:
    if raw:
        return
    summaries_refresh(kabupaten=[], sites=False, weeks=False, coverage=True)


def connect() -> None:
    """Keep the summaries on single saves and deletes (bulk writers call summaries_refresh)."""
    pre_save.connect(_site_before, sender=Site, dispatch_uid="konektivitas-summary-site-before")
    post_save.connect(_site_saved, sender=Site, dispatch_uid="konektivitas-summary-site-save")
    post_delete.connect(_site_deleted, sender=Site, dispatch_uid="konektivitas-summary-site-delete")
    handlers = (
        (Connection, _connection_changed),
        (SiteWeeklyStatus, _weekly_changed),
        (CoverageObservation, _coverage_changed),
    )
    for model, handler in handlers:
        post_save.connect(handler, sender=model, dispatch_uid=f"konektivitas-summary-save-{model.__name__}")
        post_delete.connect(handler, sender=model, dispatch_uid=f"konektivitas-summary-delete-{model.__name__}")
