"""The validation rules of framework definition files; each problem names what is wrong and where."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.utils.translation import gettext as _

from lontar.assessments.tree import ASPECT, DOMAIN, INDICATOR, KINDS, FrameworkTree, Node, exact_text

HUNDRED = Fraction(100)
FORMAT = 1
CODE_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,38}[a-z0-9]$")
WEIGHT_RE = re.compile(r"^\d{1,6}(\.\d{1,8})?$|^\d{1,8}/[1-9]\d{0,7}$")


def parse_weight(raw: Any) -> Fraction | None:
    """An exact weight from ``"1.30"``, ``"10/3"``, an integer or an exact JSON decimal; None if invalid."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int | Decimal):
        raw = str(raw)
    if not isinstance(raw, str) or not WEIGHT_RE.match(raw.strip()):
        return None
    return Fraction(raw.strip())


def parse_bound(raw: Any) -> Fraction | None:
    if isinstance(raw, bool) or not isinstance(raw, int | Decimal | str):
        return None
    text = str(raw).strip()
    return Fraction(text) if re.fullmatch(r"\d{1,6}(\.\d{1,4})?", text) else None


def kind_label(kind: str) -> str:
    return {DOMAIN: _("domain"), ASPECT: _("aspect"), INDICATOR: _("indicator")}.get(kind, kind)


def node_label(raw: dict[str, Any] | Node) -> str:
    if isinstance(raw, Node):
        kind, number, name = raw.kind, raw.number, raw.name
    else:
        kind, number, name = str(raw.get("kind", "?")), str(raw.get("number", "?")), str(raw.get("name", ""))
    return f"{kind_label(kind)} {number[:20]} “{name[:60]}”"


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _text(value: Any, *, required: bool = False, limit: int = 20000) -> bool:
    if value is None:
        return not required
    return isinstance(value, str) and (bool(value.strip()) or not required) and len(value) <= limit


def check_document(data: dict[str, Any]) -> list[str]:
    """Structure and types. When this returns problems the tree is not built."""
    problems = _check_header(data)
    if problems:
        return problems
    problems += _check_scales(data)
    problems += _check_bands(data)
    nodes = data.get("nodes")
    if not isinstance(nodes, list) or not nodes:
        problems.append(_("“nodes” must be a non-empty list."))
    else:
        for node in nodes:
            problems += _check_node(node, data, parent_kind=None)
    return problems


def _check_header(data: dict[str, Any]) -> list[str]:
    problems = []
    if data.get("format") != FORMAT:
        problems.append(_("“format” must be %(format)d.") % {"format": FORMAT})
    if not isinstance(data.get("code"), str) or not CODE_RE.match(data["code"]):
        problems.append(_("“code” must be 2–40 lower-case letters, digits or hyphens."))
    if not isinstance(data.get("version"), str) or not 0 < len(data["version"].strip()) <= 20:
        problems.append(_("“version” must be a text of 1–20 characters."))
    for key in ("name", "regulation"):
        if not _text(data.get(key), required=True, limit=300):
            problems.append(_("“%(key)s” must be a non-empty text of at most 300 characters.") % {"key": key})
    for key in ("index_name", "description", "notes"):
        if not _text(data.get(key)):
            problems.append(_("“%(key)s” must be a text.") % {"key": key})
    sources = data.get("sources", [])
    if not isinstance(sources, list) or not all(_text(s, required=True, limit=2000) for s in sources):
        problems.append(_("“sources” must be a list of texts."))
    low, high = data.get("level_min"), data.get("level_max")
    if not (
        isinstance(low, int) and isinstance(high, int) and _is_int(low) and _is_int(high) and 0 <= low < high <= 100
    ):
        problems.append(_("“level_min” and “level_max” must be whole numbers with 0 ≤ level_min < level_max ≤ 100."))
    return problems


def _check_scales(data: dict[str, Any]) -> list[str]:
    scales = data.get("scales")
    if not isinstance(scales, dict) or not scales:
        return [_("“scales” must be a non-empty object of level scales.")]
    problems = []
    expected = set(range(data["level_min"], data["level_max"] + 1))
    for code, scale in scales.items():
        levels = scale.get("levels") if isinstance(scale, dict) else None
        if not isinstance(levels, list) or not _text(scale.get("name"), required=True, limit=200):
            problems.append(_("Scale “%(scale)s” needs a name and a list of levels.") % {"scale": code})
            continue
        numbers = [lv.get("level") if isinstance(lv, dict) else None for lv in levels]
        for lv in levels:
            if (
                not isinstance(lv, dict)
                or not _is_int(lv.get("level"))
                or not _text(lv.get("name"), required=True, limit=200)
            ):
                problems.append(
                    _("Scale “%(scale)s”: every level needs a whole-number “level” and a “name”.") % {"scale": code}
                )
                break
            if not all(_text(lv.get(key)) for key in ("meaning", "confidence", "notes", "source")):
                problems.append(
                    _("Scale “%(scale)s”, level %(level)s: text fields must be texts.")
                    % {"scale": code, "level": lv["level"]}
                )
        problems += _level_set_problems(
            _("Scale “%(scale)s”") % {"scale": code}, numbers, expected, data, complete=True
        )
    return problems


def _level_set_problems(
    where: str, numbers: list[Any], expected: set[int], data: dict[str, Any], *, complete: bool
) -> list[str]:
    problems = []
    scale = f"{data['level_min']}–{data['level_max']}"
    for number, count in Counter(n for n in numbers if _is_int(n)).items():
        if number not in expected:
            problems.append(
                _("%(where)s: level %(level)d is outside the scale %(scale)s.")
                % {"where": where, "level": number, "scale": scale}
            )
        if count > 1:
            problems.append(
                _("%(where)s: level %(level)d is given %(count)d times.")
                % {"where": where, "level": number, "count": count}
            )
    if complete:
        for number in sorted(expected - set(numbers)):
            problems.append(_("%(where)s: level %(level)d is missing.") % {"where": where, "level": number})
    return problems


def _check_bands(data: dict[str, Any]) -> list[str]:
    bands = data.get("bands")
    if not isinstance(bands, list) or not bands:
        return [_("“bands” must be a non-empty list of predikat bands.")]
    problems = []
    for band in bands:
        if not isinstance(band, dict) or not _text(band.get("name"), required=True, limit=60):
            problems.append(_("Every predikat band needs a “name” (at most 60 characters)."))
            continue
        if not _text(band.get("alias"), limit=120) or not _text(band.get("notes")) or not _text(band.get("confidence")):
            problems.append(
                _("Predikat band “%(band)s”: alias, notes and confidence must be texts.") % {"band": band["name"]}
            )
        if parse_bound(band.get("lower")) is None:
            problems.append(_("Predikat band “%(band)s”: the lower bound is not a number.") % {"band": band["name"]})
        if band.get("upper") is not None and parse_bound(band.get("upper")) is None:
            problems.append(_("Predikat band “%(band)s”: the upper bound is not a number.") % {"band": band["name"]})
    return problems


def _check_node(raw: Any, data: dict[str, Any], *, parent_kind: str | None) -> list[str]:
    if not isinstance(raw, dict):
        return [_("Every node must be an object.")]
    label = node_label(raw)
    kind = raw.get("kind")
    if kind not in KINDS:
        return [_("%(node)s: “kind” must be one of domain, aspect, indicator.") % {"node": label}]
    problems = _check_node_fields(raw, label, parent_kind)
    if kind == INDICATOR:
        return problems + _check_indicator(raw, data, label)
    children = raw.get("children")
    if not isinstance(children, list) or not children:
        return [*problems, _("%(node)s has no children; only indicators can be leaves.") % {"node": label}]
    if len({c.get("kind") for c in children if isinstance(c, dict)}) > 1:
        problems.append(_("%(node)s mixes children of different kinds.") % {"node": label})
    for child in children:
        problems += _check_node(child, data, parent_kind=kind)
    return problems


def _check_node_fields(raw: dict[str, Any], label: str, parent_kind: str | None) -> list[str]:
    problems = []
    if parent_kind is not None and KINDS.index(raw["kind"]) <= KINDS.index(parent_kind):
        problems.append(
            _("%(node)s cannot be placed under a %(parent)s.") % {"node": label, "parent": kind_label(parent_kind)}
        )
    number = raw.get("number")
    if not (isinstance(number, str) and 0 < len(number) <= 20 and number.strip() == number):
        problems.append(_("%(node)s: “number” must be a text of 1–20 characters.") % {"node": label})
    if not _text(raw.get("name"), required=True, limit=500):
        problems.append(_("%(node)s: “name” must be a non-empty text.") % {"node": label})
    weight = parse_weight(raw.get("weight"))
    if weight is None or weight <= 0:
        problems.append(
            _("%(node)s: the weight “%(weight)s” is not a positive exact number (write “1.30” or “10/3”).")
            % {"node": label, "weight": str(raw.get("weight"))[:30]}
        )
    return problems


def _check_indicator(raw: dict[str, Any], data: dict[str, Any], label: str) -> list[str]:
    problems = []
    if raw.get("children"):
        problems.append(_("%(node)s: an indicator cannot have children.") % {"node": label})
    if raw.get("scale") not in data["scales"]:
        problems.append(
            _("%(node)s: the scale “%(scale)s” is not defined.") % {"node": label, "scale": str(raw.get("scale"))[:40]}
        )
    if not all(_text(raw.get(key)) for key in ("explanation", "guidance", "evidence_guidance", "confidence", "notes")):
        problems.append(_("%(node)s: explanation, guidance and notes must be texts.") % {"node": label})
    if not _text(raw.get("external_source"), limit=300) or not _text(raw.get("external_framework"), limit=40):
        problems.append(_("%(node)s: “external_source” must be a text of at most 300 characters.") % {"node": label})
    levels = raw.get("levels", {})
    if not isinstance(levels, dict):
        return [*problems, _("%(node)s: “levels” must be an object keyed by level.") % {"node": label}]
    numbers: list[Any] = []
    for key, entry in levels.items():
        if not key.isdigit() or len(key) > 3:
            problems.append(_("%(node)s: “%(key)s” is not a level number.") % {"node": label, "key": key[:20]})
            continue
        numbers.append(int(key))
        if (
            not isinstance(entry, dict)
            or not _text(entry.get("criteria"), required=True)
            or not all(_text(entry.get(f)) for f in ("explanation", "evidence", "variant", "confidence", "notes"))
        ):
            problems.append(
                _("%(node)s, level %(level)s: “criteria” must be a non-empty text.") % {"node": label, "level": key}
            )
    expected = set(range(data["level_min"], data["level_max"] + 1))
    return problems + _level_set_problems(label, numbers, expected, data, complete=False)


def check_tree(data: dict[str, Any], tree: FrameworkTree) -> list[str]:
    """Arithmetic and uniqueness: weights add up, numbers are unique, bands cover the scale."""
    problems = []
    top = sum((n.weight for n in tree.nodes), Fraction(0))
    if top != HUNDRED:
        problems.append(_("The weights of the top-level nodes add up to %(sum)s, not 100.") % {"sum": exact_text(top)})
    seen: Counter[tuple[str, str]] = Counter()

    def visit(node: Node) -> None:
        seen[(node.kind, node.number)] += 1
        if node.children:
            total = sum((c.weight for c in node.children), Fraction(0))
            if total != node.weight:
                problems.append(
                    _("%(node)s: its weight %(weight)s is not the sum of its children's weights (%(sum)s).")
                    % {"node": node_label(node), "weight": exact_text(node.weight), "sum": exact_text(total)}
                )
        for child in node.children:
            visit(child)

    for node in tree.nodes:
        visit(node)
    for (kind, number), count in sorted(seen.items()):
        if count > 1:
            problems.append(
                _("%(kind)s number %(number)s is used %(count)d times.")
                % {"kind": kind_label(kind), "number": number, "count": count}
            )
    return problems + check_bands(tree)


def check_bands(tree: FrameworkTree) -> list[str]:
    """Bands sorted by lower bound must run from level_min to level_max with no gap and no overlap."""
    problems = []
    names = Counter(b.name.casefold() for b in tree.bands)
    problems += [_("Predikat band “%(band)s” is defined twice.") % {"band": n} for n, c in names.items() if c > 1]
    bands = tree.bands
    if bands[0].lower != tree.level_min:
        problems.append(
            _("The lowest predikat band “%(band)s” starts at %(lower)s, not at the scale minimum %(min)d.")
            % {"band": bands[0].name, "lower": exact_text(bands[0].lower), "min": tree.level_min}
        )
    for band, following in itertools.pairwise(bands):
        if band.upper is None or band.upper > following.lower:
            problems.append(_("Predikat bands “%(a)s” and “%(b)s” overlap.") % {"a": band.name, "b": following.name})
        elif band.upper < following.lower:
            problems.append(
                _("There is a gap between predikat bands “%(a)s” (up to %(upper)s) and “%(b)s” (from %(lower)s).")
                % {
                    "a": band.name,
                    "upper": exact_text(band.upper),
                    "b": following.name,
                    "lower": exact_text(following.lower),
                }
            )
    for band in bands:
        if band.upper is not None and band.upper <= band.lower:
            problems.append(
                _("Predikat band “%(band)s”: the upper bound must be above the lower bound.") % {"band": band.name}
            )
    if bands[-1].upper is not None or bands[-1].lower > tree.level_max:
        problems.append(
            _("The highest predikat band “%(band)s” must have no upper bound (it runs up to and including %(max)d).")
            % {"band": bands[-1].name, "max": tree.level_max}
        )
    return problems
