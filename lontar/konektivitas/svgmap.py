"""Point map of sites coloured by status, drawn over the NTT kab/kota outlines of lontar.core.svg.

The outlines and the projection are core's (``kabkota_geometry``: equirectangular, x scaled by
cos(mean latitude)); points are projected the same way, so they sit on the shapes. A kab/kota map
is the same drawing with the view box fitted to that kab/kota. Status has a colour *and* a shape
(colour is never the only cue), each point or grid cell has a ``<title>``, the SVG has a
description with the counts, and the caller shows a data table.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from functools import lru_cache

from django.utils.translation import gettext as _

from lontar.core.svg.base import Chart, LegendItem, esc, fmt, format_number, svg_document, swatch
from lontar.core.svg.base import chart_id as make_chart_id
from lontar.core.svg.geometry import GEOJSON_PATH, MAP_WIDTH, MARGIN, kabkota_geometry
from lontar.core.svg.line import marker
from lontar.konektivitas.models import ConnectivityStatus
from lontar.konektivitas.selectors.maps import Point

#: colour and shape per status (colours ≥ 3:1 on the map's light fill; shapes tell them apart too)
STYLE: dict[str, tuple[str, str]] = {
    ConnectivityStatus.BAIK: ("#0b5e4a", "circle"),
    ConnectivityStatus.SEDANG: ("#0a55a0", "square"),
    ConnectivityStatus.BURUK: ("#c2410c", "triangle"),
    ConnectivityStatus.TIDAK_ADA: ("#b0306b", "down"),
    ConnectivityStatus.TIDAK_DIKETAHUI: ("#4f5955", "diamond"),
}
LAND = "#eef2ef"
SEA = "#f6f9fb"
BORDER = "#8a938f"


@lru_cache(maxsize=1)
def _projection() -> tuple[float, float, float, float]:
    """(lon_min, lat_max, kx, scale) exactly as core's geometry projects the outlines."""
    with GEOJSON_PATH.open(encoding="utf-8") as handle:
        features = json.load(handle)["features"]
    xs: list[float] = []
    ys: list[float] = []
    for feature in features:
        geometry = feature["geometry"]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        for polygon in polygons:
            for ring in polygon:
                xs.extend(p[0] for p in ring)
                ys.extend(p[1] for p in ring)
    lon_min, lat_min, lon_max, lat_max = min(xs), min(ys), max(xs), max(ys)
    kx = math.cos(math.radians((lat_min + lat_max) / 2))
    scale = (MAP_WIDTH - 2 * MARGIN) / ((lon_max - lon_min) * kx)
    return lon_min, lat_max, kx, scale


def project(lat: float, lng: float) -> tuple[float, float]:
    lon_min, lat_max, kx, scale = _projection()
    return MARGIN + (lng - lon_min) * kx * scale, MARGIN + (lat_max - lat) * scale


@lru_cache(maxsize=32)
def _region_box(code: str) -> tuple[float, float, float, float] | None:
    """The projected bounding box (x0, y0, x1, y1) of one kab/kota's outline."""
    with GEOJSON_PATH.open(encoding="utf-8") as handle:
        features = json.load(handle)["features"]
    for feature in features:
        if str(feature["properties"]["kode"]) != code:
            continue
        geometry = feature["geometry"]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        projected = [project(p[1], p[0]) for polygon in polygons for ring in polygon for p in ring]
        return (
            min(p[0] for p in projected),
            min(p[1] for p in projected),
            max(p[0] for p in projected),
            max(p[1] for p in projected),
        )
    return None


def status_label(status: str) -> str:
    return str(dict(ConnectivityStatus.choices).get(status, status))


def point_map(points: Sequence[Point], *, title: str, aggregated: bool, region: str = "") -> Chart:
    """Sites (or grid cells when ``aggregated``) over the outlines; ``region`` zooms to one kab/kota."""
    geometry = kabkota_geometry()
    x0, y0, x1, y1 = 0.0, 0.0, geometry.width, geometry.height
    box = _region_box(region) if region else None
    if box is not None:
        pad = max(box[2] - box[0], box[3] - box[1]) * 0.06 + 2
        x0, y0, x1, y1 = box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad
    view_w, view_h = x1 - x0, y1 - y0
    zoom = view_w / MAP_WIDTH
    height = MAP_WIDTH * view_h / view_w
    body = [
        f'<rect x="{fmt(x0)}" y="{fmt(y0)}" width="{fmt(view_w)}" height="{fmt(view_h)}" fill="{SEA}"/>',
        f'<g fill="{LAND}" stroke="{BORDER}" stroke-width="0.7" fill-rule="evenodd">',
        *(
            f'<path d="{shape.path}" vector-effect="non-scaling-stroke"><title>{esc(shape.name)}</title></path>'
            for shape in geometry.regions
        ),
        "</g>",
    ]
    counts: dict[str, int] = {}
    biggest = max((p.count for p in points), default=1)
    # a province map draws a thousand cells: labels translated once, small counts without the locale
    labels = {str(s): str(label) for s, label in ConnectivityStatus.choices}

    def label(status: str) -> str:
        return labels.get(status, status)

    def number(n: int) -> str:
        return str(n) if type(n) is int and 0 <= n < 1000 else format_number(n)

    here = _("%(count)s sites here (%(detail)s)")

    for p in points:
        colour, shape = STYLE.get(p.status, STYLE[ConnectivityStatus.TIDAK_DIKETAHUI])
        cx, cy = project(p.lat, p.lng)
        if aggregated:
            for status, n in p.by_status:
                counts[status] = counts.get(status, 0) + n
            detail = ", ".join(f"{label(s)}: {number(n)}" for s, n in p.by_status)
            text = here % {"count": number(p.count), "detail": detail}
            radius = (3 + 7 * math.sqrt(p.count / biggest)) * zoom
            body.append(
                f'<circle cx="{fmt2(cx)}" cy="{fmt2(cy)}" r="{fmt2(radius)}" fill="{colour}" fill-opacity="0.75" '
                f'stroke="#fff" stroke-width="0.6" vector-effect="non-scaling-stroke">'
                f"<title>{esc(text)}</title></circle>"
            )
        else:
            counts[p.status] = counts.get(p.status, 0) + 1
            text = f"{p.code} {p.name}: {label(p.status)}"
            body.append(
                f'<g transform="translate({fmt2(cx)} {fmt2(cy)}) scale({fmt2(zoom)})">'
                + marker(shape, 0, 0, colour, text)
                + "</g>"
            )
    parts = [
        _("Map of %(count)s sites coloured by connectivity status.") % {"count": format_number(sum(counts.values()))}
    ]
    if aggregated:
        parts.append(_("Too many sites to draw one by one: nearby sites are grouped in circles sized by their number."))
    parts.append("; ".join(f"{status_label(s)}: {format_number(n)}" for s, n in _ordered(counts)) + ".")
    description = " ".join(parts)
    uid = make_chart_id("sites", title, region, len(points), sorted(counts.items()))
    document = svg_document(uid=uid, width=MAP_WIDTH, height=height, title=title, description=description, body=body)
    svg = str(document).replace(
        f'viewBox="0 0 {fmt(MAP_WIDTH)} {fmt(height)}"',
        f'viewBox="{fmt2(x0)} {fmt2(y0)} {fmt2(view_w)} {fmt2(view_h)}"',
        1,
    )
    from django.utils.safestring import mark_safe

    legend = tuple(
        LegendItem(
            f"{status_label(s)} ({format_number(counts.get(s, 0))})", swatch(marker(STYLE[s][1], 8, 8, STYLE[s][0], ""))
        )
        for s in STYLE
    )
    rows = [[status_label(s), format_number(n)] for s, n in _ordered(counts)]
    return Chart(
        mark_safe(svg), title, [_("Status"), _("Sites")], rows, description, numeric_columns=(1,), legend=legend
    )


def _ordered(counts: dict[str, int]) -> list[tuple[str, int]]:
    return [(s, counts[s]) for s in STYLE if s in counts]


def fmt2(x: float) -> str:
    """A coordinate with two decimals (zoomed maps need finer positions than core's one decimal)."""
    text = f"{x:.2f}".rstrip("0").rstrip(".")
    return text if text not in ("", "-0") else "0"
