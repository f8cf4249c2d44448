"""Radar (spider) chart: one axis per item, each series a closed polygon of shares of the axis maximum.

Used for Indeks KAMI: the points of each area against the validity threshold of the system's
category. Values are drawn as a share of each axis's own maximum (areas have different maxima);
the data table gives the figures themselves.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from django.utils.translation import gettext as _

from lontar.core.svg.base import (
    GRID_COLOUR,
    MUTED_COLOUR,
    SERIES_COLOURS,
    Chart,
    LegendItem,
    check_number,
    clean_text,
    esc,
    fmt,
    format_number,
    svg_document,
    swatch,
    truncate,
)
from lontar.core.svg.base import chart_id as make_chart_id

WIDTH = 760.0
HEIGHT = 420.0
RADIUS = 150.0
#: axis labels are cut to this many characters (the full names are in the data table)
LABEL_CHARS = 30
RINGS = (0.25, 0.5, 0.75, 1.0)
DASHES = ("", "6 4", "2 3")


def _point(cx: float, cy: float, angle: float, share: float) -> tuple[float, float]:
    return cx + RADIUS * share * math.sin(angle), cy - RADIUS * share * math.cos(angle)


def radar_chart(
    axes: Sequence[tuple[str, float]],
    series: Sequence[tuple[str, Sequence[float | None]]],
    *,
    title: str,
    description: str = "",
    axis_header: str = "",
    chart_id: str | None = None,
) -> Chart:
    """``axes``: (label, maximum) per axis (at least 3); ``series``: (name, one value per axis);
    ``axis_header`` heads the table's column of axis names."""
    if len(axes) < 3:
        raise ValueError("a radar chart needs at least three axes")
    labels = [clean_text(label, 120) for label, _max in axes]
    maxima = [check_number(m, "maximum") or 1.0 for _label, m in axes]
    uid = chart_id or make_chart_id("radar", title, *labels)
    cx, cy = WIDTH / 2, HEIGHT / 2
    step = 2 * math.pi / len(axes)
    body: list[str] = []
    for ring in RINGS:
        pts = " ".join(f"{fmt(x)},{fmt(y)}" for x, y in (_point(cx, cy, i * step, ring) for i in range(len(axes))))
        body.append(f'<polygon points="{pts}" fill="none" stroke="{GRID_COLOUR}" stroke-width="1"/>')
    for i, label in enumerate(labels):
        x, y = _point(cx, cy, i * step, 1.0)
        body.append(f'<line x1="{fmt(cx)}" y1="{fmt(cy)}" x2="{fmt(x)}" y2="{fmt(y)}" stroke="{GRID_COLOUR}"/>')
        lx, ly = _point(cx, cy, i * step, 1.1)
        anchor = "middle" if abs(lx - cx) < 10 else ("start" if lx > cx else "end")
        body.append(
            f'<text x="{fmt(lx)}" y="{fmt(ly + 4)}" text-anchor="{anchor}" fill="{MUTED_COLOUR}">'
            f"{esc(truncate(label, LABEL_CHARS))}</text>"
        )
    legend = []
    rows = [[label, format_number(m, 0)] for label, m in zip(labels, maxima, strict=True)]
    for n, (name, values) in enumerate(series):
        colour = SERIES_COLOURS[n % len(SERIES_COLOURS)]
        dash = DASHES[n % len(DASHES)]
        clean = [check_number(v, "value") for v in values]
        shares = [min(max((v or 0.0) / m, 0.0), 1.0) for v, m in zip(clean, maxima, strict=True)]
        pts = " ".join(f"{fmt(x)},{fmt(y)}" for x, y in (_point(cx, cy, i * step, s) for i, s in enumerate(shares)))
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        fill = f' fill="{colour}" fill-opacity="0.12"' if n == 0 else ' fill="none"'
        body.append(f'<polygon points="{pts}"{fill} stroke="{colour}" stroke-width="2.5"{dash_attr}/>')
        inner = f'<line x1="1" y1="8" x2="29" y2="8" stroke="{colour}" stroke-width="3"{dash_attr}/>'
        legend.append(LegendItem(clean_text(name, 120), swatch(inner, width=30)))
        for row, value in zip(rows, clean, strict=True):
            row.append(format_number(value, 0) if value is not None else "–")
    svg = svg_document(
        uid=uid,
        width=WIDTH,
        height=HEIGHT,
        title=title,
        description=description or _("Radar chart; the same figures are in the table below."),
        body=body,
    )
    headers = [axis_header or _("Axis"), _("Maximum"), *[clean_text(name, 120) for name, _v in series]]
    numeric = tuple(range(1, len(headers)))
    return Chart(svg, title, headers, rows, description, numeric_columns=numeric, legend=tuple(legend))
