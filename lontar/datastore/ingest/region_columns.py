"""Region columns and total rows of one file: what pass 1 gathers and what is decided from it.

Pass 1 keeps, per column, its distinct trimmed values (up to :data:`DISTINCT_CAP`) and, for
columns of code-shaped values, the distinct (code, name) pairs with the first few columns of
text — enough for :mod:`lontar.datastore.ingest.regions` to decide, per column:

* a column of codes (with or without dots, Kemendagri or BPS) → a region column; a code at a
  coarser level than the column's (the province ``53`` among kabupaten) marks a total row;
* a column of names that match the reference list → a region-name column;
* labels such as "Jumlah", "Total", "NTT" in a text column with other values → total rows.

Columns that are not already dotted Kemendagri codes get a **derived column** holding the
Kemendagri code of each row (``<name>_kemendagri``), so a BPS column keeps its codes and gains
the Kemendagri ones alongside, and a table of names can be mapped. Total rows get a derived
boolean ``baris_total``; charts and sums leave those rows out unless asked.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from lontar.datastore.ingest import regions as rg
from lontar.datastore.ingest.names import MAX_IDENTIFIER

#: distinct values kept per column; a column with more is never read as region names
DISTINCT_CAP = 20_000
#: text columns whose pairs with code columns are kept (the first ones with letters)
NAME_COLUMNS = 6
#: rows gathered before they are scanned: pass 1 reads blocks of about 11,000 rows, and a few
#: larger Arrow calls cost less than many small ones (each also hashes the values known so far)
FEED_ROWS = 131_072
#: a pair key is (position of the code among the code column's values) << _PAIR_BITS | (position of
#: the name); a column past 2 × DISTINCT_CAP values is no longer tracked, so positions fit
_PAIR_BITS = 20
CODE_OR_EMPTY_RE = r"^\s*(?:[0-9]{2}(?:\.[0-9]{2}(?:\.[0-9]{2}(?:\.[0-9]{4})?)?)?|[0-9]{4}|[0-9]{6,7}|[0-9]{10})?\s*$"
#: header words saying a column holds codes
CODE_WORDS = frozenset({"kode", "kd", "code", "id", "bps", "kemendagri", "idwil", "kodewil", "kdwil", "kode_wilayah"})
TOTAL_COLUMN = "baris_total"
SYSTEMS = ("kemendagri", "bps", "name")


def header_says_code(header: str) -> bool:
    words = [w for w in re.split(r"[^a-z0-9]+", header.lower()) if w]
    return any(w in CODE_WORDS or w.startswith(("kode", "kd_")) for w in words)


class _Chunk:
    """One column of the rows being scanned, dictionary-encoded: the per-row work is one hash
    pass; trimming, the code-shape test and the comparison with the values seen so far run on
    the distinct raw values only."""

    def __init__(self, raw: pa.Array) -> None:
        encoded = raw.dictionary_encode()
        self.raw: pa.Array = encoded.dictionary
        self.indices: pa.Array = encoded.indices
        self.has_null = encoded.indices.null_count > 0
        self.trimmed: pa.Array = pc.utf8_trim_whitespace(self.raw)
        #: the column's values seen so far, this chunk's included (set once they are gathered):
        #: a row's position among them is its half of a pair key
        self.known: pa.Array | None = None
        self._rows: pa.Array | None = None

    def row_positions(self) -> pa.Array:
        """Each row's position among the column's values (int64; null when empty)."""
        if self._rows is None:
            positions = pc.index_in(self.trimmed, value_set=self.known)
            self._rows = pc.take(positions, self.indices).cast(pa.int64())
        return self._rows


@dataclass
class RegionScan:
    """Distinct values and (code, name) pairs gathered while pass 1 reads the file."""

    width: int
    distinct: list[set[str] | None] = field(default_factory=list)
    code_shaped: list[bool] = field(default_factory=list)
    has_letters: list[bool] = field(default_factory=list)
    #: total labels ("Jumlah") found in an otherwise code-shaped column
    code_totals: list[set[str]] = field(default_factory=list)
    #: the distinct non-empty trimmed values of each tracked column as one Arrow array, in the
    #: order first seen (the same values as ``distinct``): only values not seen before reach Python
    _known: dict[int, pa.Array] = field(default_factory=dict)
    #: distinct (code, name) pairs per (code column, name column) as int64 keys of positions in
    #: ``_known`` (None past the cap): a million rows cost a few Arrow calls, no string per row
    _pair_keys: dict[tuple[int, int], pa.Array | None] = field(default_factory=dict)
    _pairs: dict[tuple[int, int], dict[str, set[str]] | None] = field(default_factory=dict)
    #: how many of ``_known[i]`` were looked at for letters
    _letters_checked: dict[int, int] = field(default_factory=dict)
    _pending: list[Sequence[pa.Array]] = field(default_factory=list)
    _pending_rows: int = 0

    def __post_init__(self) -> None:
        self.distinct = [set() for _ in range(self.width)]
        self.code_shaped = [True] * self.width
        self.has_letters = [False] * self.width
        self.code_totals = [set() for _ in range(self.width)]

    def codes_of(self, i: int) -> set[str]:
        """The distinct values of a code-shaped column without its total labels."""
        self.finish()
        return (self.distinct[i] or set()) - self.code_totals[i]

    def feed(self, columns: Sequence[pa.Array]) -> None:
        """Account for one batch of raw (untrimmed) string columns."""
        self._pending.append(columns)
        self._pending_rows += len(columns[0]) if columns else 0
        if self._pending_rows >= FEED_ROWS:
            self.finish()

    def finish(self) -> None:
        """Scan the rows still gathered (done before anything is decided; idempotent)."""
        if not self._pending:
            return
        batches, self._pending, self._pending_rows = self._pending, [], 0
        self._pairs = {}
        chunks: dict[int, _Chunk] = {}
        for i in range(self.width):
            if self.distinct[i] is None and not self.code_shaped[i]:
                continue  # ruled out (too many values, not code-shaped): not read again
            parts = [_string(b[i]) for b in batches]
            chunks[i] = chunk = _Chunk(parts[0] if len(parts) == 1 else pa.concat_arrays(parts))
            if self.code_shaped[i]:
                self._check_code_shape(i, chunk)
            self._feed_column(i, chunk)
        codes = [i for i in range(self.width) if self.code_shaped[i] and self.distinct[i]]
        names = [j for j in range(self.width) if self.has_letters[j] and self.distinct[j] is not None][:NAME_COLUMNS]
        for i in codes:
            for j in names:
                self._feed_pairs(i, j, chunks[i], chunks[j])

    def _feed_column(self, i: int, chunk: _Chunk) -> None:
        seen = self.distinct[i]
        if seen is None:
            return
        unique = pc.unique(chunk.trimmed)
        if len(unique) + chunk.has_null + len(seen) > DISTINCT_CAP * 2:
            self.distinct[i] = None
            return
        known = self._known.get(i)
        fresh = unique if known is None else pc.filter(unique, pc.invert(pc.is_in(unique, value_set=known)))
        fresh = pc.filter(fresh, pc.not_equal(fresh, ""))
        if len(fresh):
            known = fresh if known is None else pa.concat_arrays([known, fresh])
            self._known[i] = known
            seen.update(fresh.to_pylist())
        if len(seen) > DISTINCT_CAP:
            self.distinct[i] = None
            return
        chunk.known = known if known is not None else pa.array([], type=pa.string())
        if known is not None and not self.has_letters[i] and not self.code_shaped[i]:
            # every value seen, not only this chunk's ("Jumlah" read while the column looked like codes)
            unchecked = known.slice(self._letters_checked.get(i, 0))
            self.has_letters[i] = bool(pc.any(pc.match_substring_regex(unchecked, pattern=r"[A-Za-z]")).as_py())
            self._letters_checked[i] = len(known)

    def _check_code_shape(self, i: int, chunk: _Chunk) -> None:
        shaped = pc.match_substring_regex(chunk.raw, pattern=CODE_OR_EMPTY_RE)
        if not len(shaped) or pc.all(shaped).as_py():
            return
        others = pc.unique(pc.filter(chunk.trimmed, pc.invert(shaped)))
        if self.code_totals[i]:  # labels already found are not counted again
            others = pc.filter(others, pc.invert(pc.is_in(others, value_set=pa.array(sorted(self.code_totals[i])))))
        others = others.slice(0, rg.EXAMPLES + 1).to_pylist()
        if len(others) + len(self.code_totals[i]) <= rg.EXAMPLES and all(rg.is_total_label(v) for v in others):
            self.code_totals[i].update(others)  # "Jumlah" in a column of codes: a total row
            return
        self.code_shaped[i] = False

    def _feed_pairs(self, i: int, j: int, codes: _Chunk, names: _Chunk) -> None:
        key = (i, j)
        if key in self._pair_keys and self._pair_keys[key] is None:
            return
        rows = pc.add(pc.shift_left(codes.row_positions(), _PAIR_BITS), names.row_positions())
        found = pc.drop_null(pc.unique(rows))  # a row with an empty code or name pairs nothing
        before = self._pair_keys.get(key)
        merged = found if before is None else pc.unique(pa.concat_arrays([before, found]))
        self._pair_keys[key] = None if len(merged) > DISTINCT_CAP else merged

    def pairs_of(self, i: int, j: int) -> dict[str, set[str]] | None:
        """Code → the names seen beside it, for code column ``i`` and name column ``j`` (None
        past the cap or when the two were never read together)."""
        self.finish()
        key = (i, j)
        if key not in self._pairs:
            keys = self._pair_keys.get(key)
            found: dict[str, set[str]] | None = None
            if keys is not None:
                found = {}
                codes = pc.take(self._known[i], pc.shift_right(keys, _PAIR_BITS)).to_pylist()
                names = pc.take(self._known[j], pc.bit_wise_and(keys, (1 << _PAIR_BITS) - 1)).to_pylist()
                for code, name in zip(codes, names, strict=True):
                    found.setdefault(code, set()).add(name)
            self._pairs[key] = found
        return self._pairs[key]

    def total_labels(self, j: int) -> list[str]:
        """The values of column ``j`` that mark a total row, sorted (only values holding a
        total word, or not ASCII, reach Python)."""
        self.finish()
        known = self._known.get(j)
        if known is None:
            return []
        hint = pc.match_substring_regex(known, pattern=rg.TOTAL_HINT, ignore_case=True)
        candidates = pc.filter(known, pc.or_(hint, pc.invert(pc.string_is_ascii(known))))
        return sorted(v for v in candidates.to_pylist() if rg.is_total_label(v))


def _string(values: pa.Array | pa.ChunkedArray) -> pa.Array:
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    return values if values.type == pa.string() else values.cast(pa.string())


@dataclass
class RegionColumn:
    """A column decided to hold regions (codes or names), and what it maps to."""

    index: int
    system: str  # kemendagri | bps | name
    level: str
    codes: dict[str, str]  # trimmed raw value → dotted Kemendagri code
    dotted: bool = False  # values are already dotted Kemendagri codes (no derived column)
    unconfirmed: bool = False
    conflicts: list[tuple[str, str, str, str]] = field(default_factory=list)
    conflict_count: int = 0
    unmatched: list[str] = field(default_factory=list)
    unmatched_count: int = 0
    ambiguous: list[tuple[str, list[str]]] = field(default_factory=list)
    ambiguous_count: int = 0
    derived_name: str = ""
    #: distinct codes of a province the reference list does not hold
    other_province: list[str] = field(default_factory=list)
    other_province_count: int = 0

    def as_report(self) -> dict[str, Any]:
        return {
            "code_system": self.system,
            "region_level": self.level,
            "region_matched": len(self.codes),
            "system_unconfirmed": self.unconfirmed,
            "code_conflicts": [list(c) for c in self.conflicts],
            "code_conflict_count": self.conflict_count,
            "unmatched_names": list(self.unmatched),
            "unmatched_count": self.unmatched_count,
            "ambiguous_names": [[v, list(c)] for v, c in self.ambiguous],
            "ambiguous_count": self.ambiguous_count,
            "derived_column": self.derived_name,
            "other_province": list(self.other_province),
            "other_province_count": self.other_province_count,
        }


@dataclass
class Decision:
    regions: dict[int, RegionColumn] = field(default_factory=dict)
    #: column index → values that mark a total row
    totals: dict[int, list[str]] = field(default_factory=dict)
    #: name of the derived total-row flag column ("" when the file has no total rows)
    total_name: str = ""


def _code_column(
    i: int, scan: RegionScan, gaz: rg.Gazetteer, header: str, names: Mapping[int, rg.NameMatch]
) -> RegionColumn | None:
    values = scan.codes_of(i)
    if not values or not scan.code_shaped[i]:
        return None
    dotted = all("." in v for v in values if len(v) > 2)
    pairs = _best_pairs(i, scan, names)
    result = rg.code_system(values, gaz, pairs=pairs, header=header)
    hinted = header_says_code(header)
    if result is None:
        return _foreign_codes(i, values, gaz) if dotted and hinted else None
    known_share = len(result.codes) / max(1, len(values) - len(result.totals))
    if not dotted and not hinted and (len(values) < 3 or known_share < 0.9 or result.level == "provinsi"):
        return None  # digits that merely look like codes (counts, years) without a header saying so
    if dotted and not hinted and result.level == "provinsi":
        return None
    column = RegionColumn(
        index=i,
        system=result.system,
        level=result.level,
        codes={**result.codes, **{t: gaz.kemendagri(t) or gaz.from_bps(t) or t for t in result.totals}},
        dotted=dotted and result.system == "kemendagri",
        unconfirmed=result.unconfirmed,
        conflicts=result.conflicts,
        conflict_count=result.conflict_count,
        unmatched=result.unknown,
        unmatched_count=result.unknown_count,
    )
    _note_other_provinces(column, values, gaz)
    return column


def _note_other_provinces(column: RegionColumn, values: set[str], gaz: rg.Gazetteer) -> None:
    provinces = {code[:2] for code in gaz.places}
    foreign = sorted(v for v in values if v[:2] not in provinces and rg.is_code_shaped(v))
    column.other_province = foreign[: rg.EXAMPLES]
    column.other_province_count = len(foreign)


def _foreign_codes(i: int, values: set[str], gaz: rg.Gazetteer) -> RegionColumn | None:
    """Dotted codes under a code header that the reference list does not hold (another
    province's): still a region column, every value reported."""
    shaped = [v for v in values if rg.level_of(v)]
    if len(shaped) < rg.MATCH_SHARE * len(values) or not any("." in v for v in shaped):
        return None  # two-digit codes of something else ("kode_urusan": 01, 02…)
    level = rg._majority_level(shaped)
    unknown = sorted(values)
    column = RegionColumn(
        index=i,
        system="kemendagri",
        level=level,
        codes={},
        dotted=True,
        unmatched=unknown[: rg.EXAMPLES],
        unmatched_count=len(unknown),
    )
    _note_other_provinces(column, values, gaz)
    return column


def _best_pairs(i: int, scan: RegionScan, names: Mapping[int, rg.NameMatch]) -> dict[str, set[str]] | None:
    best: dict[str, set[str]] | None = None
    best_score = -1
    for j, match in names.items():
        pairs = scan.pairs_of(i, j)
        if pairs and match.matched > best_score:
            best, best_score = pairs, match.matched
    return best


def _name_matches(scan: RegionScan, gaz: rg.Gazetteer) -> dict[int, rg.NameMatch]:
    found: dict[int, rg.NameMatch] = {}
    for j in range(scan.width):
        values = scan.distinct[j]
        if values and scan.has_letters[j] and not scan.code_shaped[j]:
            match = rg.match_names(values, gaz)
            if match is not None:
                found[j] = match
    return found


def _name_column(j: int, match: rg.NameMatch, coded_levels: set[str]) -> RegionColumn:
    return RegionColumn(
        index=j,
        system="name",
        level=match.level,
        codes=dict(match.codes),
        unmatched=match.unmatched,
        unmatched_count=match.unmatched_count,
        ambiguous=match.ambiguous,
        ambiguous_count=match.ambiguous_count,
        dotted=match.level in coded_levels,  # a code column at this level exists: no derived column
    )


def _label_totals(decision: Decision, scan: RegionScan) -> None:
    """ "Jumlah", "Total", "NTT"… in a text column that has other values too."""
    for j in range(scan.width):
        values = scan.distinct[j]
        if not values or len(values) < 2 or scan.code_shaped[j]:
            continue
        totals = scan.total_labels(j)
        if totals and len(totals) < len(values):
            decision.totals[j] = totals


def decide(labels: Sequence[str], names: Sequence[str], scan: RegionScan, gaz: rg.Gazetteer) -> Decision:
    """Region columns and total-row values of a file from what pass 1 gathered."""
    scan.finish()
    decision = Decision()
    name_matches = _name_matches(scan, gaz)
    for i in range(scan.width):
        column = _code_column(i, scan, gaz, f"{labels[i]} {names[i]}", name_matches)
        if column is None:
            continue
        decision.regions[i] = column
        # only coarser codes are subtotals (a kabupaten row among desa rows), never finer ones
        depth = rg.LEVELS.index(column.level) if column.level in rg.LEVELS else len(rg.LEVELS)
        totals = [v for v, c in column.codes.items() if rg.level_of(c) and rg.LEVELS.index(rg.level_of(c)) < depth]
        totals += sorted(scan.code_totals[i])
        if totals and column.level != "provinsi":
            decision.totals[i] = sorted(totals)
    # a column of codes at the same level already gives the rows their Kemendagri codes
    coded_levels = {c.level for c in decision.regions.values() if c.system != "name" and c.codes}
    for j, match in name_matches.items():
        decision.regions[j] = _name_column(j, match, coded_levels)
    _label_totals(decision, scan)
    _name_derived(decision, names)
    return decision


def _name_derived(decision: Decision, names: Sequence[str]) -> None:
    taken = set(names)
    for column in decision.regions.values():
        if column.dotted or column.level == "provinsi":
            continue
        base = f"{names[column.index]}"[: MAX_IDENTIFIER - len("_kemendagri")] + "_kemendagri"
        name, n = base, 2
        while name in taken:
            name = f"{base[: MAX_IDENTIFIER - 3]}_{n}"
            n += 1
        taken.add(name)
        column.derived_name = name
    decision.total_name = ""
    if decision.totals:
        name, n = TOTAL_COLUMN, 2
        while name in taken:
            name = f"{TOTAL_COLUMN}_{n}"
            n += 1
        decision.total_name = name


def apply_choice(
    decision: Decision, index: int, choice: str, scan: RegionScan, gaz: rg.Gazetteer, header: str, names: Sequence[str]
) -> None:
    """The reviewer's choice for one column: ``kemendagri``, ``bps``, ``name`` or ``none``."""
    scan.finish()
    decision.regions.pop(index, None)
    decision.totals.pop(index, None)
    values = scan.distinct[index] or set()
    if choice == "none" or not values:
        _name_derived(decision, names)
        return
    if choice == "name":
        match = rg.match_names(values, gaz)
        if match is not None:
            coded = {c.level for c in decision.regions.values() if c.dotted}
            decision.regions[index] = _name_column(index, match, coded)
    else:
        lookup = gaz.kemendagri if choice == "kemendagri" else gaz.from_bps
        values = scan.codes_of(index) if scan.code_shaped[index] else values
        codes = {v: c for v in values if (c := lookup(v)) is not None}
        if codes:
            level = rg._majority_level(codes.values())
            unknown = sorted(v for v in values if v not in codes)
            decision.regions[index] = RegionColumn(
                index=index,
                system=choice,
                level=level,
                codes=codes,
                dotted=choice == "kemendagri" and all("." in v for v in codes if len(v) > 2),
                unmatched=unknown[: rg.EXAMPLES],
                unmatched_count=len(unknown),
            )
            totals = sorted(v for v, c in codes.items() if rg.level_of(c) != level)
            totals += sorted(scan.code_totals[index])
            if totals and level != "provinsi":
                decision.totals[index] = totals
    _name_derived(decision, names)


def derived_codes(raw: pa.Array, column: RegionColumn) -> pa.Array:
    """The Kemendagri code of each row of a chunk of ``column`` (null when unknown)."""
    keys = pa.array(list(column.codes), type=pa.string())
    codes = pa.array(list(column.codes.values()), type=pa.string())
    position = pc.index_in(pc.utf8_trim_whitespace(raw), value_set=keys)
    return pc.take(codes, position)


def total_flags(columns: Sequence[pa.Array], decision: Decision) -> pa.Array:
    """True for each row of a chunk whose value in some column marks a total row."""
    flags: pa.Array | None = None
    for index, values in decision.totals.items():
        mask = pc.fill_null(pc.is_in(pc.utf8_trim_whitespace(columns[index]), value_set=pa.array(values)), False)
        flags = mask if flags is None else pc.or_(flags, mask)
    if flags is None:
        return pa.array([False] * (len(columns[0]) if columns else 0), type=pa.bool_())
    return flags
