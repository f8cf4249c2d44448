"""Arithmetic checks of a built questionnaire: bands and categories cover their range, points and weights add up."""

from __future__ import annotations

import itertools
from collections import Counter
from fractions import Fraction

from django.utils.translation import gettext as _

from lontar.assessments.questionnaire import WEIGHTED_SHARE, Questionnaire
from lontar.assessments.tree import Band, exact_text

HUNDRED = Fraction(100)


def _cover(where: str, bands: tuple[Band, ...], low: Fraction, high: Fraction) -> list[str]:
    """Bands must run from ``low`` to ``high`` with no gap and no overlap; the top one open."""
    problems = []
    names = Counter(b.name.casefold() for b in bands)
    problems += [
        _("%(where)s: “%(band)s” is defined twice.") % {"where": where, "band": n} for n, c in names.items() if c > 1
    ]
    if bands[0].lower != low:
        problems.append(
            _("%(where)s: the lowest band “%(band)s” starts at %(lower)s, not at the minimum %(min)s.")
            % {"where": where, "band": bands[0].name, "lower": exact_text(bands[0].lower), "min": exact_text(low)}
        )
    for band, following in itertools.pairwise(bands):
        if band.upper is None or band.upper > following.lower:
            problems.append(
                _("%(where)s: bands “%(a)s” and “%(b)s” overlap.")
                % {"where": where, "a": band.name, "b": following.name}
            )
        elif band.upper < following.lower:
            problems.append(
                _("%(where)s: there is a gap between “%(a)s” (up to %(upper)s) and “%(b)s” (from %(lower)s).")
                % {
                    "where": where,
                    "a": band.name,
                    "upper": exact_text(band.upper),
                    "b": following.name,
                    "lower": exact_text(following.lower),
                }
            )
    for band in bands:
        if band.upper is not None and band.upper <= band.lower:
            problems.append(
                _("%(where)s: band “%(band)s” ends before it starts.") % {"where": where, "band": band.name}
            )
    if bands[-1].upper is not None or bands[-1].lower > high:
        problems.append(
            _("%(where)s: the highest band “%(band)s” must have no upper bound (it runs up to and including %(max)s).")
            % {"where": where, "band": bands[-1].name, "max": exact_text(high)}
        )
    return problems


def check_arithmetic(q: Questionnaire) -> list[str]:
    problems = []
    for category, table in q.bands.items():
        where = _("Bands of category “%(category)s”") % {"category": category} if category else _("Bands")
        problems += _cover(where, table, q.score_min, q.score_max)
    if q.categorisation is not None:
        low, high = q.category_range()
        problems += _cover(
            q.categorisation.name,
            tuple(Band(name=c.name, lower=c.lower, upper=c.upper) for c in q.categorisation.categories),
            low,
            high,
        )
    for area in q.areas:
        count = len(q.area_questions[area.code])
        if area.controls is not None and count != area.controls:
            problems.append(
                _("Area “%(area)s” has %(count)d questions; the file says it has %(controls)d controls.")
                % {"area": area.code, "count": count, "controls": area.controls}
            )
    if q.method == WEIGHTED_SHARE:
        total = sum((a.weight or Fraction(0) for a in q.areas), Fraction(0))
        if total != HUNDRED:
            problems.append(_("The area weights add up to %(sum)s, not 100.") % {"sum": exact_text(total)})
        if (q.score_min, q.score_max) != (0, HUNDRED):
            problems.append(_("A weighted-share questionnaire scores 0–100: set score_min 0 and score_max 100."))
    elif q.points_max != q.score_max:
        problems.append(
            _("The questions of the counted areas score at most %(max)s, but “score_max” is %(declared)s.")
            % {"max": exact_text(q.points_max), "declared": exact_text(q.score_max)}
        )
    return problems
