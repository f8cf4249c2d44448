"""Choropleth map of the 22 NTT kabupaten/kota (server-rendered, accessible SVG + table)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django.utils.translation import gettext as _

from lontar.core.svg.base import (
    MUTED_COLOUR,
    SERIES_COLOURS,
    Chart,
    check_number,
    esc,
    fmt,
    format_number,
    legend_rows,
    svg_document,
)
from lontar.core.svg.base import (
    chart_id as make_chart_id,
)
from lontar.core.svg.geometry import MapGeometry, kabkota_geometry
from lontar.core.svg.scales import class_breaks, classify, decimals_for, step_decimals

# Sequential ramp (light → dark green), 7 steps; n classes take n evenly spaced steps.
SEQUENTIAL = ("#e4f2e8", "#bfe0c8", "#8fc7a2", "#5ba97f", "#2e8a63", "#146b4c", "#0a4634")
NO_DATA_FILL = "#ffffff"
SEA = "#eef3f6"
BORDER = "#56605c"
HIGHLIGHT = "#c2410c"
LEGEND_FONT = 14.0
SWATCH = 14.0
LEGEND_ROW = 24.0


@dataclass(frozen=True)
class _Fill:
    colour: dict[str, str]  # code → fill ("url(#…)" for no data)
    legend: list[tuple[str, str]]  # (label, fill)


def _ramp(count: int) -> list[str]:
    if count == 1:
        return [SEQUENTIAL[3]]
    return [SEQUENTIAL[round(i * (len(SEQUENTIAL) - 1) / (count - 1))] for i in range(count)]


def _numeric_fill(values: dict[str, float | None], codes: list[str], unit: str, no_data: str) -> _Fill:
    present = [v for v in values.values() if v is not None]
    colour = {code: no_data for code in codes}
    legend: list[tuple[str, str]] = []
    if present:
        breaks = class_breaks(present)
        colours = _ramp(len(breaks) - 1)
        places = max(step_decimals(breaks[1] - breaks[0]), decimals_for(breaks))
        for code, value in values.items():
            if value is not None:
                colour[code] = colours[classify(value, breaks)]
        for i, fill in enumerate(colours):
            low, high = format_number(breaks[i], places), format_number(breaks[i + 1], places, unit)
            legend.append((f"{low} – {high}", fill))
    if any(values.get(code) is None for code in codes):
        legend.append((_("no data"), no_data))
    return _Fill(colour, legend)


def _categorical_fill(
    categories: Mapping[str, str], palette: Mapping[str, str] | None, codes: list[str], no_data: str
) -> _Fill:
    palette = dict(palette or {})
    order = list(palette) + sorted({c for c in categories.values() if c not in palette})
    spare = iter(c for c in SERIES_COLOURS if c not in palette.values())
    for label in order:
        if label not in palette:
            palette[label] = next(spare, MUTED_COLOUR)
    used = set(categories.values())
    colour = {code: palette[categories[code]] if code in categories else no_data for code in codes}
    legend = [(label, palette[label]) for label in order if label in used]
    if any(code not in categories for code in codes):
        legend.append((_("no data"), no_data))
    return _Fill(colour, legend)


def _check_codes(geometry: MapGeometry, *mappings: Mapping[str, object] | None) -> None:
    known = {r.code for r in geometry.regions}
    for mapping in mappings:
        unknown = sorted(set(mapping or {}) - known)
        if unknown:
            raise ValueError(f"unknown kabupaten/kota code(s): {', '.join(unknown[:5])}")


def _region_markup(uid: str, geometry: MapGeometry, fill: _Fill, labels: dict[str, str], link, highlight) -> list[str]:
    out = []
    for region in geometry.regions:
        colour = fill.colour[region.code]
        title = f"{region.name}: {labels[region.code]}" if labels[region.code] else region.name
        path = f'<path d="{region.path}" fill="{colour}"><title>{esc(title)}</title></path>'
        if link is not None:
            path = f'<a href="{esc(link(region.code))}" aria-label="{esc(title)}">{path}</a>'
        out.append(path)
    if highlight:
        shape = geometry.by_code()[highlight]
        out.append(
            f'<path d="{shape.path}" fill="none" stroke="{HIGHLIGHT}" stroke-width="2.5" pointer-events="none"/>'
        )
    return out


def _legend_markup(fill: _Fill, geometry: MapGeometry, highlight_name: str | None) -> tuple[list[str], float]:
    items = list(fill.legend)
    if highlight_name:
        items.append((highlight_name, "highlight"))
    if not items:
        return [], 0.0
    rows = legend_rows(items, x0=8, width=geometry.width - 16, font_size=LEGEND_FONT, swatch=SWATCH)
    colours = dict((label, colour) for label, colour in items)
    out = [f'<g font-size="{fmt(LEGEND_FONT)}">']
    for r, row in enumerate(rows):
        y = geometry.height + 8 + r * LEGEND_ROW
        for x, label, _key in row:
            colour = colours[label]
            if colour == "highlight":
                swatch = f'fill="none" stroke="{HIGHLIGHT}" stroke-width="2.5"'
            else:
                swatch = f'fill="{colour}" stroke="{BORDER}" stroke-width="0.8"'
            out.append(f'<rect x="{fmt(x)}" y="{fmt(y)}" width="{fmt(SWATCH)}" height="{fmt(SWATCH)}" {swatch}/>')
            out.append(f'<text x="{fmt(x + SWATCH + 6)}" y="{fmt(y + SWATCH - 2)}">{esc(label)}</text>')
    out.append("</g>")
    return out, len(rows) * LEGEND_ROW + 8


def _describe(names: dict[str, str], values: dict[str, float | None], categories, fill: _Fill, extra: dict) -> str:
    parts = [_("Map of the 22 regencies and cities of Nusa Tenggara Timur.")]
    present = {code: v for code, v in values.items() if v is not None}
    unit, places = extra["unit"], extra["places"]
    if present and not categories:
        top = max(present, key=lambda c: present[c])
        low = min(present, key=lambda c: present[c])
        parts.append(
            _("Highest: %(top)s (%(top_value)s); lowest: %(low)s (%(low_value)s).")
            % {
                "top": names[top],
                "top_value": format_number(present[top], places, unit),
                "low": names[low],
                "low_value": format_number(present[low], places, unit),
            }
        )
    if categories:
        counts = [(label, sum(1 for c in categories.values() if c == label)) for label, _fill in fill.legend]
        parts.append("; ".join(f"{label}: {count}" for label, count in counts if count) + ".")
    missing = sum(1 for code in names if code not in (categories or present))
    if missing and (categories or present):
        parts.append(_("No data: %(count)d.") % {"count": missing})
    if extra["highlight"]:
        parts.append(_("Outlined: %(name)s.") % {"name": extra["highlight"]})
    return " ".join(parts)


def kabkota_map(
    values: Mapping[str, float | None] | None = None,
    *,
    categories: Mapping[str, str] | None = None,
    palette: Mapping[str, str] | None = None,
    title: str,
    highlight: str | None = None,
    link: Callable[[str], str] | None = None,
    value_label: str = "",
    unit: str = "",
    chart_id: str | None = None,
) -> Chart:
    """A choropleth of the NTT kabupaten/kota keyed by Kemendagri code ("53.01" … "53.71").

    ``values`` colour the regions in sequential classes; ``categories`` (code → label, e.g. a
    predikat) with an optional ``palette`` (label → colour) colour them by category instead.
    ``highlight`` outlines one region; ``link(code)`` wraps each region in a link. Unknown codes
    raise ``ValueError``; NaN counts as missing. The table lists every region in code order.
    """
    geometry = kabkota_geometry()
    if highlight is not None and highlight not in geometry.by_code():
        raise ValueError(f"unknown kabupaten/kota code to highlight: {highlight!r}")
    _check_codes(geometry, values, categories)
    codes = [r.code for r in geometry.regions]
    clean = {code: check_number((values or {}).get(code), f"value of {code}") for code in codes}
    present = [v for v in clean.values() if v is not None]
    places = decimals_for(present)
    uid = chart_id or make_chart_id("map", title, sorted(clean.items()), sorted((categories or {}).items()), highlight)
    no_data = f"url(#{uid}-nodata)"
    if categories:
        fill = _categorical_fill(categories, palette, codes, no_data)
    elif values is not None:
        fill = _numeric_fill(clean, codes, unit, no_data)
    else:
        fill = _Fill({code: SEQUENTIAL[1] for code in codes}, [])
    show_value = values is not None
    labels = {
        code: ", ".join(
            part
            for part in (
                (categories or {}).get(code, _("no data") if categories else ""),
                format_number(clean[code], places, unit) if show_value else "",
            )
            if part
        )
        for code in codes
    }
    names = {r.code: r.name for r in geometry.regions}
    highlight_name = names.get(highlight) if highlight else None
    legend, legend_height = _legend_markup(fill, geometry, highlight_name)
    body = [
        f'<defs><pattern id="{uid}-nodata" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="{NO_DATA_FILL}"/>'
        f'<path d="M0 0v6" stroke="#8a938f" stroke-width="1.5"/></pattern></defs>',
        f'<rect width="{fmt(geometry.width)}" height="{fmt(geometry.height)}" fill="{SEA}"/>',
        f'<g stroke="{BORDER}" stroke-width="0.6" stroke-linejoin="round" fill-rule="evenodd">',
        *_region_markup(uid, geometry, fill, labels, link, highlight),
        "</g>",
        *legend,
    ]
    description = _describe(
        names, clean, categories, fill, {"unit": unit, "places": places, "highlight": highlight_name}
    )
    svg = svg_document(
        uid=uid,
        width=geometry.width,
        height=geometry.height + legend_height,
        title=title,
        description=description,
        body=body,
        interactive=link is not None,
    )
    headers = [_("Regency/city")]
    numeric: tuple[int, ...] = ()
    if categories:
        headers.append(value_label if value_label and not show_value else _("Category"))
    if show_value:
        headers.append(_with_unit(value_label or _("Value"), unit))
        numeric = (len(headers) - 1,)
    rows = [_row(code, names[code], categories, clean, show_value, places) for code in codes]
    return Chart(
        svg=svg, title=title, table_headers=headers, table_rows=rows, description=description, numeric_columns=numeric
    )


def _with_unit(label: str, unit: str) -> str:
    return f"{label} ({unit})" if unit else label


def _row(code, name, categories, clean, show_value, places) -> list[str]:
    row = [name]
    if categories:
        row.append(categories.get(code, _("no data")))
    if show_value:
        row.append(format_number(clean[code], places))
    return row
