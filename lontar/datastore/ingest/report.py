"""The validation report of one load: a dataclass that round-trips through JSON.

Row numbers are the rows of the file as a spreadsheet shows them: the header row and any title
rows above it count, so the first data row under a header in row 1 is row 2.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from lontar.datastore.ingest.errors import Issue

#: how many row numbers and examples a report lists per problem
ROW_CAP = 20
EXAMPLE_CAP = 5


@dataclass
class ColumnReport:
    name: str
    label: str
    type: str
    inferred_type: str
    number_format: str = ""
    missing: int = 0
    filled: int = 0
    max_length: int = 0
    examples: list[str] = field(default_factory=list)
    indexed: bool = False
    #: values that do not parse as ``type`` (they are stored as empty)
    invalid: int = 0
    invalid_rows: list[int] = field(default_factory=list)
    invalid_examples: list[str] = field(default_factory=list)
    #: region-code columns: values that are not real Kemendagri codes
    unknown_regions: int = 0
    unknown_region_rows: list[int] = field(default_factory=list)
    unknown_region_examples: list[str] = field(default_factory=list)
    ambiguous_examples: list[str] = field(default_factory=list)
    #: region columns: code system, level, matches, conflicts (``RegionColumn.as_report``)
    region: dict[str, Any] = field(default_factory=dict)
    #: values of this column that mark a total or subtotal row
    total_values: list[str] = field(default_factory=list)
    #: a column added by the load: the column it was derived from ("" for the file's own)
    derived_from: str = ""
    #: "region_code" (derived Kemendagri codes), "total_flag" (the total-row flag), "marks" (the
    #: marks of a number column) or "" (a file column, or a column of a table written long)
    role: str = ""
    #: number columns: cells per missing-value mark or footnote marker ("-": 2, "*": 1)
    marks: dict[str, int] = field(default_factory=dict)


@dataclass
class ValidationReport:
    source_format: str = ""
    encoding: str = ""
    delimiter: str = ""
    sheet: str = ""
    sheets: list[str] = field(default_factory=list)
    header_row: int = 0
    skipped_footer_rows: int = 0
    row_count: int = 0
    columns: list[ColumnReport] = field(default_factory=list)
    duplicate_rows: int = 0
    duplicate_first_rows: list[int] = field(default_factory=list)
    ragged_rows: int = 0
    ragged_first_rows: list[int] = field(default_factory=list)
    #: rows flagged as totals or subtotals (kept, left out of charts and sums)
    total_rows: int = 0
    total_first_rows: list[int] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    #: the table's layout in the file: title, header rows, column-number row, notes, source,
    #: dropped columns, and the long form offered or chosen (``layout.Layout.as_report``)
    layout: dict[str, Any] = field(default_factory=dict)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "warning"]

    @property
    def has_errors(self) -> bool:
        return bool(self.errors)

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["issues"] = [i.as_dict() for i in self.issues]
        data["missing_values"] = {c.name: c.missing for c in self.columns}
        data["error_count"] = len(self.errors)
        data["warning_count"] = len(self.warnings)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> ValidationReport:
        if not data:
            return cls()
        known = {f for f in cls.__dataclass_fields__}
        values = {k: v for k, v in data.items() if k in known and k not in ("columns", "issues")}
        column_fields = set(ColumnReport.__dataclass_fields__)
        columns = [ColumnReport(**{k: v for k, v in c.items() if k in column_fields}) for c in data.get("columns", [])]
        issues = [Issue.from_dict(i) for i in data.get("issues", [])]
        return cls(**values, columns=columns, issues=issues)
