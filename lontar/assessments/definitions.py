"""Framework definition files: read, validate, and turn into a plain tree. No database.

A definition is one JSON file (format 1, see ``frameworks/README.md``). :func:`read_definition`
returns a :class:`Definition` or raises :class:`DefinitionError` listing every problem found,
each naming the offending node, band or level.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from lontar.assessments import definition_checks as checks
from lontar.assessments import questionnaire_checks
from lontar.assessments.definition_checks import parse_bound, parse_weight
from lontar.assessments.questionnaire import Questionnaire, build_questionnaire
from lontar.assessments.tree import Band, FrameworkTree, Node

MAX_FILE_BYTES = 5 * 1024 * 1024
#: the definition files shipped with Lontar, one per framework version
FRAMEWORKS_DIR = Path(__file__).resolve().parent / "frameworks"


class DefinitionError(ValueError):
    """A definition file that cannot be loaded; ``problems`` lists every reason."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        super().__init__(f"{source}: " + "; ".join(problems))


@dataclass(frozen=True)
class Definition:
    """A validated definition: the raw document plus its exact tree."""

    data: dict[str, Any]
    tree: FrameworkTree
    checksum: str
    #: format 2 (Indeks KAMI, Monev KIP): the questionnaire; the tree is then empty
    questionnaire: Questionnaire | None = None

    @property
    def is_questionnaire(self) -> bool:
        return self.questionnaire is not None

    @property
    def code(self) -> str:
        return self.data["code"]

    @property
    def version(self) -> str:
        return str(self.data["version"])


def read_definition(path: Path) -> Definition:
    """Read and validate one definition file."""
    source = path.name
    try:
        raw_bytes = path.read_bytes()
    except OSError as exc:
        raise DefinitionError(source, [_("The file cannot be read: %(error)s") % {"error": exc.strerror}]) from exc
    return parse_definition(raw_bytes, source=source)


def parse_definition(raw_bytes: bytes, *, source: str) -> Definition:
    if len(raw_bytes) > MAX_FILE_BYTES:
        raise DefinitionError(source, [_("The file is larger than %(size)d MB.") % {"size": MAX_FILE_BYTES // 2**20}])
    try:
        data = json.loads(raw_bytes.decode("utf-8"), parse_float=Decimal)
    except UnicodeDecodeError as exc:
        raise DefinitionError(source, [_("The file is not UTF-8 text.")]) from exc
    except json.JSONDecodeError as exc:
        raise DefinitionError(
            source,
            [
                _("Not valid JSON at line %(line)d, column %(col)d: %(msg)s")
                % {"line": exc.lineno, "col": exc.colno, "msg": exc.msg}
            ],
        ) from exc
    if not isinstance(data, dict):
        raise DefinitionError(source, [_("The file must hold one JSON object.")])
    if data.get("kind") == "questionnaire":
        return questionnaire_definition(data, raw_bytes, source=source)
    problems = checks.check_document(data)
    if problems:
        raise DefinitionError(source, problems)
    tree = build_tree(data)
    problems = checks.check_tree(data, tree)
    if problems:
        raise DefinitionError(source, problems)
    return Definition(data=data, tree=tree, checksum=hashlib.sha256(raw_bytes).hexdigest())


def questionnaire_definition(data: dict[str, Any], raw_bytes: bytes, *, source: str) -> Definition:
    """A format-2 (questionnaire) definition, or DefinitionError listing every problem."""
    problems = questionnaire_checks.check_questionnaire(data)
    if problems:
        raise DefinitionError(source, problems)
    questionnaire = build_questionnaire(data)
    tree = FrameworkTree(
        code=data["code"], level_min=int(questionnaire.score_min), level_max=int(questionnaire.score_max), nodes=()
    )
    return Definition(data=data, tree=tree, checksum=hashlib.sha256(raw_bytes).hexdigest(), questionnaire=questionnaire)


def _node(raw: dict[str, Any]) -> Node:
    return Node(
        kind=raw["kind"],
        number=str(raw["number"]),
        name=raw["name"],
        weight=parse_weight(raw["weight"]) or Fraction(0),
        children=tuple(_node(child) for child in raw.get("children", [])),
        external=bool(raw.get("external_source")),
    )


def build_tree(data: dict[str, Any]) -> FrameworkTree:
    """The plain tree of an already structurally checked document."""
    bands = tuple(
        Band(
            name=b["name"],
            alias=b.get("alias") or "",
            lower=parse_bound(b["lower"]) or Fraction(0),
            upper=parse_bound(b["upper"]) if b.get("upper") is not None else None,
        )
        for b in sorted(data["bands"], key=lambda b: parse_bound(b["lower"]) or Fraction(0))
    )
    return FrameworkTree(
        code=data["code"],
        level_min=data["level_min"],
        level_max=data["level_max"],
        nodes=tuple(_node(n) for n in data["nodes"]),
        bands=bands,
    )
