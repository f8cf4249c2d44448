"""API response schemas for frameworks, scores and plans, and the functions that fill them."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

from ninja import Field, Schema

from lontar.assessments.inputs import Target
from lontar.assessments.models import Framework
from lontar.assessments.planner import Plan
from lontar.assessments.scoring import Score, round_half_up
from lontar.assessments.selectors import NodeView, framework_bands, framework_outline
from lontar.assessments.tree import FrameworkTree, exact_text

ROUNDING = "half-up to 2 decimals; predikat from the rounded index"


class FrameworkSummaryOut(Schema):
    code: str
    version: str
    name: str
    index_name: str
    regulation: str
    level_min: int
    level_max: int
    indicator_count: int
    locked: bool


class FrameworkListOut(Schema):
    items: list[FrameworkSummaryOut]
    next_cursor: str | None
    next: str | None


class CriterionOut(Schema):
    level: int
    level_name: str
    criteria: str
    explanation: str
    evidence: str
    variant: str


class NodeOut(Schema):
    kind: str
    number: str
    name: str
    weight: float
    weight_exact: str
    scale: str | None = None
    explanation: str = ""
    guidance: str = ""
    evidence_guidance: str = ""
    external_source: str = ""
    external_framework: str = ""
    confidence: str = ""
    notes: str = ""
    levels: list[CriterionOut] = []
    children: list[NodeOut] = []


NodeOut.model_rebuild()


class BandOut(Schema):
    name: str
    alias: str
    lower: float
    upper: float | None


class FrameworkDetailOut(FrameworkSummaryOut):
    description: str
    notes: str
    sources: list[str]
    bands: list[BandOut]
    nodes: list[NodeOut]


class NodeScoreOut(Schema):
    kind: str
    number: str
    name: str
    weight: float
    weight_exact: str
    index: float | None
    index_exact: str | None
    predikat: str | None
    provisional: bool
    answered: int
    indicator_count: int


class ScoreOut(Schema):
    framework: str
    version: str
    index: float | None
    index_exact: str | None
    predikat: str | None
    predikat_alias: str | None
    provisional: bool
    answered: int
    indicator_count: int
    rounding: str
    nodes: list[NodeScoreOut]


class StepOut(Schema):
    indicator: str
    from_: int | float = Field(alias="from")
    to: int | float
    steps: int


class PlanOut(Schema):
    framework: str
    version: str
    step_count: int
    steps: list[StepOut]
    index_before: float
    index_after: float
    predikat_after: str | None
    target_index: float
    target_predikat: str | None
    index_max: float
    assumed_minimum: list[str]
    rounding: str


def _num(value: Fraction | Decimal | None) -> float | None:
    return None if value is None else float(value)


def framework_summary(framework: Framework) -> dict[str, Any]:
    count = getattr(framework, "indicator_count", None)
    if count is None:
        count = framework.nodes.filter(kind="indicator").count()
    return {
        "code": framework.code,
        "version": framework.version,
        "name": framework.name,
        "index_name": framework.index_name,
        "regulation": framework.regulation,
        "level_min": framework.level_min,
        "level_max": framework.level_max,
        "indicator_count": count,
        "locked": framework.locked_at is not None,
    }


def _node_data(view: NodeView) -> dict[str, Any]:
    node = view.node
    data: dict[str, Any] = {
        "kind": node.kind,
        "number": node.number,
        "name": node.name,
        "weight": round(float(node.weight), 4),
        "weight_exact": exact_text(node.weight),
        "children": [_node_data(child) for child in view.children],
        "notes": node.notes,
    }
    if view.is_indicator:
        data.update(
            scale=node.scale.code if node.scale else None,
            explanation=node.explanation,
            guidance=node.guidance,
            evidence_guidance=node.evidence_guidance,
            external_source=node.external_source,
            external_framework=node.external_framework,
            confidence=node.confidence,
            levels=[
                {
                    "level": lv.level,
                    "level_name": lv.name,
                    "criteria": lv.criterion.criteria if lv.criterion else lv.meaning,
                    "explanation": lv.criterion.explanation if lv.criterion else "",
                    "evidence": lv.criterion.evidence if lv.criterion else "",
                    "variant": lv.criterion.variant if lv.criterion else "",
                }
                for lv in view.levels
            ],
        )
    return data


def framework_detail_data(framework: Framework) -> dict[str, Any]:
    return {
        **framework_summary(framework),
        "description": framework.description,
        "notes": framework.notes,
        "sources": framework.sources,
        "bands": [
            {"name": b.name, "alias": b.alias, "lower": float(b.lower), "upper": _num(b.upper)}
            for b in framework_bands(framework)
        ],
        "nodes": [_node_data(view) for view in framework_outline(framework)],
    }


def score_data(framework: Framework, result: Score) -> dict[str, Any]:
    return {
        "framework": framework.code,
        "version": framework.version,
        "index": _num(result.index),
        "index_exact": exact_text(result.exact) if result.exact is not None else None,
        "predikat": result.predikat.name if result.predikat else None,
        "predikat_alias": result.predikat.alias if result.predikat else None,
        "provisional": result.provisional,
        "answered": result.answered,
        "indicator_count": result.indicator_count,
        "rounding": ROUNDING,
        "nodes": [
            {
                "kind": n.kind,
                "number": n.number,
                "name": n.name,
                "weight": round(float(n.weight), 4),
                "weight_exact": exact_text(n.weight),
                "index": _num(n.index),
                "index_exact": exact_text(n.exact) if n.exact is not None else None,
                "predikat": n.predikat.name if n.predikat else None,
                "provisional": n.provisional,
                "answered": n.answered,
                "indicator_count": n.indicator_count,
            }
            for n in result.nodes
        ],
    }


def plan_data(framework: Framework, tree: FrameworkTree, result: Plan, target: Target) -> dict[str, Any]:
    after = round_half_up(result.exact_after)
    band = tree.band_for(Fraction(after))
    return {
        "framework": framework.code,
        "version": framework.version,
        "step_count": result.step_count,
        "steps": [
            {"indicator": s.indicator, "from": _level(s.start), "to": _level(s.end), "steps": s.count}
            for s in result.steps
        ],
        "index_before": float(round_half_up(result.exact_before)),
        "index_after": float(after),
        "predikat_after": band.name if band else None,
        "target_index": float(round_half_up(target.value)),
        "target_predikat": target.band.name if target.band else None,
        "index_max": float(round_half_up(result.exact_max)),
        "assumed_minimum": list(result.assumed_minimum),
        "rounding": ROUNDING,
    }


def _level(value: Fraction) -> int | float:
    return int(value) if value.denominator == 1 else float(value)
