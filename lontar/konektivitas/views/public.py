"""Public konektivitas pages: the province map, a kab/kota page, a site page (server-rendered SVG + tables).

Anonymous answers are kept whole by the page cache under the konektivitas data version (ADR
0010); the aggregates behind them are cached per version too (selectors/maps.py), so a signed-in
visitor also gets them without a scan. Internal fields (costs, contracts) appear only for staff
who manage the site, and such answers are never cached (the page cache keeps anonymous ones only).
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from lontar.core import page_cache
from lontar.core.svg import Chart, kabkota_map, line_chart
from lontar.konektivitas import page_version
from lontar.konektivitas.models import ConnectivityStatus, SiteKind, StatusRule, Technology
from lontar.konektivitas.permissions import MANAGE
from lontar.konektivitas.selectors import maps
from lontar.konektivitas.selectors.measurements import recent_measurements
from lontar.konektivitas.svgmap import STYLE, point_map, status_label
from lontar.organisations import selectors as regions

#: a status → badge class of the stylesheet
BADGES: dict[str, str] = {
    ConnectivityStatus.BAIK: "badge-success",
    ConnectivityStatus.SEDANG: "badge-info",
    ConnectivityStatus.BURUK: "badge-warning",
    ConnectivityStatus.TIDAK_ADA: "badge-danger",
    ConnectivityStatus.TIDAK_DIKETAHUI: "",
}


def _filter_context(filters: maps.Filters, *, with_kab: bool) -> dict[str, Any]:
    return {
        "filters": filters,
        "kind_choices": SiteKind.choices,
        "technology_choices": [(v, label) for v, label in Technology.choices],
        "status_choices": ConnectivityStatus.choices,
        "kab_choices": sorted(regions.kabkota_names().items()) if with_kab else [],
    }


def _query(filters: maps.Filters, *, kab: bool = True) -> str:
    from django.utils.http import urlencode

    params = {"jenis": filters.kind, "teknologi": filters.technology, "status": filters.status}
    if kab:
        params["kabupaten"] = filters.kabupaten
    text = urlencode({k: v for k, v in params.items() if v})
    return f"?{text}" if text else ""


def _trend_chart(filters: maps.Filters, title: str) -> Chart | None:
    weeks = maps.weekly_trend(filters)
    if not weeks:
        return None
    labels = [date_format(week, "j M Y") for week, _counts in weeks]
    series = {
        status_label(status): [
            (label, counts.get(status, 0)) for label, (_week, counts) in zip(labels, weeks, strict=True)
        ]
        for status in STYLE
    }
    return line_chart(series, title=title, x_label=_("Week (Monday)"))


@require_GET
def province(request: HttpRequest) -> HttpResponse:
    with page_version.pinned():
        return _province(request)


def _province(request: HttpRequest) -> HttpResponse:
    filters, bad = maps.clean_filters(request.GET)
    if not bad:
        page_cache.allow(request, page_version.PAGE_VERSION)
    rows = maps.province_rows(filters)
    kab_url = reverse("konektivitas:kabupaten", args=["0"]).removesuffix("0/")
    query = _query(filters, kab=False)

    def link(code: str) -> str:
        return f"{kab_url}{code}/{query}"

    connected = kabkota_map(
        {r.code: r.pct_connected for r in rows},
        title=_("Sites with an internet connection, by regency/city"),
        value_label=_("Connected sites"),
        unit="%",
        link=link,
        highlight=filters.kabupaten or None,
    )
    blank = kabkota_map(
        {r.code: r.pct_blank for r in rows},
        title=_("Desa and kelurahan in a blank spot, by regency/city"),
        value_label=_("Desa in a blank spot"),
        unit="%",
        link=link,
    )
    found, aggregated = maps.points(filters)
    context = {
        "rows": rows,
        "totals": _totals(rows),
        "connected_map": connected,
        "blank_map": blank,
        "points_map": point_map(found, title=_("Sites by connectivity status"), aggregated=aggregated),
        "kinds": maps.kind_summary(filters),
        "trend": _trend_chart(filters, _("Sites by status, week by week")),
        "bad_filters": bad,
        "kab_url": kab_url,
        "query": query,
        **_filter_context(filters, with_kab=True),
    }
    return render(request, "konektivitas/public/province.html", context)


def _totals(rows: list[maps.KabRow]) -> dict[str, Any]:
    total = sum(r.total for r in rows)
    connected = sum(r.connected for r in rows)
    desa = sum(r.desa for r in rows)
    observed = sum(r.observed for r in rows)
    blank = sum(r.blank for r in rows)
    return {
        "total": total,
        "connected": connected,
        "pct_connected": 100 * connected / total if total else None,
        "desa": desa,
        "observed": observed,
        "blank": blank,
        "pct_blank": 100 * blank / observed if observed else None,
    }


@require_GET
def kabupaten(request: HttpRequest, code: str) -> HttpResponse:
    with page_version.pinned():
        return _kabupaten(request, code)


def _kabupaten(request: HttpRequest, code: str) -> HttpResponse:
    names = regions.kabkota_names()
    if code not in names:
        raise Http404
    filters, bad = maps.clean_filters(request.GET, kabupaten=code)
    if not bad:
        page_cache.allow(request, page_version.PAGE_VERSION)
    row = next((r for r in maps.province_rows(filters) if r.code == code), None)
    found, aggregated = maps.points(filters)
    province_url = reverse("konektivitas:province")
    context = {
        "code": code,
        "name": names[code],
        "row": row,
        "locator": kabkota_map(
            title=_("%(name)s in Nusa Tenggara Timur") % {"name": names[code]},
            highlight=code,
            link=lambda c: reverse("konektivitas:kabupaten", args=[c]),
        ),
        "points_map": point_map(
            found, title=_("Sites in %(name)s by status") % {"name": names[code]}, aggregated=aggregated, region=code
        ),
        "sites": maps.kab_sites(filters),
        "kinds": maps.kind_summary(filters),
        "trend": _trend_chart(filters, _("Sites in %(name)s by status, week by week") % {"name": names[code]}),
        "bad_filters": bad,
        "province_url": province_url,
        "badges": BADGES,
        **_filter_context(filters, with_kab=False),
    }
    return render(request, "konektivitas/public/kabupaten.html", context)


def can_see_internal(user: Any, site: Any) -> bool:
    """Costs and contracts: the site's pengelola TIK (and admins) only."""
    if not getattr(user, "is_authenticated", False):
        return False
    return MANAGE.covers(user, site.organisation)


@require_GET
def site(request: HttpRequest, code: str) -> HttpResponse:
    if len(code) > 40:
        raise Http404
    found = maps.site_public(code)
    if found is None:
        raise Http404
    internal = can_see_internal(request.user, found)
    if not internal:
        page_cache.allow(request, page_version.MEASUREMENT_VERSION)
    context = {
        "site": found,
        "internal": internal,
        "badge": BADGES.get(found.status, ""),
        "rule_explanation": RULE_TEXT.get(found.status_rule, ""),
        "connections": maps.site_connections(found),
        "measurements": recent_measurements(found),
        "weekly": maps.site_weekly(found),
        "badges": BADGES,
        "kab_url": reverse("konektivitas:kabupaten", args=[found.kabupaten_id]),
        "province_url": reverse("konektivitas:province"),
        "api_url": f"{reverse('api:pengukuran_list')}?site={found.code}",
    }
    return render(request, "konektivitas/public/site.html", context)


RULE_TEXT: dict[str, Any] = {
    StatusRule.MEASURED: gettext_lazy(
        "From measured speed: the median download of the week's measurements against the benchmark "
        "of this kind of site."
    ),
    StatusRule.CONTRACTED: gettext_lazy(
        "From the contracted speed of the current connection (no measurement this week)."
    ),
    StatusRule.AVAILABILITY: gettext_lazy("From availability only: a connection is active but its speed is unknown."),
    StatusRule.COVERAGE: gettext_lazy("From the cellular coverage of the desa (no connection data for the site)."),
    StatusRule.NONE: gettext_lazy("No data about this site's connection yet."),
}
