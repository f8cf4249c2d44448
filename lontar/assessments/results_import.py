"""Reading a CSV of official published results: every row checked, every problem reported with its line.

Columns: ``instansi`` (Kemendagri region code of the instansi such as ``53.14``, an organisation
slug, or ``nasional`` for the national average), ``framework`` (code), ``year``, ``index`` (at
most two decimals), ``predikat`` (must be the band of the index in that framework), ``source``;
optional ``nama`` (for readers; not used), ``notes``, ``is_sample`` (``ya``/``true``/``1``).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from lontar.assessments.models import ResultAggregate
from lontar.assessments.selectors import framework_list, framework_tree
from lontar.assessments.tree import FrameworkTree
from lontar.organisations.models import Organisation, OrganisationKind
from lontar.organisations.selectors import organisation_list

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
MAX_PROBLEMS = 50
REQUIRED = ("instansi", "framework", "year", "index", "predikat", "source")
NATIONAL = "nasional"
DEFAULT_FILE = Path(__file__).resolve().parent / "data" / "published_results.csv"
INDEX_RE = re.compile(r"^\d{1,3}([.,]\d{1,2})?$")


class ResultsFileError(ValueError):
    def __init__(self, problems: list[str]) -> None:
        self.problems = problems[:MAX_PROBLEMS]
        super().__init__("; ".join(self.problems))


@dataclass(frozen=True)
class ResultRow:
    line: int
    framework_code: str
    organisation: Organisation | None
    aggregate: str
    year: int
    index: Decimal
    predikat: str
    source: str
    notes: str
    is_sample: bool

    @property
    def key(self) -> tuple[str, int | None, str, int]:
        return (self.framework_code, self.organisation.pk if self.organisation else None, self.aggregate, self.year)


def _decode(raw: bytes) -> str:
    if len(raw) > MAX_BYTES:
        raise ResultsFileError([_("The file is larger than %(size)d MB.") % {"size": MAX_BYTES // 2**20}])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ResultsFileError([_("The file is not UTF-8 text (save it as “CSV UTF-8”).")]) from exc


class _Lookups:
    """Frameworks and instansi, read once per file."""

    def __init__(self) -> None:
        self.trees: dict[str, FrameworkTree] = {f.code: framework_tree(f) for f in framework_list()}
        instansi = organisation_list(kind=OrganisationKind.INSTANSI)
        self.by_slug = {o.slug: o for o in instansi}
        self.by_region = {o.region_id: o for o in instansi}

    def subject(self, value: str) -> tuple[Organisation | None, str] | None:
        if value.casefold() == NATIONAL:
            return None, ResultAggregate.NATIONAL_AVERAGE
        found = self.by_region.get(value) or self.by_slug.get(value)
        return (found, "") if found else None


def read_results(raw: bytes) -> list[ResultRow]:
    """Parse and check a whole file; raise :class:`ResultsFileError` listing every problem."""
    reader = csv.DictReader(io.StringIO(_decode(raw), newline=""))
    missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
    if missing:
        raise ResultsFileError([_("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)}])
    lookups = _Lookups()
    rows: list[ResultRow] = []
    problems: list[str] = []
    seen: dict[tuple, int] = {}
    try:
        for record in reader:
            if len(rows) + len(problems) >= MAX_ROWS:
                raise ResultsFileError([_("The file has more than %(rows)d rows.") % {"rows": MAX_ROWS}])
            row, row_problems = _check_row(reader.line_num, record, lookups)
            problems += row_problems
            if row is not None:
                if row.key in seen:
                    problems.append(
                        _("Line %(line)d repeats line %(first)d.") % {"line": row.line, "first": seen[row.key]}
                    )
                seen.setdefault(row.key, row.line)
                rows.append(row)
    except csv.Error as exc:
        raise ResultsFileError(
            [_("Line %(line)d: not valid CSV (%(error)s).") % {"line": reader.line_num, "error": exc}]
        ) from exc
    if problems:
        raise ResultsFileError(problems)
    if not rows:
        raise ResultsFileError([_("The file has no rows.")])
    return rows


def _text(record: dict[str, Any], key: str) -> str:
    value = record.get(key)
    return value.strip() if isinstance(value, str) else ""


def _check_row(line: int, record: dict[str, Any], lookups: _Lookups) -> tuple[ResultRow | None, list[str]]:
    problems: list[str] = []

    def problem(message: str) -> None:
        problems.append(_("Line %(line)d: %(problem)s") % {"line": line, "problem": message})

    subject = lookups.subject(_text(record, "instansi")[:120])
    if subject is None:
        problem(
            _("unknown instansi “%(value)s” (use a Kemendagri code such as 53.14, or “nasional”).")
            % {"value": _text(record, "instansi")[:40]}
        )
    tree = lookups.trees.get(_text(record, "framework")[:40])
    if tree is None:
        problem(_("unknown framework “%(value)s”.") % {"value": _text(record, "framework")[:40]})
    year = _text(record, "year")
    if not (year.isdigit() and len(year) == 4 and 2000 <= int(year) <= 2100):
        problem(_("the year “%(value)s” is not a year between 2000 and 2100.") % {"value": year[:20]})
    index = _index(_text(record, "index"))
    if index is None:
        problem(
            _("the index “%(value)s” is not a number with at most two decimals.")
            % {"value": _text(record, "index")[:20]}
        )
    source = _text(record, "source")
    if not source or len(source) > 500:
        problem(_("the source is required (at most 500 characters)."))
    predikat = (
        _predikat(tree, index, _text(record, "predikat"), problem) if tree is not None and index is not None else ""
    )
    if problems or subject is None or tree is None or index is None:
        return None, problems
    return (
        ResultRow(
            line=line,
            framework_code=tree.code,
            organisation=subject[0],
            aggregate=subject[1],
            year=int(year),
            index=index,
            predikat=predikat,
            source=source,
            notes=_text(record, "notes")[:2000],
            is_sample=_text(record, "is_sample").casefold() in {"ya", "true", "1", "yes"},
        ),
        [],
    )


def _index(value: str) -> Decimal | None:
    if not INDEX_RE.match(value):
        return None
    try:
        return Decimal(value.replace(",", ".")).quantize(Decimal("0.01"))
    except InvalidOperation:
        return None


def _predikat(tree: FrameworkTree, index: Decimal, given: str, problem: Any) -> str:
    """The canonical band name; a problem when the index is outside the scale or the predikat disagrees."""
    if not tree.level_min <= index <= tree.level_max:
        problem(
            _("the index %(index)s is outside the scale %(min)d–%(max)d.")
            % {"index": index, "min": tree.level_min, "max": tree.level_max}
        )
        return ""
    band = tree.band_for(Fraction(index))
    named = tree.band_named(given[:60])
    if named is None or band is None or named.name != band.name:
        problem(
            _("the predikat “%(given)s” does not match the index %(index)s, which is “%(band)s” in %(framework)s.")
            % {"given": given[:60], "index": index, "band": band.name if band else "—", "framework": tree.code}
        )
        return ""
    return band.name
