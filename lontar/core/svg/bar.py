"""Horizontal bar chart: one bar per item, labels on the left, values printed after each bar."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext as _

from lontar.core.svg.base import (
    GRID_COLOUR,
    MUTED_COLOUR,
    SERIES_COLOURS,
    Chart,
    check_number,
    clean_text,
    esc,
    fmt,
    format_number,
    svg_document,
    text_width,
    truncate,
)
from lontar.core.svg.base import chart_id as make_chart_id
from lontar.core.svg.scales import axis_ticks, decimals_for

WIDTH = 560.0
ROW = 30.0
BAR = 20.0
FONT = 13.0
TOP = 12.0
AXIS_SPACE = 24.0
MAX_LABEL_WIDTH = 230.0
MAX_VALUE_SPACE = 150.0
MAX_ITEMS = 200


def _domain(values: list[float], max_value: float | None) -> tuple[float, float, list[float]]:
    """Scale start, end and ticks; a given ``max_value`` (or a larger value) ends the scale on a tick."""
    lo, hi = min([0.0, *values]), max([0.0, *values])
    if max_value is None:
        ticks = axis_ticks(lo, hi, 4)
        return ticks[0], ticks[-1], ticks
    hi = max(hi, max_value)
    for count in (4, 5, 3, 6, 2, 7, 8):
        ticks = axis_ticks(lo, hi, count)
        if ticks[-1] == hi:
            return ticks[0], hi, ticks
    ticks = [t for t in axis_ticks(lo, hi, 4) if t < hi]
    if len(ticks) > 1 and hi - ticks[-1] < (ticks[1] - ticks[0]) / 2:
        ticks.pop()
    return ticks[0], hi, [*ticks, hi]


def bar_chart(
    items: Sequence[tuple[str, float | None]],
    *,
    title: str,
    unit: str = "",
    max_value: float | None = None,
    chart_id: str | None = None,
) -> Chart:
    """Horizontal bars in the given order. ``max_value`` fixes the end of the scale (e.g. 5 or 100).

    ``None`` (or NaN) prints "no data" instead of a bar; infinities raise ``ValueError``.
    At most 200 items (raise ``ValueError`` beyond: aggregate first).
    """
    if len(items) > MAX_ITEMS:
        raise ValueError(f"bar_chart: at most {MAX_ITEMS} items")
    if max_value is not None and not check_number(max_value, "max_value"):
        raise ValueError("bar_chart: max_value must be a positive number")
    labels = [clean_text(label, 200) for label, _value in items]
    values = [check_number(value, f"value of {label!r}") for label, value in items]
    present = [v for v in values if v is not None]
    places = decimals_for(present)
    lo, hi, ticks = _domain(present, max_value)
    label_width = min(MAX_LABEL_WIDTH, max([text_width(label, FONT) for label in labels] + [40.0]) + 8)
    max_chars = int((label_width - 8) / (FONT * 0.56))
    value_texts = [format_number(v, places, unit) for v in values]
    value_space = min(MAX_VALUE_SPACE, max(text_width(t, FONT) * 1.1 for t in [*value_texts, "0000"]) + 14)
    x0, x1 = label_width, WIDTH - value_space
    span = (hi - lo) or 1.0

    def x(v: float) -> float:
        return x0 + (min(max(v, lo), hi) - lo) / span * (x1 - x0)

    height = TOP + len(items) * ROW + AXIS_SPACE
    body = _grid(ticks, x, height, unit)
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        body.extend(_bar_row(i, label, value, x, lo, max_chars, places, unit))
    uid = chart_id or make_chart_id("bar", title, labels, values, unit, max_value)
    description = _describe(labels, values, places, unit)
    svg = svg_document(uid=uid, width=WIDTH, height=height, title=title, description=description, body=body)
    rows = [[label, format_number(value, places)] for label, value in zip(labels, values, strict=True)]
    header = _("Value") if not unit else f"{_('Value')} ({unit})"
    return Chart(svg, title, [_("Item"), header], rows, description, numeric_columns=(1,))


def _grid(ticks: list[float], x, height: float, unit: str) -> list[str]:
    bottom = height - AXIS_SPACE
    tick_places = decimals_for(ticks, 6)
    out = [f'<g stroke="{GRID_COLOUR}" stroke-width="1">']
    out += [f'<path d="M{fmt(x(t))} {fmt(TOP - 4)}V{fmt(bottom)}"/>' for t in ticks]
    out.append("</g>")
    out.append(f'<g fill="{MUTED_COLOUR}" font-size="12" text-anchor="middle">')
    out += [f'<text x="{fmt(x(t))}" y="{fmt(bottom + 16)}">{esc(format_number(t, tick_places))}</text>' for t in ticks]
    out.append("</g>")
    if unit:
        out.append(
            f'<text x="{fmt(WIDTH - 4)}" y="{fmt(bottom + 16)}" text-anchor="end" fill="{MUTED_COLOUR}" '
            f'font-size="12">{esc(unit)}</text>'
        )
    return out


def _bar_row(
    i: int, label: str, value: float | None, x, lo: float, max_chars: int, places: int, unit: str
) -> list[str]:
    y = TOP + i * ROW + (ROW - BAR) / 2
    mid = y + BAR / 2 + 4.5
    shown = truncate(label, max_chars)
    text = format_number(value, places, unit)
    out = [
        f'<text x="{fmt(x(lo) - 8)}" y="{fmt(mid)}" text-anchor="end"><title>{esc(label)}</title>{esc(shown)}</text>'
    ]
    if value is None:
        out.append(
            f'<text x="{fmt(x(0) + 6)}" y="{fmt(mid)}" fill="{MUTED_COLOUR}" font-style="italic">{esc(text)}</text>'
        )
        return out
    start, end = sorted((x(0), x(value)))
    out.append(
        f'<rect x="{fmt(start)}" y="{fmt(y)}" width="{fmt(max(end - start, 1))}" height="{fmt(BAR)}" '
        f'fill="{SERIES_COLOURS[0]}" rx="2"><title>{esc(label)}: {esc(text)}</title></rect>'
    )
    out.append(f'<text x="{fmt(end + 6)}" y="{fmt(mid)}" font-weight="600">{esc(text)}</text>')
    return out


def _describe(labels: list[str], values: list[float | None], places: int, unit: str) -> str:
    pairs = [(label, v) for label, v in zip(labels, values, strict=True) if v is not None]
    text = _("Bar chart with %(count)d items.") % {"count": len(labels)}
    if pairs:
        top = max(pairs, key=lambda p: p[1])
        low = min(pairs, key=lambda p: p[1])
        text += " " + _("Highest: %(top)s (%(top_value)s); lowest: %(low)s (%(low_value)s).") % {
            "top": top[0],
            "top_value": format_number(top[1], places, unit),
            "low": low[0],
            "low_value": format_number(low[1], places, unit),
        }
    return text
