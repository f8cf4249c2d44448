"""Scoring of questionnaire frameworks: one pure function, no database.

:func:`score_questionnaire` takes a :class:`~lontar.assessments.questionnaire.Questionnaire`,
the answers (question id → option code; a missing id is unanswered) and, when the framework has
them, the categorisation answers and the values of the other parts of the final score. It returns
a :class:`QuestionnaireScore`:

* per area: the points obtained (after gates that withhold a tier), the maximum over the
  applicable questions, the share, and the maturity step reached;
* the total: **points** method (KAMI) — the sum of the counted areas' points; **weighted share**
  method (Monev KIP) — ``100 × Σ wᵢ·shareᵢ / Σ wᵢ`` over the areas with an applicable question
  (``Σ wᵢ·shareᵢ`` when every area applies, the regulation's formula);
* the category (from the categorisation total), the final score (parts × weights / 100, rounded
  half up to two decimals for display and banding as in ADR 0008), the band of the category, and
  the gates that forced a status or withheld points.

An unanswered question scores nothing but keeps its maximum (the result is flagged
``provisional``); a *not applicable* answer takes the points the file gives it and leaves the
maximum of shares, the maturity shares and the gate arithmetic. Everything is exact: the points
are whole numbers scaled once per framework (``Questionnaire.scaled``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from lontar.assessments.questionnaire import (
    AREA_MINIMUM,
    POINTS,
    TIER_UNLOCK,
    Category,
    Gate,
    MaturityStep,
    Questionnaire,
)
from lontar.assessments.scoring import round_half_up
from lontar.assessments.tree import Band

QUESTIONNAIRE_PART = "questionnaire"
TIERS = 10  # tiers 1–9 (index 0 unused)


@dataclass(frozen=True)
class AreaScore:
    code: str
    name: str
    #: points and maximum as whole numbers × ``scale`` (see ``points``, ``maximum``, ``share``)
    scaled_points: int
    scaled_maximum: int
    scale: int
    answered: int
    question_count: int
    #: tiers whose points were withheld by a tier_unlock gate
    withheld_tiers: tuple[int, ...]
    maturity: MaturityStep | None
    #: the minimum of each area_minimum gate (gate code → points needed)
    minimums: dict[str, Fraction | int]

    @property
    def points(self) -> Fraction:
        return Fraction(self.scaled_points, self.scale)

    @property
    def maximum(self) -> Fraction:
        """The maximum over the applicable questions (unanswered ones included)."""
        return Fraction(self.scaled_maximum, self.scale)

    @property
    def share(self) -> Fraction | None:
        return Fraction(self.scaled_points, self.scaled_maximum) if self.scaled_maximum else None

    @property
    def provisional(self) -> bool:
        return self.answered < self.question_count


@dataclass(frozen=True)
class QuestionnaireScore:
    areas: tuple[AreaScore, ...]
    #: KAMI: the points total; Monev: the questionnaire (SAQ) score 0–100
    total: Fraction
    category_total: Fraction | None
    category: Category | None
    #: parts × weights; equals ``total`` when the framework has no final formula; None while a part is missing
    final: Fraction | None
    rounded: Decimal | None
    band: Band | None
    #: codes of the gates that forced the status
    failed_gates: tuple[str, ...]
    answered: int
    question_count: int

    @property
    def provisional(self) -> bool:
        return self.answered < self.question_count or self.final is None

    @property
    def area(self) -> dict[str, AreaScore]:
        return {a.code: a for a in self.areas}


def check_answers(
    q: Questionnaire, answers: Mapping[str, str], category_answers: Mapping[str, str] | None = None
) -> list[tuple[str, str]]:
    """(question id, problem) pairs: ``unknown`` question or ``option`` outside the question's options."""
    problems: list[tuple[str, str]] = []
    for qid, code in answers.items():
        question = q.by_id.get(qid)
        if question is None:
            problems.append((qid, "unknown"))
        elif code not in q.scaled.questions[qid][2]:
            problems.append((qid, "option"))
    if category_answers:
        cat = q.categorisation
        known = {c.id: c for c in cat.questions} if cat else {}
        for qid, code in category_answers.items():
            question = known.get(qid)
            if question is None:
                problems.append((qid, "unknown"))
            elif code not in {o.code for o in q.allowed(question)}:
                problems.append((qid, "option"))
    return problems


def category_of(q: Questionnaire, category_answers: Mapping[str, str]) -> tuple[Fraction | None, Category | None]:
    """The categorisation total and category; (None, None) until every categorisation question is answered."""
    table = q.scaled.category_points
    if q.categorisation is None or len(category_answers) < len(table):
        return None, None
    total = 0
    for qid, options in table.items():
        code = category_answers.get(qid)
        if code is None:
            return None, None
        total += options[code]
    exact = Fraction(total, q.scaled.category_scale)
    return exact, q.category_for(exact)


class _Tally:
    """Running sums of one area, as whole numbers (× the framework's scale)."""

    __slots__ = ("answered", "codes", "maximum", "na", "tag_max", "tag_points", "tier_max", "tier_points")

    def __init__(self, tags: int) -> None:
        self.answered = 0
        self.maximum = 0
        self.tier_points = [0] * TIERS
        self.tier_max = [0] * TIERS  # of applicable (or unanswered) questions
        self.na = [0] * TIERS  # not-applicable answers per tier
        self.codes: dict[str, int] = {}  # option codes of tier-1 answers
        self.tag_points = [0] * (TIERS * tags)  # by maturity tag and tier
        self.tag_max = [0] * (TIERS * tags)


def _unlocked(gate: Gate, tally: _Tally, tier_count: list[int], scale: int) -> bool:
    """Whether an area meets a tier_unlock gate (tier-1 answers; not-applicable answers left out)."""
    codes = tally.codes
    if any(codes.get(c) for c in gate.forbidden):
        return False
    if any(codes.get(c, 0) > limit for c, limit in gate.max_counts.items()):
        return False
    got, top = tally.tier_points, tally.tier_max
    if gate.shortfall_max is not None and top[1] - got[1] > gate.shortfall_max * scale:
        return False
    factors = gate.minimum_per_question
    needed: Fraction | int
    if all(f.denominator == 1 for f in factors.values()):
        needed = sum(f.numerator * (tier_count[t] - tally.na[t]) for t, f in factors.items()) * scale
    else:
        needed = sum((f * (tier_count[t] - tally.na[t]) for t, f in factors.items()), Fraction(0)) * scale
    return sum(got[t] for t in factors) >= needed


def _maturity(q: Questionnaire, tally: _Tally, withheld: tuple[int, ...]) -> MaturityStep | None:
    """The last maturity step whose requirements (share of each tag's maximum) hold, steps taken in order."""
    tags = q.maturity_tags
    if not q.maturity_steps or not any(tally.tag_max):
        return None
    got = {}
    top = {}
    for index, tag in enumerate(tags):
        row = slice(index * TIERS, (index + 1) * TIERS)
        top[tag] = sum(tally.tag_max[row])
        got[tag] = sum(v for t, v in enumerate(tally.tag_points[row]) if t not in withheld)
    reached = None
    for step in q.maturity_steps:
        # share ≥ s  ⇔  got · den ≥ num · top  (a tag without questions counts as met)
        if all(not top[tag] or got[tag] * s.denominator >= s.numerator * top[tag] for tag, s in step.requires):
            reached = step
        else:
            break
    return reached


def score_questionnaire(
    q: Questionnaire,
    answers: Mapping[str, str],
    *,
    category_answers: Mapping[str, str] | None = None,
    parts: Mapping[str, PartValue] | None = None,
) -> QuestionnaireScore:
    """Score one submission. Raises ``ValueError`` on an unknown question or an option outside its question's."""
    scaled = q.scaled
    tags = len(q.maturity_tags)
    areas = len(q.areas)
    # flat running sums (× scale): by slot = area × 10 + tier, and by maturity slot
    tier_points = [0] * (areas * TIERS)
    tier_max = [0] * (areas * TIERS)
    na_count = [0] * (areas * TIERS)
    tag_points = [0] * (areas * tags * TIERS)
    tag_max = [0] * (areas * tags * TIERS)
    answered = [0] * areas
    codes: list[dict[str, int]] = [{} for _area in range(areas)]
    get = answers.get
    for qid, area, tier, slot, tag_slot, points, na, top in scaled.rows:
        code = get(qid)
        if code is None:
            tier_max[slot] += top
            if tag_slot >= 0:
                tag_max[tag_slot] += top
            continue
        got = points.get(code)
        if got is None:
            raise ValueError(f"invalid answers: {check_answers(q, answers)[:5]}")
        answered[area] += 1
        tier_points[slot] += got
        if tier == 1:
            own = codes[area]
            own[code] = own.get(code, 0) + 1
        if code in na:
            na_count[slot] += 1
            continue
        tier_max[slot] += top
        if tag_slot >= 0:
            tag_points[tag_slot] += got
            tag_max[tag_slot] += top
    if sum(answered) != len(answers) or (category_answers and not _categories_valid(q, category_answers)):
        raise ValueError(f"invalid answers: {check_answers(q, answers, category_answers)[:5]}")
    tallies = []
    for area in range(areas):
        tally = _Tally(tags)
        row, tag_row = slice(area * TIERS, (area + 1) * TIERS), slice(area * tags * TIERS, (area + 1) * tags * TIERS)
        tally.answered = answered[area]
        tally.tier_points = tier_points[row]
        tally.tier_max = tier_max[row]
        tally.maximum = sum(tally.tier_max)
        tally.na = na_count[row]
        tally.codes = codes[area]
        tally.tag_points = tag_points[tag_row]
        tally.tag_max = tag_max[tag_row]
        tallies.append(tally)
    return _assemble(q, tallies, category_answers or {}, parts or {})


def _categories_valid(q: Questionnaire, category_answers: Mapping[str, str]) -> bool:
    table = q.scaled.category_points
    return all(qid in table and code in table[qid] for qid, code in category_answers.items())


def _area_score(q: Questionnaire, index: int, tally: _Tally, failed: list[str]) -> AreaScore:
    """One area's points after the tier_unlock gates; appends the area_minimum gates it fails to ``failed``."""
    area = q.areas[index]
    scale = q.scaled.scale
    tier_count = q.scaled.tier_counts[index]
    withheld = tuple(
        sorted({g.tier for g in q.gates if g.kind == TIER_UNLOCK and not _unlocked(g, tally, tier_count, scale)})
    )
    points = sum(v for t, v in enumerate(tally.tier_points) if t not in withheld)
    minimums = {}
    for gate in q.gates:
        if gate.kind == AREA_MINIMUM and area.code in gate.factors:
            factor = gate.factors[area.code]
            count = tier_count[1] - tally.na[1]
            needed = factor.numerator * count if factor.denominator == 1 else factor * count
            minimums[gate.code] = needed
            if points < needed * scale and gate.code not in failed:
                failed.append(gate.code)
    return AreaScore(
        code=area.code,
        name=area.name,
        scaled_points=points,
        scaled_maximum=tally.maximum,
        scale=scale,
        answered=tally.answered,
        question_count=sum(tier_count),
        withheld_tiers=withheld,
        maturity=_maturity(q, tally, withheld),
        minimums=minimums,
    )


def _total(q: Questionnaire, areas: list[AreaScore]) -> Fraction:
    if q.method == POINTS:
        scaled = sum(a.scaled_points for a, spec in zip(areas, q.areas, strict=True) if spec.counted)
        return Fraction(scaled, q.scaled.scale)
    weighted = [(spec.weight or Fraction(0), a.share) for a, spec in zip(areas, q.areas, strict=True)]
    present = sum((w for w, s in weighted if s is not None), Fraction(0))
    if not present:
        return Fraction(0)
    return sum((w * s for w, s in weighted if s is not None), Fraction(0)) * 100 / present


def _band(q: Questionnaire, rounded: Decimal | None, category: Category | None, failed: list[str]) -> Band | None:
    if rounded is None or (category is None and q.categorisation is not None):
        return None
    table = q.band_table(category.code if category else None)
    forced = [g.forces for g in q.gates if g.kind == AREA_MINIMUM and g.code in failed]
    if forced:
        return next((b for b in table if b.name == forced[0]), None)
    return q.band_for(Fraction(rounded), category.code if category else None)


def _assemble(
    q: Questionnaire, tallies: list[_Tally], category_answers: Mapping[str, str], parts: Mapping[str, PartValue]
) -> QuestionnaireScore:
    failed: list[str] = []
    areas = [_area_score(q, index, tally, failed) for index, tally in enumerate(tallies)]
    total = _total(q, areas)
    category_total, category = category_of(q, category_answers)
    final = _final(q, total, parts)
    rounded = round_half_up(final) if final is not None else None
    return QuestionnaireScore(
        areas=tuple(areas),
        total=total,
        category_total=category_total,
        category=category,
        final=final,
        rounded=rounded,
        band=_band(q, rounded, category, failed),
        failed_gates=tuple(failed),
        answered=sum(t.answered for t in tallies),
        question_count=len(q.questions),
    )


PartValue = Fraction | int | Decimal


def _final(q: Questionnaire, total: Fraction, parts: Mapping[str, PartValue]) -> Fraction | None:
    if not q.parts:
        return total
    value = Fraction(0)
    for part in q.parts:
        raw = total if part.code == QUESTIONNAIRE_PART else parts.get(part.code)
        if raw is None:
            return None
        given = Fraction(raw)
        if not 0 <= given <= 100:
            raise ValueError(f"part {part.code} must be 0–100")
        value += part.weight * given / 100
    return value
