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

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from lontar.assessments.questionnaire import (
    AREA_MINIMUM,
    POINTS,
    TIER_UNLOCK,
    Area,
    Category,
    Gate,
    MaturityStep,
    Questionnaire,
)
from lontar.assessments.scoring import round_half_up
from lontar.assessments.tree import Band

QUESTIONNAIRE_PART = "questionnaire"


@dataclass(frozen=True)
class AreaScore:
    code: str
    name: str
    points: Fraction
    maximum: Fraction
    share: Fraction | None
    answered: int
    question_count: int
    #: tiers whose points were withheld by a tier_unlock gate
    withheld_tiers: tuple[int, ...]
    maturity: MaturityStep | None
    #: the minimum of each area_minimum gate (gate code → points needed)
    minimums: dict[str, Fraction]

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
    cat = q.categorisation
    if cat is None or any(c.id not in category_answers for c in cat.questions):
        return None, None
    total = Fraction(0)
    for question in cat.questions:
        option = q.answer_sets[question.answer_set].by_code[category_answers[question.id]]
        total += question.weight * option.points_for(question.tier)
    return total, q.category_for(total)


def _unlocked(gate: Gate, tally: dict, na: Counter) -> bool:
    """Whether an area meets a tier_unlock gate (tier-1 answers; not-applicable answers left out)."""
    codes: Counter = tally["codes"]
    if any(codes[c] for c in gate.forbidden):
        return False
    if any(codes[c] > limit for c, limit in gate.max_counts.items()):
        return False
    got, top = tally["tier_points"], tally["tier_max"]
    if gate.shortfall_max is not None and (top.get(1, 0) - got.get(1, 0)) > gate.shortfall_max * tally["scale"]:
        return False
    needed = sum(f * (tally["tier_count"].get(t, 0) - na[t]) for t, f in gate.minimum_per_question.items())
    have = sum(got.get(t, 0) for t in gate.minimum_per_question)
    return have >= needed * tally["scale"]


def _maturity(steps: tuple[MaturityStep, ...], shares: dict[str, Fraction]) -> MaturityStep | None:
    reached = None
    for step in steps:
        if all(shares.get(tag, Fraction(1)) >= share for tag, share in step.requires):
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
    problems = check_answers(q, answers, category_answers)
    if problems:
        raise ValueError(f"invalid answers: {problems[:5]}")
    scaled = q.scaled
    tallies: dict[str, dict] = {
        a.code: {
            "scale": scaled.scale,
            "points": Counter(),  # tier -> scaled points
            "tier_points": Counter(),
            "tier_max": Counter(),  # tier -> scaled max of applicable answers
            "tier_count": Counter(),
            "codes": Counter(),  # option codes of tier-1 answers
            "na": Counter(),  # tier -> not-applicable answers
            "tag_points": Counter(),
            "tag_max": Counter(),
            "max": 0,
            "answered": 0,
            "count": 0,
        }
        for a in q.areas
    }
    questions = scaled.questions
    for question in q.questions:
        area, tier, points, na, top = questions[question.id]
        tally = tallies[area]
        tally["count"] += 1
        tally["tier_count"][tier] += 1
        code = answers.get(question.id)
        if code is None:
            tally["max"] += top
            tally["tier_max"][tier] += top
            tally["tag_max"][(question.maturity, tier)] += top
            continue
        tally["answered"] += 1
        got = points[code]
        tally["points"][tier] += got
        tally["tier_points"][tier] += got
        if tier == 1:
            tally["codes"][code] += 1
        if code in na:
            tally["na"][tier] += 1
            continue
        tally["max"] += top
        tally["tier_max"][tier] += top
        tally["tag_points"][(question.maturity, tier)] += got
        tally["tag_max"][(question.maturity, tier)] += top
    return _assemble(q, tallies, category_answers or {}, parts or {})


def _area_score(q: Questionnaire, area: Area, tally: dict, failed: list[str]) -> AreaScore:
    """One area's points after the tier_unlock gates; appends the area_minimum gates it fails to ``failed``."""
    scale = q.scaled.scale
    withheld = tuple(
        sorted({g.tier for g in q.gates if g.kind == TIER_UNLOCK and not _unlocked(g, tally, tally["na"])})
    )
    points = sum(v for t, v in tally["points"].items() if t not in withheld)
    maximum = tally["max"]
    tag_points: Counter = Counter()
    tag_max: Counter = Counter()
    for (tag, tier), value in tally["tag_max"].items():
        if tag:
            tag_max[tag] += value
            tag_points[tag] += tally["tag_points"][(tag, tier)] if tier not in withheld else 0
    shares = {tag: Fraction(tag_points[tag], tag_max[tag]) for tag in q.maturity_tags if tag_max[tag]}
    minimums = {}
    for gate in q.gates:
        if gate.kind == AREA_MINIMUM and area.code in gate.factors:
            needed = gate.factors[area.code] * (tally["tier_count"][1] - tally["na"][1])
            minimums[gate.code] = needed
            if points < needed * scale and gate.code not in failed:
                failed.append(gate.code)
    return AreaScore(
        code=area.code,
        name=area.name,
        points=Fraction(points, scale),
        maximum=Fraction(maximum, scale),
        share=Fraction(points, maximum) if maximum else None,
        answered=tally["answered"],
        question_count=tally["count"],
        withheld_tiers=withheld,
        maturity=_maturity(q.maturity_steps, shares) if q.maturity_steps and tag_max else None,
        minimums=minimums,
    )


def _total(q: Questionnaire, areas: list[AreaScore]) -> Fraction:
    if q.method == POINTS:
        return sum((a.points for a, spec in zip(areas, q.areas, strict=True) if spec.counted), Fraction(0))
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
    q: Questionnaire, tallies: dict[str, dict], category_answers: Mapping[str, str], parts: Mapping[str, PartValue]
) -> QuestionnaireScore:
    failed: list[str] = []
    areas = [_area_score(q, area, tallies[area.code], failed) for area in q.areas]
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
        answered=sum(t["answered"] for t in tallies.values()),
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
