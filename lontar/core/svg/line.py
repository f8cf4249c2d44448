"""Line chart: one or more series over shared x categories (years, periods), gaps for None."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

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
    text_width,
    truncate,
)
from lontar.core.svg.base import chart_id as make_chart_id
from lontar.core.svg.scales import axis_ticks, decimals_for

WIDTH = 560.0
PLOT_HEIGHT = 240.0
TOP = 20.0
RIGHT = 20.0
FONT = 12.5
MAX_SERIES = len(SERIES_COLOURS)
MAX_POINTS = 500
MAX_X_LABELS = 12
SHAPES = ("circle", "square", "triangle", "diamond", "down")
DASHES = ("", "7 4", "2 3", "9 3 2 3")

Series = dict[str, list[float | None]]


def _x_categories(series: Mapping[str, Sequence[tuple[str | int, float | None]]]) -> list[str | int]:
    seen: dict[str | int, None] = {}
    for points in series.values():
        for x, _y in points:
            seen.setdefault(x, None)
    xs = list(seen)
    if all(isinstance(x, int) and not isinstance(x, bool) for x in xs):
        xs.sort()
    return xs


def _normalise(series, xs) -> Series:
    out: Series = {}
    for name, points in series.items():
        by_x = {x: check_number(y, f"{name!r} at {x!r}") for x, y in points}
        out[clean_text(name, 120)] = [by_x.get(x) for x in xs]
    return out


def marker(shape: str, cx: float, cy: float, colour: str, title: str) -> str:
    """A point marker; the shape tells series apart without relying on colour."""
    r = 4.0
    inner = f"<title>{esc(title)}</title>" if title else ""
    if shape == "circle":
        return f'<circle cx="{fmt(cx)}" cy="{fmt(cy)}" r="{fmt(r)}" fill="{colour}">{inner}</circle>'
    paths = {
        "square": f"M{fmt(cx - r)} {fmt(cy - r)}h{fmt(2 * r)}v{fmt(2 * r)}h{fmt(-2 * r)}z",
        "triangle": f"M{fmt(cx)} {fmt(cy - 1.3 * r)}l{fmt(1.2 * r)} {fmt(2.2 * r)}h{fmt(-2.4 * r)}z",
        "diamond": f"M{fmt(cx)} {fmt(cy - 1.4 * r)}l{fmt(1.4 * r)} {fmt(1.4 * r)}l{fmt(-1.4 * r)} {fmt(1.4 * r)}"
        f"l{fmt(-1.4 * r)} {fmt(-1.4 * r)}z",
        "down": f"M{fmt(cx)} {fmt(cy + 1.3 * r)}l{fmt(1.2 * r)} {fmt(-2.2 * r)}h{fmt(-2.4 * r)}z",
    }
    return f'<path d="{paths[shape]}" fill="{colour}">{inner}</path>'


def _segments(points: list[tuple[float, float] | None]) -> str:
    """Path data joining consecutive known points; a None breaks the line."""
    out, pen_down = [], False
    for p in points:
        if p is None:
            pen_down = False
            continue
        out.append(f"{'L' if pen_down else 'M'}{fmt(p[0])} {fmt(p[1])}")
        pen_down = True
    return "".join(out)


def line_chart(
    series: Mapping[str, Sequence[tuple[str | int, float | None]]],
    *,
    title: str,
    unit: str = "",
    x_label: str = "",
    chart_id: str | None = None,
) -> Chart:
    """Lines over the union of the series' x values (ints are sorted, other x keep first-seen order).

    Every point has a ``<title>``; series differ by colour, marker shape and dash pattern.
    At most 8 series and 500 x values (``ValueError`` beyond); NaN counts as a gap.
    """
    if len(series) > MAX_SERIES:
        raise ValueError(f"line_chart: at most {MAX_SERIES} series")
    xs = _x_categories(series)
    if len(xs) > MAX_POINTS:
        raise ValueError(f"line_chart: at most {MAX_POINTS} x values")
    data = _normalise(series, xs)
    x_texts = [clean_text(x, 40) for x in xs]
    present = [v for values in data.values() for v in values if v is not None]
    places = decimals_for(present)
    ticks = axis_ticks(min(present, default=0.0), max(present, default=1.0), 5)
    tick_places = decimals_for(ticks, 6)
    tick_labels = [format_number(t, tick_places) for t in ticks]
    left = max(text_width(t, FONT) for t in tick_labels) + 16
    plot_w = WIDTH - left - RIGHT
    lo, hi = ticks[0], ticks[-1]

    def y(v: float) -> float:
        return TOP + (hi - v) / ((hi - lo) or 1.0) * PLOT_HEIGHT

    def x(i: int) -> float:
        return left + (plot_w / 2 if len(xs) == 1 else i * plot_w / (len(xs) - 1))

    body = _axes(ticks, tick_labels, y, left, unit)
    body += _x_axis(x_texts, x)
    for s, (name, values) in enumerate(data.items()):
        body += _series(s, name, values, x, y, x_texts, places, unit)
    height = TOP + PLOT_HEIGHT + 30
    uid = chart_id or make_chart_id("line", title, sorted(data.items()), x_texts, unit)
    description = _describe(data, x_texts, places, unit)
    svg = svg_document(uid=uid, width=WIDTH, height=height, title=title, description=description, body=body)
    headers = [x_label or _("Period"), *[f"{n} ({unit})" if unit else n for n in data]]
    rows = [[x_texts[i], *[format_number(values[i], places) for values in data.values()]] for i in range(len(xs))]
    numeric = tuple(range(1, len(headers)))
    return Chart(svg, title, headers, rows, description, numeric_columns=numeric, legend=_legend(list(data)))


def _axes(ticks: list[float], labels: list[str], y, left: float, unit: str) -> list[str]:
    out = [f'<g stroke="{GRID_COLOUR}" stroke-width="1">']
    out += [f'<path d="M{fmt(left)} {fmt(y(t))}H{fmt(WIDTH - RIGHT)}"/>' for t in ticks]
    out.append("</g>")
    out.append(f'<g fill="{MUTED_COLOUR}" font-size="{fmt(FONT)}" text-anchor="end">')
    out += [
        f'<text x="{fmt(left - 8)}" y="{fmt(y(t) + 4)}">{esc(label)}</text>'
        for t, label in zip(ticks, labels, strict=True)
    ]
    out.append("</g>")
    if unit:
        out.append(
            f'<text x="{fmt(left)}" y="{fmt(TOP - 8)}" fill="{MUTED_COLOUR}" font-size="{fmt(FONT)}">{esc(unit)}</text>'
        )
    return out


def _x_axis(x_texts: list[str], x) -> list[str]:
    base = TOP + PLOT_HEIGHT
    every = max(1, -(-len(x_texts) // MAX_X_LABELS))
    room = int(WIDTH / max(1, min(len(x_texts), MAX_X_LABELS)) / (FONT * 0.56)) - 1
    out = [f'<g fill="{MUTED_COLOUR}" font-size="{fmt(FONT)}" text-anchor="middle">']
    for i, text in enumerate(x_texts):
        if i % every == 0:
            out.append(f'<text x="{fmt(x(i))}" y="{fmt(base + 18)}">{esc(truncate(text, room))}</text>')
    out.append("</g>")
    return out


def _series(s: int, name: str, values: list[float | None], x, y, x_texts, places: int, unit: str) -> list[str]:
    colour, shape, dash = SERIES_COLOURS[s], SHAPES[s % len(SHAPES)], DASHES[s % len(DASHES)]
    points = [None if v is None else (x(i), y(v)) for i, v in enumerate(values)]
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    out = [f'<g><path d="{_segments(points)}" fill="none" stroke="{colour}" stroke-width="2.5"{dash_attr}/>']
    for i, (p, v) in enumerate(zip(points, values, strict=True)):
        if p is not None:
            out.append(marker(shape, p[0], p[1], colour, f"{name}, {x_texts[i]}: {format_number(v, places, unit)}"))
    out.append("</g>")
    return out


def _legend(names: list[str]) -> tuple[LegendItem, ...]:
    items = []
    for s, name in enumerate(names):
        colour, dash = SERIES_COLOURS[s], DASHES[s % len(DASHES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        inner = f'<path d="M1 8h28" stroke="{colour}" stroke-width="2.5"{dash_attr}/>' + marker(
            SHAPES[s % len(SHAPES)], 15, 8, colour, ""
        )
        items.append(LegendItem(name, swatch(inner, width=30)))
    return tuple(items)


def _describe(data: Series, x_texts: list[str], places: int, unit: str) -> str:
    if not x_texts:
        return _("Line chart without data.")
    parts = [
        _("Line chart of %(series)s from %(first)s to %(last)s.")
        % {"series": ", ".join(data), "first": x_texts[0], "last": x_texts[-1]}
    ]
    for name, values in data.items():
        known = [(x_texts[i], v) for i, v in enumerate(values) if v is not None]
        if len(known) >= 2:
            parts.append(
                _("%(name)s: %(start)s in %(first)s, %(end)s in %(last)s.")
                % {
                    "name": name,
                    "start": format_number(known[0][1], places, unit),
                    "first": known[0][0],
                    "end": format_number(known[-1][1], places, unit),
                    "last": known[-1][0],
                }
            )
    return " ".join(parts)
