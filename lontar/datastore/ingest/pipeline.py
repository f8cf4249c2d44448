"""Two streamed passes over a source: profile every value, then convert and hand rows to a sink.

Pass 1 decides each column's type from all of its values (and finds ragged rows, which stop the
load). Pass 2 converts chunk by chunk, checks region codes and duplicates, and passes plain
row tuples to ``sink``; memory stays flat apart from one 8-byte hash per row for duplicates.
"""

from __future__ import annotations

import bisect
import queue
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from lontar.datastore.ingest import region_columns as rc
from lontar.datastore.ingest import regions as rg
from lontar.datastore.ingest import reshape
from lontar.datastore.ingest.convert import ColumnSpec, Converted, Options, convert
from lontar.datastore.ingest.errors import IngestError, Issue
from lontar.datastore.ingest.inference import SHORT_TEXT, ColumnProfile, Inference, decide
from lontar.datastore.ingest.layout import HEAD_ROWS, MAX_HEADER_ROWS, Manual
from lontar.datastore.ingest.names import column_names
from lontar.datastore.ingest.report import EXAMPLE_CAP, ROW_CAP, ColumnReport, ValidationReport
from lontar.datastore.ingest.sources import Batch, Source
from lontar.datastore.ingest.types import NUMBER_FORMATS, ColumnType

Progress = Callable[[str, int, int], None]
Sink = Callable[[list[tuple[Any, ...]]], None]
#: the key of the layout choices among the column overrides (no column name starts with "_")
LAYOUT_KEY = "_layout"
INDEXED_TYPES = frozenset({ColumnType.INTEGER, ColumnType.DECIMAL, ColumnType.DATE, ColumnType.REGION})


def _no_progress(phase: str, done: int, total: int) -> None:
    return None


@dataclass
class Plan:
    source: Source
    profiles: list[ColumnProfile]
    inferences: list[Inference]
    specs: list[ColumnSpec]
    report: ValidationReport
    known_regions: pa.Array
    row_count: int = 0
    #: region columns and total rows (None when no reference list of regions was given)
    scan: rc.RegionScan | None = None
    gazetteer: rg.Gazetteer | None = None
    regions: rc.Decision = field(default_factory=rc.Decision)
    #: write a table with years (months, categories) as columns long (reviewer's choice)
    long: bool = False

    @property
    def arrangement(self) -> reshape.Arrangement:
        """Mark columns after marked number columns; the long form when chosen."""
        return reshape.Arrangement.of(self.specs, [i.marked for i in self.inferences], self.long)

    @property
    def derived(self) -> list[ColumnSpec]:
        """Columns added to the file's: Kemendagri codes of region columns, the total-row flag."""
        out = []
        for index in sorted(self.regions.regions):
            column = self.regions.regions[index]
            if column.derived_name:
                label = f"{self.specs[index].label} (kode Kemendagri)"
                out.append(ColumnSpec(column.derived_name, label, ColumnType.REGION.value))
        if self.regions.total_name:
            out.append(ColumnSpec(self.regions.total_name, "baris total", ColumnType.BOOLEAN.value))
        return out

    @property
    def all_specs(self) -> list[ColumnSpec]:
        """The columns of the table written: the file's (with mark columns, or long), then the
        derived ones."""
        return [*self.arrangement.written(), *self.derived]


def profile(
    source: Source,
    *,
    known_regions: pa.Array,
    progress: Progress = _no_progress,
    gazetteer: rg.Gazetteer | None = None,
) -> Plan:
    """Pass 1: read every value once and infer the column types (and, given the reference list
    of regions, the region columns and total rows)."""
    profiles = [ColumnProfile(known_regions=known_regions) for _ in source.labels]
    scan = rc.RegionScan(len(source.labels)) if gazetteer is not None else None
    rows = 0
    for batch in source.batches():
        for column_profile, values in zip(profiles, batch.columns, strict=True):
            column_profile.feed(values)
        if scan is not None:
            scan.feed(batch.columns)
        rows += batch.size
        progress("reading", rows, max(rows, source.rows_estimate))
    names = column_names(source.name_labels or source.labels)
    inferences = [
        decide(p, number_hint=h) for p, h in zip(profiles, source.number_hints or [""] * len(profiles), strict=True)
    ]
    specs = [
        ColumnSpec(n, label, i.type.value, i.number_format)
        for n, label, i in zip(names, source.labels, inferences, strict=True)
    ]
    report = _base_report(source, rows)
    plan = Plan(source, profiles, inferences, specs, report, known_regions, rows, scan, gazetteer)
    if scan is not None and gazetteer is not None:
        plan.regions = rc.decide(source.labels, names, scan, gazetteer)
        _region_types(plan)
    if source.ragged_count:
        _fail_ragged(plan)
    if rows == 0:
        raise IngestError("header_only", report=report)
    return plan


def _base_report(source: Source, rows: int) -> ValidationReport:
    return ValidationReport(
        source_format=source.format,
        encoding=source.encoding,
        delimiter=source.delimiter,
        sheet=source.sheet,
        sheets=list(source.sheets),
        header_row=source.header_row,
        skipped_footer_rows=source.skipped_footer_rows,
        row_count=rows,
        layout=dict(source.layout),
    )


def _region_types(plan: Plan) -> None:
    """Columns of region codes are typed region (whatever their digits looked like)."""
    for index, column in plan.regions.regions.items():
        old = plan.specs[index]
        if column.system != "name" and old.type != ColumnType.REGION:
            plan.specs[index] = ColumnSpec(old.name, old.label, ColumnType.REGION.value, "")
            plan.inferences[index] = Inference(ColumnType.REGION)


def _fail_ragged(plan: Plan) -> None:
    source = plan.source
    source.find_ragged_rows()
    report = plan.report
    report.ragged_rows = source.ragged_count
    report.ragged_first_rows = list(source.ragged_rows)
    for row, width in zip(source.ragged_rows, source.ragged_widths, strict=False):
        report.issues.append(
            Issue("ragged_row", "error", params={"row": row, "found": width, "expected": len(source.labels)})
        )
    delimiter = _delimiter_label(source.delimiter)
    if source.mixed:
        shown = [delimiter, *(_delimiter_label(d) for d in source.mixed)]
        report.issues.insert(0, Issue("mixed_delimiters", "error", params={"delimiters": shown}))
    raise IngestError(
        "ragged_rows",
        report=report,
        count=source.ragged_count,
        expected=len(source.labels),
        rows=source.ragged_rows,
        delimiter=delimiter,
    )


def _delimiter_label(delimiter: str) -> str:
    return {"\t": "tab", "": "-"}.get(delimiter, f"'{delimiter}'")


def layout_detection(overrides: Mapping[str, Any] | None) -> bool:
    """Whether the reviewer left table layout detection on (``{"_layout": {"detect": false}}``)."""
    choices = (overrides or {}).get(LAYOUT_KEY)
    return not (isinstance(choices, Mapping) and choices.get("detect") is False)


def layout_manual(overrides: Mapping[str, Any] | None) -> Manual | None:
    """The reviewer's header rows and first data row (``{"_layout": {"header_rows": [3, 4],
    "data_row": 6}}``), None when the layout is to be found."""
    choices = (overrides or {}).get(LAYOUT_KEY)
    if not isinstance(choices, Mapping) or not choices.get("header_rows") or not choices.get("data_row"):
        return None
    try:
        rows = tuple(int(r) for r in choices["header_rows"])
        return Manual(rows, int(choices["data_row"]))
    except (TypeError, ValueError) as exc:
        raise IngestError("layout_manual_invalid", rows=HEAD_ROWS, limit=MAX_HEADER_ROWS) from exc


def apply_overrides(plan: Plan, overrides: Mapping[str, Any] | None) -> None:
    """Replace inferred types by the reviewer's choices: ``{"col": "decimal"}`` or
    ``{"col": {"type": "decimal", "number_format": "en"}}``; ``"code_system"`` (kemendagri,
    bps, name or none) says how a column names regions, ``"totals": false`` that its values
    mark no total rows."""
    if not overrides:
        return
    by_name = {s.name: i for i, s in enumerate(plan.specs)}
    choices = overrides.get(LAYOUT_KEY)
    plan.long = bool(isinstance(choices, Mapping) and choices.get("long"))
    for name, choice in overrides.items():
        if name == LAYOUT_KEY:
            continue
        if name not in by_name:
            raise IngestError("unknown_override_column", column=name, columns=list(by_name))
        wanted = choice if isinstance(choice, Mapping) else {"type": choice}
        kind = str(wanted.get("type", ""))
        if kind not in ColumnType.__members__.values():
            raise IngestError("unknown_override_type", column=name, type=kind, types=[t.value for t in ColumnType])
        fmt = str(wanted.get("number_format") or plan.specs[by_name[name]].number_format or "id")
        if fmt not in NUMBER_FORMATS:
            raise IngestError("unknown_override_type", column=name, type=fmt, types=list(NUMBER_FORMATS))
        old = plan.specs[by_name[name]]
        plan.specs[by_name[name]] = ColumnSpec(old.name, old.label, kind, fmt)
        _region_override(plan, by_name[name], wanted, kind)


def _region_override(plan: Plan, index: int, wanted: Mapping[str, Any], kind: str) -> None:
    if plan.scan is None or plan.gazetteer is None:
        return
    system = str(wanted.get("code_system") or "")
    current = plan.regions.regions.get(index)
    if system and system not in (*rc.SYSTEMS, "none"):
        raise IngestError("unknown_override_type", column=plan.specs[index].name, type=system, types=list(rc.SYSTEMS))
    if not system and current is not None and current.system != "name" and kind != ColumnType.REGION:
        system = "none"  # a code column the reviewer typed otherwise
    if system and (current is None or system != current.system):
        names = [s.name for s in plan.specs]
        header = f"{plan.source.labels[index]} {names[index]}"
        rc.apply_choice(plan.regions, index, system, plan.scan, plan.gazetteer, header, names)
        chosen = plan.regions.regions.get(index)
        if chosen is not None and chosen.system != "name":
            old = plan.specs[index]
            plan.specs[index] = ColumnSpec(old.name, old.label, ColumnType.REGION.value, "")
    if wanted.get("totals") is False and index in plan.regions.totals:
        plan.regions.totals.pop(index)
        if not plan.regions.totals:
            plan.regions.total_name = ""


@dataclass
class _Tally:
    missing: int = 0
    max_length: int = 0
    invalid: int = 0
    invalid_rows: list[int] = field(default_factory=list)
    invalid_examples: list[str] = field(default_factory=list)
    unknown: int = 0
    unknown_rows: list[int] = field(default_factory=list)
    unknown_examples: list[str] = field(default_factory=list)


class _Duplicates:
    """Exact duplicate rows with 8 bytes of memory per row: a 64-bit hash of each converted row
    goes into pyarrow arrays; the counting happens once, in C++, at the end."""

    def __init__(self) -> None:
        self.chunks: list[pa.Array] = []
        #: (first index, first row, row numbers or None) of each batch, to name rows
        self.spans: list[tuple[int, int, list[int] | None]] = []
        self.size = 0
        self.count = 0
        self.first_rows: list[int] = []

    def feed(self, rows: list[tuple[Any, ...]], batch: Batch) -> None:
        self.chunks.append(pa.array(list(map(hash, rows)), type=pa.int64()))
        self.spans.append((self.size, batch.first_row, batch.row_numbers))
        self.size += len(rows)

    def finish(self) -> None:
        """Sort the hashes (stable) and compare neighbours: a row whose hash equals the one
        before it in sorted order repeats an earlier row. About 30 bytes a row, briefly; a hash
        table (value_counts, count_distinct) would need ~400 bytes a row."""
        if self.size < 2:
            return
        hashes = pa.chunked_array(self.chunks, type=pa.int64()).combine_chunks()
        self.chunks = []
        order = pc.array_sort_indices(hashes)
        ordered = pc.take(hashes, order)
        same = pc.equal(ordered.slice(1), ordered.slice(0, len(ordered) - 1))
        self.count = int(pc.sum(same).as_py() or 0)
        if self.count:
            repeats = pc.filter(order.slice(1), same)
            smallest = pc.bottom_k_unstable(repeats, k=min(ROW_CAP, self.count))  # indices into repeats
            first = pc.take(repeats, smallest).to_pylist()
            self.first_rows = [self._row(p) for p in sorted(first)]

    def _row(self, position: int) -> int:
        index = bisect.bisect_right([s[0] for s in self.spans], position) - 1
        start, first_row, numbers = self.spans[index]
        return numbers[position - start] if numbers is not None else first_row + position - start


def load(
    plan: Plan, sink: Sink, *, decimals_as_text: bool = False, progress: Progress = _no_progress
) -> ValidationReport:
    """Pass 2: convert every chunk, feed ``sink``, and complete the validation report."""
    tallies = [_Tally() for _ in plan.specs]
    marks: list[dict[str, int]] = [{} for _ in plan.specs]
    arrangement = plan.arrangement
    options = [_options(plan, i, decimals_as_text) for i in range(len(plan.specs))]
    duplicates = _Duplicates()
    totals = _Totals()
    done = 0

    def converted_batches() -> Iterator[tuple[Batch, list[tuple[Any, ...]]]]:
        for batch in plan.source.batches():
            converted = [
                convert(values, spec, option)
                for values, spec, option in zip(batch.columns, plan.specs, options, strict=True)
            ]
            for tally, result, raw, spec in zip(tallies, converted, batch.columns, plan.specs, strict=True):
                _count_problems(tally, result, raw, batch)
                _count_filled(tally, result, spec)
            for index in arrangement.marked:
                reshape.count_marks(marks[index], converted[index])
            arrays = arrangement.arrays(converted, _derived(plan, batch, totals))
            yield _repeated(batch, arrangement.repeat), list(zip(*(a.to_pylist() for a in arrays), strict=True))

    # The sink (database writes, progress) stays on this thread; parsing and converting the
    # next chunks runs meanwhile on a helper thread (pyarrow releases the GIL, and so does
    # SQLite while it steps).
    for batch, rows in prefetch(converted_batches()):
        duplicates.feed(rows, batch)
        sink(rows)
        done += len(rows)
        progress("loading", done, plan.row_count * arrangement.repeat)
    duplicates.finish()
    return _final_report(plan, tallies, duplicates, totals, marks)


def _repeated(batch: Batch, times: int) -> Batch:
    """The batch's row numbers for ``times`` written rows per record (a table written long)."""
    if times == 1:
        return batch
    numbers = [batch.row(p) for p in range(batch.size) for _ in range(times)]
    return Batch(columns=[], first_row=batch.first_row, row_numbers=numbers)


@dataclass
class _Totals:
    count: int = 0
    first_rows: list[int] = field(default_factory=list)


def _derived(plan: Plan, batch: Batch, totals: _Totals) -> list[pa.Array]:
    """The derived columns of one chunk, in the order of ``plan.derived``."""
    out = []
    for index in sorted(plan.regions.regions):
        column = plan.regions.regions[index]
        if column.derived_name:
            out.append(rc.derived_codes(batch.columns[index], column))
    if plan.regions.total_name:
        flags = rc.total_flags(batch.columns, plan.regions)
        count = int(pc.sum(flags).as_py() or 0)
        if count and len(totals.first_rows) < ROW_CAP:
            positions = pc.indices_nonzero(flags).slice(0, ROW_CAP - len(totals.first_rows)).to_pylist()
            totals.first_rows.extend(batch.row(p) for p in positions)
        totals.count += count
        out.append(flags)
    return out


_END = object()


class _Producer(threading.Thread):
    """Runs ``items`` on its own thread into a bounded queue; stops when told to."""

    def __init__(self, items: Iterator[Any], depth: int) -> None:
        super().__init__(name="datastore-prefetch", daemon=True)
        self.items = items
        self.channel: queue.Queue[tuple[bool, Any]] = queue.Queue(maxsize=depth)
        self.stopped = threading.Event()

    def put(self, entry: tuple[bool, Any]) -> bool:
        while not self.stopped.is_set():
            try:
                self.channel.put(entry, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def run(self) -> None:
        try:
            for item in self.items:
                if not self.put((True, item)):
                    return
            self.put((True, _END))
        except BaseException as exc:  # handed to the consumer, which raises it
            self.put((False, exc))


def prefetch(items: Iterator[Any], depth: int = 2) -> Iterator[Any]:
    """Yield ``items`` while a helper thread produces up to ``depth`` of them ahead.

    An exception in the producer is raised here; when the consumer stops early (an error in
    the sink, or the generator is closed) the producer stops at its next item.
    """
    producer = _Producer(items, depth)
    producer.start()
    try:
        while True:
            ok, item = producer.channel.get()
            if not ok:
                raise item
            if item is _END:
                return
            yield item
    finally:
        producer.stopped.set()
        producer.join()


def _options(plan: Plan, index: int, decimals_as_text: bool) -> Options:
    spec, inference = plan.specs[index], plan.inferences[index]
    trusted = spec.type == inference.type.value and spec.number_format == inference.number_format
    cache: dict[str, str | None] = dict(plan.profiles[index].date_values) if spec.type == ColumnType.DATE else {}
    known = plan.known_regions
    column = plan.regions.regions.get(index)
    if column is not None and column.system != "name":
        # its own codes (dotted, undotted or BPS) and the labels of its total rows
        own = set(column.codes) | set(plan.regions.totals.get(index, ()))
        known = pa.array(sorted(own), type=pa.string())
    return Options(known, decimals_as_text=decimals_as_text, date_cache=cache, trusted=trusted)


def _count_filled(tally: _Tally, result: Converted, spec: ColumnSpec) -> None:
    invalid = int(pc.sum(result.invalid).as_py() or 0) if result.invalid is not None else 0
    tally.missing += result.values.null_count - invalid
    if spec.type == ColumnType.TEXT and len(result.values) > result.values.null_count:
        longest = pc.max(pc.utf8_length(result.values)).as_py() or 0
        tally.max_length = max(tally.max_length, int(longest))


def _count_problems(tally: _Tally, result: Converted, raw: pa.Array, batch: Batch) -> None:
    if result.invalid is not None:
        tally.invalid += _note(result.invalid, raw, batch, tally.invalid_rows, tally.invalid_examples)
    if result.unknown_region is not None:
        tally.unknown += _note(result.unknown_region, raw, batch, tally.unknown_rows, tally.unknown_examples)


def _note(mask: pa.Array, raw: pa.Array, batch: Batch, rows: list[int], examples: list[str]) -> int:
    count = int(pc.sum(mask).as_py() or 0)
    if len(rows) < ROW_CAP:
        positions = pc.indices_nonzero(mask).slice(0, ROW_CAP - len(rows)).to_pylist()
        rows.extend(batch.row(p) for p in positions)
        for p in positions:
            value = raw[p].as_py()
            if len(examples) < EXAMPLE_CAP and value not in examples:
                examples.append(value)
    return count


def is_indexed(spec: ColumnSpec, max_length: int, distinct: int) -> bool:
    """Filterable columns get an index: numbers, dates, region codes and short text — unless the
    column holds a single value everywhere (``distinct`` counts up to a few)."""
    if distinct <= 1:
        return False
    kind = ColumnType(spec.type)
    return kind in INDEXED_TYPES or (kind == ColumnType.TEXT and 0 < max_length <= SHORT_TEXT)


def _final_report(
    plan: Plan, tallies: list[_Tally], duplicates: _Duplicates, totals: _Totals, marks: list[dict[str, int]]
) -> ValidationReport:
    report = plan.report
    report.columns = [
        _column_report(spec, inference, prof, tally, report)
        for spec, inference, prof, tally in zip(plan.specs, plan.inferences, plan.profiles, tallies, strict=True)
    ]
    _region_report(plan, report, totals)
    _arrange_report(plan, report, marks)
    report.duplicate_rows = duplicates.count
    report.duplicate_first_rows = duplicates.first_rows
    if duplicates.count:
        report.issues.append(
            Issue("duplicate_rows", "warning", params={"count": duplicates.count, "rows": duplicates.first_rows[:5]})
        )
    return report


def _arrange_report(plan: Plan, report: ValidationReport, marks: list[dict[str, int]]) -> None:
    """Report columns in the written order (mark columns, long form), marks per column, and the
    long form the reviewer can choose."""
    arrangement = plan.arrangement
    own = len(plan.specs)
    for index, counted in enumerate(marks):
        if counted:
            column = report.columns[index]
            column.marks = dict(counted)
            params = {
                "column": column.label or column.name,
                "count": sum(counted.values()),
                "marks": reshape.mark_kinds(counted),
                "notes": f"{column.name}{reshape.MARK_SUFFIX}",
            }
            report.issues.append(Issue("marked_values", "warning", column=column.name, params=params))
    names = [s.name for s in plan.specs]
    offered = reshape.find_wide([s.label for s in plan.specs], [s.type for s in plan.specs])
    report.layout["wide"] = offered.as_report(names) if offered is not None else None
    report.layout["long"] = arrangement.wide is not None
    report.columns = arrangement.report(report.columns[:own], report.columns[own:], marks)
    if arrangement.wide is not None:
        report.row_count = plan.row_count * arrangement.repeat


def _region_report(plan: Plan, report: ValidationReport, totals: _Totals) -> None:
    """Region facts per column, the derived columns, and the issues a reviewer should see."""
    decision = plan.regions
    for index, column in decision.regions.items():
        entry = report.columns[index]
        entry.region = column.as_report()
        label = entry.label or entry.name
        _region_issues(report, entry.name, label, column)
    for index, values in decision.totals.items():
        report.columns[index].total_values = list(values[:ROW_CAP])
    for spec in plan.derived:
        source = next((report.columns[i] for i, c in decision.regions.items() if c.derived_name == spec.name), None)
        report.columns.append(
            ColumnReport(
                name=spec.name,
                label=spec.label,
                type=spec.type,
                inferred_type=spec.type,
                derived_from=source.name if source is not None else "",
                role="total_flag" if spec.name == decision.total_name else "region_code",
                indexed=spec.name != decision.total_name,
                region=(
                    {"code_system": "kemendagri", "region_level": source.region.get("region_level", "")}
                    if source is not None
                    else {}
                ),
            )
        )
    report.total_rows = totals.count
    report.total_first_rows = totals.first_rows
    if totals.count:
        values = sorted({v for vs in decision.totals.values() for v in vs})[:5]
        params = {
            "count": totals.count,
            "rows": totals.first_rows[:5],
            "examples": values,
            "column": decision.total_name,
        }
        report.issues.append(Issue("total_rows", "warning", params=params))


def _region_issues(report: ValidationReport, name: str, label: str, column: rc.RegionColumn) -> None:
    if column.conflict_count:
        examples = [f"{code} ≠ {place}" for code, place, _a, _b in column.conflicts[:3]]
        params = {"column": label, "count": column.conflict_count, "system": column.system, "examples": examples}
        report.issues.append(Issue("region_code_conflicts", "warning", column=name, params=params))
    if column.other_province_count:
        params = {"column": label, "count": column.other_province_count, "examples": column.other_province[:5]}
        report.issues.append(Issue("region_other_province", "warning", column=name, params=params))
    if column.unconfirmed:
        report.issues.append(Issue("region_system_unconfirmed", "warning", column=name, params={"column": label}))
    if column.system == "name" and column.unmatched_count:
        params = {"column": label, "count": column.unmatched_count, "examples": column.unmatched[:5]}
        report.issues.append(Issue("region_names_unmatched", "warning", column=name, params=params))
    if column.ambiguous_count:
        examples = [value for value, _codes in column.ambiguous[:5]]
        params = {"column": label, "count": column.ambiguous_count, "examples": examples}
        report.issues.append(Issue("region_names_ambiguous", "warning", column=name, params=params))


def _column_report(
    spec: ColumnSpec, inference: Inference, prof: ColumnProfile, tally: _Tally, report: ValidationReport
) -> ColumnReport:
    column = ColumnReport(
        name=spec.name,
        label=spec.label,
        type=spec.type,
        inferred_type=inference.type.value,
        number_format=spec.number_format if spec.type in ("integer", "decimal") else "",
        missing=tally.missing,
        filled=prof.rows - tally.missing,
        max_length=tally.max_length,
        examples=list(prof.examples),
        indexed=is_indexed(spec, tally.max_length, len(prof.examples)),
        invalid=tally.invalid,
        invalid_rows=tally.invalid_rows,
        invalid_examples=tally.invalid_examples,
        unknown_regions=tally.unknown,
        unknown_region_rows=tally.unknown_rows,
        unknown_region_examples=tally.unknown_examples,
        ambiguous_examples=list(inference.ambiguous),
    )
    _column_issues(column, spec, inference, report)
    return column


def _column_issues(column: ColumnReport, spec: ColumnSpec, inference: Inference, report: ValidationReport) -> None:
    label = column.label or column.name
    if column.invalid:
        params = {
            "column": label,
            "count": column.invalid,
            "type": spec.type,
            "rows": column.invalid_rows[:5],
            "examples": column.invalid_examples[:3],
        }
        report.issues.append(Issue("type_mismatch", "error", column=column.name, params=params))
    if column.unknown_regions:
        params = {
            "column": label,
            "count": column.unknown_regions,
            "rows": column.unknown_region_rows[:5],
            "examples": column.unknown_region_examples[:3],
        }
        report.issues.append(Issue("invalid_region_codes", "warning", column=column.name, params=params))
    chosen_same = spec.type == inference.type.value and spec.number_format == inference.number_format
    if inference.ambiguous and chosen_same:
        params = {"column": label, "examples": list(inference.ambiguous), "format": "id"}
        report.issues.append(Issue("ambiguous_numbers", "warning", column=column.name, params=params))
