"""One indicator as the person choosing its level sees it: texts, the ladder and the criteria per level."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lontar.assessments.models import FrameworkNode
from lontar.assessments.tree import FrameworkTree, Node
from lontar.evaluations.selectors.results import IndicatorRow, NodeRow


@dataclass
class Section:
    """Indicators sharing a parent, with the headings (domain, aspect) that open before them."""

    headings: list[tuple[int, NodeRow]]
    parent: Node | None = None
    rows: list[IndicatorRow] = field(default_factory=list)


def sections(tree: FrameworkTree, nodes: list[NodeRow], rows: list[IndicatorRow], top: int = 3) -> list[Section]:
    """Flatten the tree into runs of sibling indicators (headings from ``<h{top}>``, at most h6)."""
    node_rows = {(n.kind, n.number): n for n in nodes}
    by_number = {row.number: row for row in rows}
    out: list[Section] = []

    def visit(node: Node, depth: int, pending: list[tuple[int, NodeRow]], parent: Node | None) -> list:
        if node.is_indicator:
            if not out or pending or out[-1].parent is not parent:
                out.append(Section(headings=pending, parent=parent))
                pending = []
            if node.number in by_number:
                out[-1].rows.append(by_number[node.number])
            return pending
        pending = [*pending, (min(depth + top, 6), node_rows[(node.kind, node.number)])]
        for child in node.children:
            pending = visit(child, depth + 1, pending, node)
        return pending

    for root in tree.nodes:
        visit(root, 0, [], None)
    return out


def linked_result(submission: Any, node: FrameworkNode) -> Any:
    """For an indicator taken from another index that Lontar also evaluates (e.g. EPSS): the organisation's
    latest final result under that framework, or None."""
    if not node.external_framework:
        return None
    from lontar.evaluations.models import Submission

    return (
        Submission.objects.filter(
            organisation_id=submission.organisation_id,
            cycle__framework__code=node.external_framework,
            state="final",
        )
        .select_related("cycle")
        .order_by("-cycle__year")
        .first()
    )


def neighbours(numbers: list[str], number: str) -> tuple[str | None, str | None]:
    """The indicator numbers before and after ``number`` in tree order."""
    if number not in numbers:
        return None, None
    i = numbers.index(number)
    return (numbers[i - 1] if i else None), (numbers[i + 1] if i + 1 < len(numbers) else None)
