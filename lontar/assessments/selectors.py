"""Reads of frameworks: lists, the full tree with texts, and the plain tree for scoring."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from lontar.assessments.models import (
    Framework,
    FrameworkKind,
    FrameworkNode,
    LevelCriterion,
    NodeKind,
    PredikatBand,
    ScaleLevel,
)
from lontar.assessments.questionnaire import Questionnaire, build_questionnaire
from lontar.assessments.tree import Band, FrameworkTree, Node


def framework_list() -> QuerySet[Framework]:
    """The current version of every weighted-tree framework, with its indicator count."""
    return (
        Framework.objects.filter(is_current=True, kind=FrameworkKind.TREE)
        .annotate(indicator_count=Count("nodes", filter=Q(nodes__kind=NodeKind.INDICATOR)))
        .order_by("code")
    )


def framework_get(code: str) -> Framework:
    """The current version of the framework ``code`` (Http404 when there is none)."""
    return get_object_or_404(Framework, code=code[:40], is_current=True, kind=FrameworkKind.TREE)


def questionnaire_list() -> QuerySet[Framework]:
    """The current version of every questionnaire framework (Indeks KAMI, Monev KIP)."""
    return Framework.objects.filter(is_current=True, kind=FrameworkKind.QUESTIONNAIRE).order_by("code")


def questionnaire_framework_get(code: str, version: str | None = None) -> Framework:
    """The current (or the named) version of the questionnaire framework ``code`` (Http404 when none)."""
    rows = Framework.objects.filter(code=code[:40], kind=FrameworkKind.QUESTIONNAIRE)
    if version:
        return get_object_or_404(rows, version=version[:20])
    return get_object_or_404(rows, is_current=True)


def framework_questionnaire(framework: Framework) -> Questionnaire:
    """The plain questionnaire that ``questionnaire_scoring``, ``kami`` and ``monev`` work on."""
    return build_questionnaire(framework.questionnaire)


def _fraction(value: object) -> Fraction:
    return Fraction(str(value))


def framework_bands(framework: Framework) -> list[PredikatBand]:
    return list(framework.bands.order_by("lower"))


def framework_tree(framework: Framework) -> FrameworkTree:
    """The plain tree that ``scoring`` and ``planner`` work on."""
    rows = list(framework.nodes.order_by("position"))
    children: dict[int | None, list[FrameworkNode]] = {}
    for row in rows:
        children.setdefault(row.parent_id, []).append(row)

    def build(row: FrameworkNode) -> Node:
        return Node(
            kind=row.kind,
            number=row.number,
            name=row.name,
            weight=row.weight,
            children=tuple(build(child) for child in children.get(row.pk, [])),
            external=bool(row.external_source),
        )

    bands = tuple(
        Band(
            name=b.name,
            alias=b.alias,
            lower=_fraction(b.lower),
            upper=_fraction(b.upper) if b.upper is not None else None,
        )
        for b in framework_bands(framework)
    )
    return FrameworkTree(
        code=framework.code,
        level_min=framework.level_min,
        level_max=framework.level_max,
        nodes=tuple(build(row) for row in children.get(None, [])),
        bands=bands,
    )


@dataclass
class LevelView:
    """One level of an indicator: the ladder's name and meaning, and the indicator's own criteria if any."""

    level: int
    name: str
    meaning: str
    criterion: LevelCriterion | None


@dataclass
class NodeView:
    node: FrameworkNode
    children: list[NodeView] = field(default_factory=list)
    levels: list[LevelView] = field(default_factory=list)

    @property
    def is_indicator(self) -> bool:
        return self.node.kind == NodeKind.INDICATOR

    def indicators(self) -> list[NodeView]:
        if self.is_indicator:
            return [self]
        return [ind for child in self.children for ind in child.indicators()]


def framework_outline(framework: Framework) -> list[NodeView]:
    """The whole tree with explanations, level ladders and per-level criteria, in file order."""
    rows = list(framework.nodes.select_related("scale").order_by("position"))
    criteria: dict[int, dict[int, LevelCriterion]] = {}
    for criterion in LevelCriterion.objects.filter(node__framework=framework):
        criteria.setdefault(criterion.node_id, {})[criterion.level] = criterion
    ladders: dict[int, list[ScaleLevel]] = {}
    for level in ScaleLevel.objects.filter(scale__framework=framework).order_by("level"):
        ladders.setdefault(level.scale_id, []).append(level)
    views = {row.pk: NodeView(row) for row in rows}
    roots = []
    for row in rows:
        view = views[row.pk]
        if row.kind == NodeKind.INDICATOR:
            own = criteria.get(row.pk, {})
            view.levels = [
                LevelView(level=lv.level, name=lv.name, meaning=lv.meaning, criterion=own.get(lv.level))
                for lv in ladders.get(row.scale_id or 0, [])
            ]
        if row.parent_id is None:
            roots.append(view)
        else:
            views[row.parent_id].children.append(view)
    return roots


# Reads for other apps (evaluations): they take frameworks from here, never from the models.


def framework_current(code: str) -> Framework | None:
    """The current version of the weighted-tree framework ``code``, or None (questionnaires: ``questionnaire_*``)."""
    return Framework.objects.filter(code=code, is_current=True, kind=FrameworkKind.TREE).first()


def framework_indicators(framework: Framework) -> list[FrameworkNode]:
    """The framework's indicators in outline order."""
    return list(FrameworkNode.objects.filter(framework=framework, kind=NodeKind.INDICATOR).order_by("position"))


def indicator_levels(node: FrameworkNode) -> list[LevelView]:
    """Every level of the indicator's ladder with its own criteria where the framework gives them."""
    criteria = {c.level: c for c in LevelCriterion.objects.filter(node=node)}
    ladder = ScaleLevel.objects.filter(scale_id=node.scale_id).order_by("level") if node.scale_id else []
    return [
        LevelView(level=lv.level, name=lv.name, meaning=lv.meaning, criterion=criteria.get(lv.level)) for lv in ladder
    ]
