"""Choropleth map of the 22 NTT kabupaten/kota (server-rendered, accessible SVG + table)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from lontar.core.svg.base import (
    MUTED_COLOUR,
    SERIES_COLOURS,
    Chart,
    LegendItem,
    check_colour,
    check_number,
    clean_text,
    esc,
    fmt,
    format_number,
    svg_document,
    swatch,
)
from lontar.core.svg.base import chart_id as make_chart_id
from lontar.core.svg.geometry import MapGeometry, kabkota_geometry
from lontar.core.svg.scales import class_breaks, classify, decimals_for, step_decimals

# Sequential ramp (light → dark green), 7 steps; n classes take n evenly spaced steps.
SEQUENTIAL = ("#e4f2e8", "#bfe0c8", "#8fc7a2", "#5ba97f", "#2e8a63", "#146b4c", "#0a4634")
PLAIN_FILL = "#cfe5d6"
SEA = "#eef3f6"
BORDER = "#56605c"
HATCH = "#8a938f"
HIGHLIGHT = "#c2410c"
NO_DATA = "nodata"  # marker value in fills: drawn with the hatch pattern


@dataclass(frozen=True)
class _Fill:
    colour: dict[str, str]  # code → colour, or NO_DATA
    legend: list[tuple[str, str]]  # (label, colour or NO_DATA)


def _ramp(count: int) -> list[str]:
    if count == 1:
        return [SEQUENTIAL[3]]
    return [SEQUENTIAL[round(i * (len(SEQUENTIAL) - 1) / (count - 1))] for i in range(count)]


def _numeric_fill(values: dict[str, float | None], unit: str) -> _Fill:
    present = [v for v in values.values() if v is not None]
    colour = dict.fromkeys(values, NO_DATA)
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
    if len(present) < len(values):
        legend.append((_("no data"), NO_DATA))
    return _Fill(colour, legend)


def _categorical_fill(categories: Mapping[str, str], palette: Mapping[str, str] | None, codes: list[str]) -> _Fill:
    colours = {clean_text(label, 120): check_colour(colour) for label, colour in (palette or {}).items()}
    labels = {code: clean_text(label, 120) for code, label in categories.items()}
    order = list(colours) + sorted(set(labels.values()) - set(colours))
    spare = iter(c for c in SERIES_COLOURS if c not in colours.values())
    for label in order:
        colours.setdefault(label, next(spare, MUTED_COLOUR))
    colour = {code: colours[labels[code]] if code in labels else NO_DATA for code in codes}
    legend = [(label, colours[label]) for label in order if label in set(labels.values())]
    if any(code not in labels for code in codes):
        legend.append((_("no data"), NO_DATA))
    return _Fill(colour, legend)


def _check_codes(geometry: MapGeometry, highlight: str | None, *mappings: Mapping[str, object] | None) -> None:
    known = {r.code for r in geometry.regions}
    for mapping in mappings:
        unknown = sorted(str(code) for code in set(mapping or {}) - known)
        if unknown:
            raise ValueError(f"unknown kabupaten/kota code(s): {', '.join(unknown[:5])}")
    if highlight is not None and highlight not in known:
        raise ValueError(f"unknown kabupaten/kota code to highlight: {highlight!r}")


def _legend_swatch(colour: str) -> SafeString:
    if colour == NO_DATA:
        return swatch(
            f'<rect x="1" y="1" width="14" height="14" fill="#fff" stroke="{BORDER}"/>'
            f'<path d="M1 8L8 1M1 15L15 1M8 15L15 8" stroke="{HATCH}" stroke-width="1.5"/>'
        )
    if colour == "highlight":
        return swatch(f'<rect x="2" y="2" width="12" height="12" fill="none" stroke="{HIGHLIGHT}" stroke-width="2.5"/>')
    return swatch(f'<rect x="1" y="1" width="14" height="14" fill="{colour}" stroke="{BORDER}"/>')


def _regions(uid: str, geometry: MapGeometry, fill: _Fill, labels: dict[str, str], link, highlight) -> list[str]:
    out = []
    for region in geometry.regions:
        colour = fill.colour[region.code]
        paint = f"url(#{uid}-nodata)" if colour == NO_DATA else colour
        title = f"{region.name}: {labels[region.code]}" if labels[region.code] else region.name
        path = f'<path d="{region.path}" fill="{paint}"><title>{esc(title)}</title></path>'
        if link is not None:
            path = f'<a href="{esc(link(region.code), 2000)}" aria-label="{esc(title)}">{path}</a>'
        out.append(path)
    if highlight:
        shape = geometry.by_code()[highlight]
        out.append(
            f'<path d="{shape.path}" fill="none" stroke="{HIGHLIGHT}" stroke-width="2.5" pointer-events="none"/>'
        )
    return out


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
        counts = [
            (label, list(fill.colour.values()).count(colour)) for label, colour in fill.legend if colour != NO_DATA
        ]
        parts.append("; ".join(f"{label}: {count}" for label, count in counts) + ".")
    missing = list(fill.colour.values()).count(NO_DATA)
    if missing:
        parts.append(_("No data: %(count)d.") % {"count": missing})
    if extra["highlight"]:
        parts.append(_("Outlined: %(name)s.") % {"name": extra["highlight"]})
    return " ".join(parts)


def _title_value(code: str, categories: Mapping[str, str] | None, value: float | bool | None, fmt_: tuple) -> str:
    """What a region's tooltip says after its name: category and/or value (``False``: no values)."""
    parts = []
    if categories:
        parts.append(clean_text(categories[code], 120) if code in categories else _("no data"))
    if value is not False:
        parts.append(format_number(value, *fmt_))  # type: ignore[arg-type]
    return ", ".join(parts)


def _table(codes, names, categories, clean, show_value, places, value_label, unit) -> tuple[list, list, tuple]:
    headers = [_("Regency/city")]
    if categories:
        headers.append(value_label if value_label and not show_value else _("Category"))
    if show_value:
        label = value_label or _("Value")
        headers.append(f"{label} ({unit})" if unit else label)
    rows = []
    for code in codes:
        row = [names[code]]
        if categories:
            row.append(clean_text(categories[code], 120) if code in categories else _("no data"))
        if show_value:
            row.append(format_number(clean[code], places))
        rows.append(row)
    return headers, rows, ((len(headers) - 1,) if show_value else ())


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
    predikat) with an optional ``palette`` (label → "#rrggbb") colour them by category instead
    (values, if also given, then only appear in titles and the table). ``highlight`` outlines
    one region; ``link(code)`` wraps each region in a link. Unknown codes or colours raise
    ``ValueError``; NaN counts as missing. The table lists every region in code order.
    """
    geometry = kabkota_geometry()
    _check_codes(geometry, highlight, values, categories)
    codes = [r.code for r in geometry.regions]
    names = {r.code: r.name for r in geometry.regions}
    clean = {code: check_number((values or {}).get(code), f"value of {code}") for code in codes}
    places = decimals_for([v for v in clean.values() if v is not None])
    if categories:
        fill = _categorical_fill(categories, palette, codes)
    elif values is not None:
        fill = _numeric_fill(clean, unit)
    else:
        fill = _Fill(dict.fromkeys(codes, PLAIN_FILL), [])
    show_value = values is not None
    labels = {
        code: _title_value(code, categories, clean[code] if show_value else False, (places, unit)) for code in codes
    }
    uid = chart_id or make_chart_id("map", title, sorted(clean.items()), sorted((categories or {}).items()), highlight)
    highlight_name = names[highlight] if highlight else None
    description = _describe(
        names, clean, categories, fill, {"unit": unit, "places": places, "highlight": highlight_name}
    )
    body = [
        f'<defs><pattern id="{uid}-nodata" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/>'
        f'<path d="M0 0v6" stroke="{HATCH}" stroke-width="1.5"/></pattern></defs>',
        f'<rect width="{fmt(geometry.width)}" height="{fmt(geometry.height)}" fill="{SEA}"/>',
        f'<g stroke="{BORDER}" stroke-width="0.6" stroke-linejoin="round" fill-rule="evenodd">',
        *_regions(uid, geometry, fill, labels, link, highlight),
        "</g>",
    ]
    svg = svg_document(
        uid=uid,
        width=geometry.width,
        height=geometry.height,
        title=title,
        description=description,
        body=body,
        interactive=link is not None,
    )
    legend = [LegendItem(label, _legend_swatch(colour)) for label, colour in fill.legend]
    if highlight_name:
        legend.append(LegendItem(highlight_name, _legend_swatch("highlight")))
    headers, rows, numeric = _table(codes, names, categories, clean, show_value, places, value_label, unit)
    return Chart(svg, title, headers, rows, description, numeric_columns=numeric, legend=tuple(legend))
