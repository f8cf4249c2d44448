"""Questionnaire frameworks (format 2): the plain, database-free model that scoring works on.

A questionnaire framework (Indeks KAMI, Monev KIP) is a set of **questions** grouped into
**areas** (KAMI areas, Monev indicators). A question is answered with one **option** of its
answer set: yes/no with the question's weight, or graded answers whose points depend on the
question's **tier** (KAMI stage 1/2/3); an option may mean *not applicable*. A framework may
also hold a **categorisation** (a scored question set whose total selects a category, KAMI's
Kategori Sistem Elektronik), **band tables** that depend on the category, **gates** (rules that
force a status or withhold a tier's points), **maturity steps** and a **final formula**
combining parts with weights (Monev: SAQ and presentation).

The file layout is documented in ``docs/kami-monev.md``; validation is in
``questionnaire_checks``; this module only builds the model from an already checked document.
Every value is exact (``Fraction``); :attr:`Questionnaire.scaled` turns points × weights into
whole numbers once, so scoring thousands of submissions adds integers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property
from typing import Any

from lontar.assessments.definition_checks import parse_bound, parse_weight
from lontar.assessments.tree import Band

#: scoring methods: KAMI adds points; Monev takes each area's weighted share of its maximum
POINTS = "points"
WEIGHTED_SHARE = "weighted_share"
METHODS = (POINTS, WEIGHTED_SHARE)
#: gate kinds
AREA_MINIMUM = "area_minimum"
TIER_UNLOCK = "tier_unlock"
GATE_KINDS = (AREA_MINIMUM, TIER_UNLOCK)
#: the category key of a band table that does not depend on a category
ANY = ""


def number(raw: Any) -> Fraction:
    """An exact non-negative number from the file ("2", "0.8", "10/3", 5); 0 when absent."""
    value = parse_weight(raw) if raw is not None else Fraction(0)
    return value if value is not None else Fraction(0)


@dataclass(frozen=True)
class Option:
    code: str
    label: str
    #: points by tier; tier 0 means "every tier"
    points: dict[int, Fraction]
    not_applicable: bool = False

    def points_for(self, tier: int) -> Fraction:
        return self.points.get(tier, self.points.get(0, Fraction(0)))


@dataclass(frozen=True)
class AnswerSet:
    code: str
    name: str
    options: tuple[Option, ...]
    confidence: str = ""
    source: str = ""

    @cached_property
    def by_code(self) -> dict[str, Option]:
        return {o.code: o for o in self.options}

    def maximum(self, tier: int) -> Fraction:
        return max((o.points_for(tier) for o in self.options if not o.not_applicable), default=Fraction(0))

    def minimum(self, tier: int) -> Fraction:
        return min((o.points_for(tier) for o in self.options if not o.not_applicable), default=Fraction(0))


@dataclass(frozen=True)
class Question:
    id: str
    area: str
    text: str
    answer_set: str
    tier: int = 1
    weight: Fraction = Fraction(1)
    maturity: str = ""
    #: option codes allowed for this question (empty: every option of the answer set)
    options: tuple[str, ...] = ()
    #: where Lontar may suggest the answer from (e.g. "ppid.dip_current"); used by the cycle workflow
    lontar_source: str = ""
    guidance: str = ""


@dataclass(frozen=True)
class Area:
    code: str
    name: str
    #: Monev: the indicator's weight (percent of the SAQ); KAMI: none
    weight: Fraction | None = None
    #: whether the area's points count towards the total (KAMI's supplement does not)
    counted: bool = True
    #: number of controls the reference gives for the area (checked against the questions)
    controls: int | None = None


@dataclass(frozen=True)
class Category:
    code: str
    name: str
    lower: Fraction
    upper: Fraction | None

    def contains(self, value: Fraction) -> bool:
        return self.lower <= value and (self.upper is None or value < self.upper)


@dataclass(frozen=True)
class Categorisation:
    name: str
    answer_set: str
    questions: tuple[Question, ...]
    categories: tuple[Category, ...]


@dataclass(frozen=True)
class Gate:
    code: str
    name: str
    kind: str
    #: area_minimum: the status forced when an area falls short; per-area factor × tier-1 questions
    forces: str = ""
    factors: dict[str, Fraction] = field(default_factory=dict)
    #: tier_unlock: the tier whose points count only when the conditions hold (per area)
    tier: int = 3
    forbidden: tuple[str, ...] = ()
    max_counts: dict[str, int] = field(default_factory=dict)
    shortfall_max: Fraction | None = None
    minimum_per_question: dict[int, Fraction] = field(default_factory=dict)
    confidence: str = ""
    source: str = ""


@dataclass(frozen=True)
class MaturityStep:
    label: str
    value: Fraction
    #: (maturity tag, minimum share of that tag's maximum points)
    requires: tuple[tuple[str, Fraction], ...] = ()


@dataclass(frozen=True)
class Part:
    code: str
    name: str
    #: percent of the final score
    weight: Fraction


@dataclass(frozen=True)
class Setting:
    """A fact of the framework shown to users with its source; confidence "U" marks an uncertain value."""

    label: str
    value: str
    source: str
    confidence: str

    @property
    def uncertain(self) -> bool:
        return self.confidence == "U"


@dataclass(frozen=True)
class Questionnaire:
    code: str
    method: str
    score_min: Fraction
    score_max: Fraction
    areas: tuple[Area, ...]
    questions: tuple[Question, ...]
    answer_sets: dict[str, AnswerSet]
    bands: dict[str, tuple[Band, ...]]
    categorisation: Categorisation | None = None
    gates: tuple[Gate, ...] = ()
    maturity_tags: tuple[str, ...] = ()
    maturity_steps: tuple[MaturityStep, ...] = ()
    parts: tuple[Part, ...] = ()
    settings: tuple[Setting, ...] = ()

    @cached_property
    def by_id(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}

    @cached_property
    def area_by_code(self) -> dict[str, Area]:
        return {a.code: a for a in self.areas}

    @cached_property
    def area_questions(self) -> dict[str, tuple[Question, ...]]:
        grouped: dict[str, list[Question]] = {a.code: [] for a in self.areas}
        for question in self.questions:
            grouped.setdefault(question.area, []).append(question)
        return {code: tuple(qs) for code, qs in grouped.items()}

    def allowed(self, question: Question) -> tuple[Option, ...]:
        answer_set = self.answer_sets[question.answer_set]
        if not question.options:
            return answer_set.options
        return tuple(o for o in answer_set.options if o.code in question.options)

    def question_max(self, question: Question) -> Fraction:
        points = [o.points_for(question.tier) for o in self.allowed(question) if not o.not_applicable]
        return question.weight * max(points, default=Fraction(0))

    def question_min(self, question: Question) -> Fraction:
        points = [o.points_for(question.tier) for o in self.allowed(question) if not o.not_applicable]
        return question.weight * min(points, default=Fraction(0))

    @cached_property
    def area_max(self) -> dict[str, Fraction]:
        return {
            a.code: sum((self.question_max(q) for q in self.area_questions[a.code]), Fraction(0)) for a in self.areas
        }

    @cached_property
    def points_max(self) -> Fraction:
        """The highest total of the points method: every counted area at its maximum."""
        return sum((self.area_max[a.code] for a in self.areas if a.counted), Fraction(0))

    @cached_property
    def scaled(self) -> ScaledQuestionnaire:
        return ScaledQuestionnaire.build(self)

    def band_table(self, category: str | None) -> tuple[Band, ...]:
        return self.bands.get(category or ANY) or self.bands.get(ANY, ())

    def band_for(self, value: Fraction, category: str | None = None) -> Band | None:
        if value > self.score_max:
            return None
        for band in self.band_table(category):
            if band.contains(value):
                return band
        return None

    def category_for(self, total: Fraction) -> Category | None:
        if self.categorisation is None:
            return None
        for category in self.categorisation.categories:
            if category.contains(total):
                return category
        return None

    def category_range(self) -> tuple[Fraction, Fraction]:
        if self.categorisation is None:
            return Fraction(0), Fraction(0)
        questions = self.categorisation.questions
        return (
            sum((self.question_min(q) for q in questions), Fraction(0)),
            sum((self.question_max(q) for q in questions), Fraction(0)),
        )


@dataclass(frozen=True)
class ScaledQuestionnaire:
    """Per question, the weighted points of every allowed option as whole numbers (× ``scale``)."""

    scale: int
    #: question id -> (area code, tier, {option code: scaled points}, not-applicable codes, scaled max)
    questions: dict[str, tuple[str, int, dict[str, int], frozenset[str], int]]
    #: the same in question order for the scoring loop: (id, area index, tier, slot = area × 10 + tier,
    #: maturity slot = (area × tags + tag) × 10 + tier or -1 without a tag, points, not-applicable codes, scaled max)
    rows: tuple[tuple[str, int, int, int, int, dict[str, int], frozenset[str], int], ...]
    #: per area index, the number of questions of each tier (index 0 unused)
    tier_counts: tuple[list[int], ...]
    #: categorisation question id -> {option code: points × ``category_scale``}
    category_points: dict[str, dict[str, int]]
    category_scale: int

    @classmethod
    def build(cls, q: Questionnaire) -> ScaledQuestionnaire:
        values = [
            question.weight * option.points_for(question.tier)
            for question in q.questions
            for option in q.allowed(question)
        ]
        scale = math.lcm(*(v.denominator for v in values)) if values else 1
        table = {}
        rows = []
        area_index = {a.code: i for i, a in enumerate(q.areas)}
        tag_index = {t: i for i, t in enumerate(q.maturity_tags)}
        tier_counts: tuple[list[int], ...] = tuple([0] * 10 for _area in q.areas)
        for question in q.questions:
            options = q.allowed(question)
            points = {o.code: int(question.weight * o.points_for(question.tier) * scale) for o in options}
            na = frozenset(o.code for o in options if o.not_applicable)
            top = int(q.question_max(question) * scale)
            table[question.id] = (question.area, question.tier, points, na, top)
            area = area_index[question.area]
            slot = area * 10 + question.tier
            tag = tag_index.get(question.maturity)
            tag_slot = (area * len(tag_index) + tag) * 10 + question.tier if tag is not None else -1
            rows.append((question.id, area, question.tier, slot, tag_slot, points, na, top))
            tier_counts[area_index[question.area]][question.tier] += 1
        category: dict[str, dict[str, Fraction]] = {}
        if q.categorisation is not None:
            for question in q.categorisation.questions:
                category[question.id] = {
                    o.code: question.weight * o.points_for(question.tier) for o in q.allowed(question)
                }
        values = [v for options in category.values() for v in options.values()]
        category_scale = math.lcm(*(v.denominator for v in values)) if values else 1
        return cls(
            scale=scale,
            questions=table,
            rows=tuple(rows),
            tier_counts=tier_counts,
            category_points={
                qid: {code: int(v * category_scale) for code, v in options.items()} for qid, options in category.items()
            },
            category_scale=category_scale,
        )


# --- building from a checked document -------------------------------------------------------


def _option(raw: dict[str, Any]) -> Option:
    points = raw.get("points", 0)
    by_tier = (
        {int(tier): number(value) for tier, value in points.items()}
        if isinstance(points, dict)
        else {0: number(points)}
    )
    return Option(
        code=str(raw["code"]),
        label=raw["label"],
        points=by_tier,
        not_applicable=bool(raw.get("not_applicable")),
    )


def _question(raw: dict[str, Any], *, area: str = "", answer_set: str = "") -> Question:
    return Question(
        id=str(raw["id"]),
        area=str(raw.get("area", area)),
        text=raw.get("text") or "",
        answer_set=str(raw.get("answer_set") or answer_set),
        tier=int(raw.get("tier", 1)),
        weight=number(raw.get("weight", 1)),
        maturity=str(raw.get("maturity") or ""),
        options=tuple(str(c) for c in raw.get("options") or ()),
        lontar_source=raw.get("lontar_source") or "",
        guidance=raw.get("guidance") or "",
    )


def _bands(raw: list[dict[str, Any]]) -> tuple[Band, ...]:
    bands = [
        Band(
            name=b["name"],
            alias=b.get("alias") or "",
            lower=parse_bound(b["lower"]) or Fraction(0),
            upper=parse_bound(b["upper"]) if b.get("upper") is not None else None,
        )
        for b in raw
    ]
    return tuple(sorted(bands, key=lambda b: b.lower))


def _gate(raw: dict[str, Any]) -> Gate:
    cond = raw.get("conditions") or {}
    return Gate(
        code=raw["code"],
        name=raw.get("name") or raw["code"],
        kind=raw["kind"],
        forces=raw.get("forces") or "",
        factors={str(a): number(f) for a, f in (raw.get("factors") or {}).items()},
        tier=int(raw.get("tier", 3)),
        forbidden=tuple(cond.get("forbidden") or ()),
        max_counts={str(c): int(n) for c, n in (cond.get("max_counts") or {}).items()},
        shortfall_max=number(cond["shortfall_max"]) if cond.get("shortfall_max") is not None else None,
        minimum_per_question={int(t): number(f) for t, f in (cond.get("minimum_per_question") or {}).items()},
        confidence=raw.get("confidence") or "",
        source=raw.get("source") or "",
    )


def build_questionnaire(data: dict[str, Any]) -> Questionnaire:
    """The model of a document that ``questionnaire_checks.check_questionnaire`` accepted."""
    answer_sets = {
        code: AnswerSet(
            code=code,
            name=raw["name"],
            options=tuple(_option(o) for o in raw["options"]),
            confidence=raw.get("confidence") or "",
            source=raw.get("source") or "",
        )
        for code, raw in data["answer_sets"].items()
    }
    categorisation = None
    if data.get("categorisation"):
        raw = data["categorisation"]
        categorisation = Categorisation(
            name=raw["name"],
            answer_set=raw["answer_set"],
            questions=tuple(_question(q, area="", answer_set=raw["answer_set"]) for q in raw["questions"]),
            categories=tuple(
                sorted(
                    (
                        Category(
                            code=c["code"],
                            name=c["name"],
                            lower=parse_bound(c["lower"]) or Fraction(0),
                            upper=parse_bound(c["upper"]) if c.get("upper") is not None else None,
                        )
                        for c in raw["categories"]
                    ),
                    key=lambda c: c.lower,
                )
            ),
        )
    raw_bands = data["bands"]
    bands = (
        {ANY: _bands(raw_bands)}
        if isinstance(raw_bands, list)
        else {str(cat): _bands(table) for cat, table in raw_bands.items()}
    )
    maturity = data.get("maturity") or {}
    return Questionnaire(
        code=data["code"],
        method=data["method"],
        score_min=parse_bound(data.get("score_min", 0)) or Fraction(0),
        score_max=parse_bound(data["score_max"]) or Fraction(0),
        areas=tuple(
            Area(
                code=str(a["code"]),
                name=a["name"],
                weight=number(a["weight"]) if a.get("weight") is not None else None,
                counted=a.get("counted", True) is not False,
                controls=a.get("controls"),
            )
            for a in data["areas"]
        ),
        questions=tuple(_question(q) for q in data["questions"]),
        answer_sets=answer_sets,
        bands=bands,
        categorisation=categorisation,
        gates=tuple(_gate(g) for g in data.get("gates") or ()),
        maturity_tags=tuple(str(t) for t in maturity.get("tags") or ()),
        maturity_steps=tuple(
            MaturityStep(
                label=s["label"],
                value=number(s["value"]),
                requires=tuple((str(r["tag"]), number(r["min_share"])) for r in s.get("requires") or ()),
            )
            for s in maturity.get("steps") or ()
        ),
        parts=tuple(
            Part(code=p["code"], name=p["name"], weight=number(p["weight"]))
            for p in (data.get("final") or {}).get("parts") or ()
        ),
        settings=tuple(
            Setting(label=s["label"], value=s["value"], source=s["source"], confidence=s["confidence"])
            for s in data.get("settings") or ()
        ),
    )
