"""Display helpers for framework pages: exact weights, indices and levels in the active locale.

Load with ``{% load assessments_tags %}``.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from django import template
from django.utils.formats import number_format

from lontar.assessments.scoring import round_half_up
from lontar.assessments.tree import exact_text

register = template.Library()

VULGAR = {(1, 2): "½", (1, 3): "⅓", (2, 3): "⅔", (1, 4): "¼", (3, 4): "¾", (1, 6): "⅙", (5, 6): "⅚", (1, 8): "⅛"}


@register.filter
def weight(value: Fraction | None) -> str:
    """A weight exactly: "1,3" (decimal in the locale) or "3⅓" for 10/3, "7/11" when no glyph fits."""
    if value is None:
        return ""
    value = Fraction(value)
    text = exact_text(value)
    if "/" not in text:
        places = len(text.partition(".")[2])
        return number_format(Decimal(text), places, use_l10n=True)
    whole, rest = divmod(value.numerator, value.denominator)
    glyph = VULGAR.get((rest // _gcd(rest, value.denominator), value.denominator // _gcd(rest, value.denominator)))
    if glyph:
        return f"{whole or ''}{glyph}"
    return text


def _gcd(a: int, b: int) -> int:
    while b:
        a, b = b, a % b
    return a


@register.filter
def exact(value: Fraction | None) -> str:
    """The exact machine form ("10/3", "1.3")."""
    return "" if value is None else exact_text(Fraction(value))


@register.filter
def index(value: Decimal | Fraction | None) -> str:
    """An index with two decimals in the active locale ("2,99"), exact values rounded half up; "—" for none."""
    if value is None:
        return "—"
    if isinstance(value, Fraction):
        value = round_half_up(value)
    return number_format(Decimal(value), 2, use_l10n=True)


@register.filter
def level(value: Fraction | int | None) -> str:
    """A level or figure: "3", or "3,75" for an external figure."""
    if value is None:
        return "—"
    value = Fraction(value)
    if value.denominator == 1:
        return str(value.numerator)
    text = exact_text(value)
    if "/" in text:
        return text
    return number_format(Decimal(text), len(text.partition(".")[2]), use_l10n=True)


@register.filter
def get_year(mapping: dict | None, year: int) -> object:
    """``mapping[year]`` in a template, None when absent."""
    return (mapping or {}).get(year)
