"""Figures of the PPID service that answer Monev KIP questions. Pure: plain values in, no database.

The selectors (:mod:`lontar.ppid.selectors.monev`) read the rows of one body and one year and
call these; :mod:`lontar.ppid.answer_sources` words the result for the self-assessment.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import NamedTuple


class Timed(NamedTuple):
    """One request (or keberatan) against its deadline.

    ``due``: the last day allowed (the extended one when the deadline was extended);
    ``done``: the day it was answered, None while it waits; ``waiting``: it is still open and
    owed an answer (a withdrawn or closed one without an answer is neither done nor waiting).
    """

    due: dt.date
    done: dt.date | None
    waiting: bool = True


@dataclass(frozen=True)
class Share:
    """``within`` of ``counted`` answered on time; ``counted`` = answered + waiting past the deadline."""

    within: int
    counted: int

    @property
    def ratio(self) -> Fraction | None:
        return Fraction(self.within, self.counted) if self.counted else None

    @property
    def all_within(self) -> bool | None:
        """True when every counted one was on time; None when nothing can be counted yet."""
        return None if not self.counted else self.within == self.counted

    def percent(self) -> str:
        """The share in percent with one decimal, rounded half up ("95,0"); "" without any."""
        ratio = self.ratio
        if ratio is None:
            return ""
        tenths = (ratio * 1000 + Fraction(1, 2)).__floor__()
        return f"{tenths // 10},{tenths % 10}"


def median_days(spans: Iterable[int]) -> Fraction | None:
    """The median number of working days, exact (half a day when the count is even); None for none."""
    values = sorted(spans)
    if not values:
        return None
    return Fraction(statistics.median_low(values) + statistics.median_high(values), 2)


def share_within(rows: Sequence[Timed], as_of: dt.date) -> Share:
    """How many of ``rows`` were answered by their deadline, as things stood at the end of ``as_of``.

    An answer given after ``as_of`` counts as not given yet. One still waiting counts against the
    share once its deadline has passed (``due < as_of``); before that it is not counted.
    """
    within = counted = 0
    for row in rows:
        done = row.done if row.done is not None and row.done <= as_of else None
        if done is not None:
            counted += 1
            within += done <= row.due
        elif (row.waiting or row.done is not None) and row.due < as_of:
            counted += 1
    return Share(within, counted)


def days_text(value: Fraction) -> str:
    """A number of days as Indonesians write it: "6" or "6,5"."""
    whole, rest = divmod(value, 1)
    return f"{whole}" if not rest else f"{whole},{int(rest * 10)}"
