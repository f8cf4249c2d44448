"""The columns of the table written, when they differ from the file's: mark columns and long form.

* A number column whose cells carry marks ("-" nil, "…" not available, "230.040*" revised)
  gets a ``<name>_catatan`` text column right after it holding each cell's mark, so "-" and "…"
  stay distinguishable once both are empty numbers.
* A table with years (or months, or the categories under one group label) as columns can be
  written long: one row per region and year, ``(kabupaten_kota, tahun, nilai)``. The file itself
  is kept as uploaded, so the original layout stays downloadable.

:func:`find_wide` and :class:`Arrangement` are pure; the pipeline asks the arrangement for the
written columns (before loading) and for each chunk's arrays (while loading).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from lontar.datastore.ingest.convert import ColumnSpec, Converted
from lontar.datastore.ingest.layout import PARENTHESES_RE, YEAR_RE
from lontar.datastore.ingest.names import column_names
from lontar.datastore.ingest.report import ColumnReport
from lontar.datastore.ingest.types import MONTHS, ColumnType

NUMBER_TYPES = (ColumnType.INTEGER.value, ColumnType.DECIMAL.value)
MARK_SUFFIX = "_catatan"


@dataclass(frozen=True)
class Wide:
    """Columns that are values of one variable (years, months, categories of a group label)."""

    columns: tuple[int, ...]
    variable: str
    variable_label: str
    variable_type: str
    #: the variable's value for each column in ``columns``
    values: tuple[Any, ...]
    value_name: str
    value_label: str

    def as_report(self, names: Sequence[str]) -> dict[str, Any]:
        return {
            "columns": [names[i] for i in self.columns],
            "variable": self.variable,
            "variable_type": self.variable_type,
            "values": list(self.values),
            "value": self.value_name,
        }


def _parts(label: str) -> tuple[str, str]:
    """(group, own label) of a combined header label "Group - own"."""
    group, sep, own = label.rpartition(" - ")
    return (group, own) if sep else ("", label)


def find_wide(labels: Sequence[str], types: Sequence[str]) -> Wide | None:
    """Number columns whose headers are years, months, or labels under one group (at least two)."""
    parts = [_parts(label) for label in labels]
    numeric = [i for i, kind in enumerate(types) if kind in NUMBER_TYPES]
    years = [i for i in numeric if YEAR_RE.match(parts[i][1].strip())]
    months = [i for i in numeric if parts[i][1].strip().lower().rstrip(".") in MONTHS]
    groups: dict[str, list[int]] = {}
    for i in numeric:
        if parts[i][0]:
            groups.setdefault(parts[i][0], []).append(i)
    group, grouped = max(groups.items(), key=lambda item: len(item[1]), default=("", []))
    if len(years) >= 2:
        chosen, variable, label, kind = years, "tahun", "Tahun", ColumnType.INTEGER.value
        values: list[Any] = [int(parts[i][1]) for i in years]
    elif len(months) >= 2:
        chosen, variable, label, kind = months, "bulan", "Bulan", ColumnType.TEXT.value
        values = [parts[i][1].strip() for i in months]
    elif len(grouped) >= 2:
        chosen, variable, label, kind = grouped, "kategori", "Kategori", ColumnType.TEXT.value
        values = [parts[i][1].strip() for i in grouped]
    else:
        return None
    shared = {parts[i][0] for i in chosen}
    value_label = group if len(shared) == 1 and group in shared else (shared.pop() if len(shared) == 1 else "")
    value_name = PARENTHESES_RE.sub("", value_label).strip() or "nilai"
    return Wide(tuple(chosen), variable, label, kind, tuple(values), value_name, value_label or "Nilai")


@dataclass
class Arrangement:
    """How the converted file columns become the written columns."""

    specs: list[ColumnSpec]
    marked: set[int] = field(default_factory=set)
    wide: Wide | None = None
    #: the name of each mark column (unique among the file's names)
    mark_names: dict[int, str] = field(default_factory=dict)

    @classmethod
    def of(cls, specs: list[ColumnSpec], marked: Sequence[bool], long: bool) -> Arrangement:
        marks = {i for i, (s, m) in enumerate(zip(specs, marked, strict=True)) if m and s.type in NUMBER_TYPES}
        wide = find_wide([s.label for s in specs], [s.type for s in specs]) if long else None
        taken = [s.name for s in specs]
        unique = column_names([*taken, *(f"{specs[i].name}{MARK_SUFFIX}" for i in sorted(marks))])
        names = dict(zip(sorted(marks), unique[len(taken) :], strict=True))
        return cls(specs, marks, wide, names)

    @property
    def repeat(self) -> int:
        """Written rows per record of the file."""
        return len(self.wide.columns) if self.wide else 1

    def _kept(self) -> list[int]:
        melted = set(self.wide.columns) if self.wide else set()
        return [i for i in range(len(self.specs)) if i not in melted]

    def _long_names(self) -> tuple[str, str]:
        assert self.wide is not None
        taken = [self.specs[i].name for i in self._kept()]
        names = column_names([*taken, self.wide.variable, self.wide.value_name])
        return names[-2], names[-1]

    def written(self) -> list[ColumnSpec]:
        """The written file columns (before the region work's derived ones)."""
        out: list[ColumnSpec] = []
        for i in self._kept():
            out.append(self.specs[i])
            if i in self.marked:
                out.append(_mark_spec(self.specs[i], self.mark_names.get(i, "")))
        if self.wide is not None:
            variable, value = self._long_names()
            kinds = {self.specs[i].type for i in self.wide.columns}
            kind = ColumnType.DECIMAL.value if ColumnType.DECIMAL.value in kinds else ColumnType.INTEGER.value
            fmt = self.specs[self.wide.columns[0]].number_format
            out.append(ColumnSpec(variable, self.wide.variable_label, self.wide.variable_type))
            out.append(ColumnSpec(value, self.wide.value_label, kind, fmt))
            if self.marked & set(self.wide.columns):
                out.append(_mark_spec(out[-1]))
        return out

    def arrays(self, converted: list[Converted], derived: list[pa.Array]) -> list[pa.Array]:
        """One chunk's written arrays: file columns (with marks), long columns, derived ones."""
        size = len(converted[0].values) if converted else 0
        out: list[pa.Array] = []
        for i in self._kept():
            out.append(converted[i].values)
            if i in self.marked:
                out.append(_marks(converted[i], size))
        if self.wide is None:
            return out + derived
        k = len(self.wide.columns)
        record = pa.array([r for r in range(size) for _ in range(k)], type=pa.int64())
        out = [pc.take(a, record) for a in out]
        position = pa.array([j * size + r for r in range(size) for j in range(k)], type=pa.int64())
        variable = pa.array(list(self.wide.values) * size)
        melted = [converted[i] for i in self.wide.columns]
        kinds = [c.values.type for c in melted]
        kind = next((t for t in kinds if pa.types.is_string(t)), None) or next(
            (t for t in kinds if pa.types.is_floating(t)), kinds[0]
        )
        values = pa.concat_arrays([c.values.cast(kind) for c in melted])
        out += [variable, pc.take(values, position)]
        if self.marked & set(self.wide.columns):
            out.append(pc.take(pa.concat_arrays([_marks(c, size) for c in melted]), position))
        return out + [pc.take(a, record) for a in derived]

    def report(
        self, columns: list[ColumnReport], derived: list[ColumnReport], marks: list[dict[str, int]]
    ) -> list[ColumnReport]:
        """The report's columns in the written order (``columns``: one per file column)."""
        out: list[ColumnReport] = []
        for i in self._kept():
            out.append(columns[i])
            if i in self.marked:
                out.append(_mark_report(columns[i], marks[i], self.mark_names.get(i, "")))
        if self.wide is not None:
            specs = self.written()
            tail = specs[len(out) :]
            melted = [columns[i] for i in self.wide.columns]
            melted_names = ", ".join(c.name for c in melted)
            filled = sum(c.filled for c in melted)
            out.append(
                ColumnReport(
                    name=tail[0].name,
                    label=tail[0].label,
                    type=tail[0].type,
                    inferred_type=tail[0].type,
                    filled=filled + sum(c.missing for c in melted),
                    examples=[str(v) for v in self.wide.values[:3]],
                    indexed=True,
                    derived_from=melted_names,
                )
            )
            value = ColumnReport(
                name=tail[1].name,
                label=tail[1].label,
                type=tail[1].type,
                inferred_type=tail[1].type,
                number_format=tail[1].number_format,
                missing=sum(c.missing for c in melted),
                filled=filled,
                examples=[e for c in melted for e in c.examples][:3],
                indexed=True,
                invalid=sum(c.invalid for c in melted),
                derived_from=melted_names,
            )
            out.append(value)
            if len(tail) > 2:
                merged: dict[str, int] = {}
                for i in self.wide.columns:
                    for mark, count in marks[i].items():
                        merged[mark] = merged.get(mark, 0) + count
                value.marks = merged
                out.append(_mark_report(value, merged, tail[2].name))
        return out + derived


def _mark_spec(spec: ColumnSpec, name: str = "") -> ColumnSpec:
    return ColumnSpec(name or f"{spec.name}{MARK_SUFFIX}"[:63], f"{spec.label} (catatan)", ColumnType.TEXT.value)


def _marks(result: Converted, size: int) -> pa.Array:
    return result.marks if result.marks is not None else pa.nulls(size, type=pa.string())


def _mark_report(column: ColumnReport, marks: dict[str, int], name: str = "") -> ColumnReport:
    count = sum(marks.values())
    return ColumnReport(
        name=name or f"{column.name}{MARK_SUFFIX}"[:63],
        label=f"{column.label} (catatan)",
        type=ColumnType.TEXT.value,
        inferred_type=ColumnType.TEXT.value,
        missing=column.missing + column.filled - count,
        filled=count,
        examples=sorted(marks, key=lambda m: -marks[m])[:3],
        derived_from=column.name,
        role="marks",
    )


def count_marks(tally: dict[str, int], result: Converted) -> None:
    """Add one chunk's marks to ``tally`` (mark -> cells)."""
    if result.marks is None:
        return
    counts = pc.value_counts(pc.drop_null(result.marks)).to_pylist()
    for item in counts:
        tally[item["values"]] = tally.get(item["values"], 0) + int(item["counts"])


def mark_kinds(marks: dict[str, int]) -> list[str]:
    """Marks shown in a message, most frequent first."""
    return [m for m, _count in sorted(marks.items(), key=lambda item: -item[1])]
