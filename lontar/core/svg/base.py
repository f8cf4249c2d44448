"""The ``Chart`` result and the SVG building blocks shared by the map and the charts."""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.template.base import render_value_in_context
from django.template.context import Context
from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif"
TEXT_COLOUR = "#1b1f1d"
MUTED_COLOUR = "#4f5955"
GRID_COLOUR = "#d5dbd8"
# Colours for series and categories: each has ≥ 3:1 contrast on white (WCAG 1.4.11).
SERIES_COLOURS = ("#0b5e4a", "#0a55a0", "#c2410c", "#7b3fa0", "#8a5a00", "#b0306b", "#1b1f1d", "#2f7d8c")

# XML 1.0 forbids most C0 controls; lone surrogates cannot be encoded either.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@dataclass(frozen=True)
class LegendItem:
    """One legend entry: a label and a small decorative swatch (SVG markup)."""

    label: str
    swatch: SafeString


@dataclass(frozen=True)
class Chart:
    """An accessible chart: SVG markup plus the same data as a table.

    Render with ``{% include "core/_chart.html" with chart=chart %}``. ``table_rows`` hold display
    strings; the first cell of each row is its header. ``numeric_columns`` are right-aligned.
    """

    svg: SafeString
    title: str
    table_headers: list[str]
    table_rows: list[list[str]]
    description: str = ""
    numeric_columns: tuple[int, ...] = field(default=())
    legend: tuple[LegendItem, ...] = field(default=())

    def __html__(self) -> str:
        return str(self.svg)

    def table_body(self) -> SafeString:
        """The data table's rows as HTML, rendered here rather than by nested template loops (a
        point map's table has thousands of cells: 30 ms of template work per page on a slow
        machine). Each cell is shown as a template shows ``{{ cell }}`` (localised, escaped)."""
        context = Context(autoescape=True)
        numeric = set(self.numeric_columns)
        rows = []
        for row in self.table_rows:
            cells = []
            for i, cell in enumerate(row):
                text = render_value_in_context(cell, context)
                if i == 0:
                    cells.append(f'<th scope="row">{text}</th>')
                else:
                    cells.append(f'<td class="num">{text}</td>' if i in numeric else f"<td>{text}</td>")
            rows.append("<tr>" + "".join(cells) + "</tr>")
        return mark_safe("\n".join(rows))  # every cell escaped above


_COLOUR = re.compile(r"^(#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}|#[0-9a-fA-F]{8}|[a-z]{3,20})$")


def check_colour(value: str) -> str:
    """A colour for a fill attribute: ``#rgb``, ``#rrggbb``, ``#rrggbbaa`` or a CSS colour name."""
    if not isinstance(value, str) or not _COLOUR.match(value):
        raise ValueError(f"not a colour: {value!r} (use #rrggbb)")
    return value


def clean_text(value: object, limit: int = 500) -> str:
    """Text safe to put in XML once escaped: no control characters, bounded length."""
    text = _INVALID_XML.sub("", str(value))
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


def esc(value: object, limit: int = 500) -> str:
    """Escape for SVG text content and attribute values."""
    return str(escape(clean_text(value, limit)))


def truncate(text: str, max_chars: int) -> str:
    max_chars = max(2, max_chars)
    return text if len(text) <= max_chars else text[: max_chars - 1].rstrip() + "…"


def text_width(text: str, font_size: float) -> float:
    """A rough rendered width of ``text`` (average glyph ≈ 0.56 em) for layout decisions."""
    return len(text) * font_size * 0.56


def check_number(value: float | None, what: str) -> float | None:
    """``None`` stays missing; NaN is treated as missing; infinities and non-numbers are refused."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{what}: expected a number or None, got {type(value).__name__}")
    number = float(value)
    if math.isnan(number):
        return None
    if math.isinf(number):
        raise ValueError(f"{what}: infinite values cannot be charted")
    return number


def format_number(value: float | None, decimals: int = 0, unit: str = "") -> str:
    """A value for people: grouped in the active locale (Indonesian 1.234,5), with its unit."""
    if value is None:
        return _("no data")
    text = number_format(round(value, decimals), decimals, use_l10n=True, force_grouping=True)
    if not unit:
        return text
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"


def fmt(x: float) -> str:
    """A coordinate with at most one decimal and no trailing zeros."""
    text = f"{x:.1f}"
    return text[:-2] if text.endswith(".0") else text


def chart_id(kind: str, *parts: object) -> str:
    """A stable id for the SVG's title/desc elements, derived from the chart's content."""
    digest = hashlib.blake2b(repr((kind, parts)).encode("utf-8", "replace"), digest_size=5).hexdigest()
    return f"{kind}-{digest}"


def svg_document(
    *,
    uid: str,
    width: float,
    height: float,
    title: str,
    description: str,
    body: Iterable[str],
    interactive: bool = False,
) -> SafeString:
    """The ``<svg>`` root with ``<title>``, ``<desc>`` and ``aria-labelledby``.

    A static chart is ``role="img"``. A chart with links inside cannot be an image (its children
    would be hidden from assistive technology), so it becomes a labelled ``group``.
    """
    role = "group" if interactive else "img"
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {fmt(width)} {fmt(height)}" '
        f'width="{fmt(width)}" height="{fmt(height)}" role="{role}" class="chart-svg" '
        f'aria-labelledby="{uid}-title {uid}-desc" font-family="{esc(FONT_FAMILY)}" font-size="13" '
        f'fill="{TEXT_COLOUR}"><title id="{uid}-title">{esc(title)}</title>'
        f'<desc id="{uid}-desc">{esc(description, 2000)}</desc>'
    )
    return mark_safe(head + "".join(body) + "</svg>")


def swatch(inner: str, width: float = 16) -> SafeString:
    """A small decorative SVG for an HTML legend entry (its label is the text next to it)."""
    return mark_safe(  # every caller builds ``inner`` from numbers and fixed colours
        f'<svg class="chart-swatch" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {fmt(width)} 16" '
        f'width="{fmt(width)}" height="16" aria-hidden="true" focusable="false">{inner}</svg>'
    )
