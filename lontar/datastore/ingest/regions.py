"""Region columns: code normalisation, name matching and BPS/Kemendagri detection (pure).

Kemendagri codes are dotted (``53``, ``53.01``, ``53.01.04``, ``53.01.04.2003``); tables often
write them without dots (``5301``, ``530104``, ``5301042003``). BPS numbers kabupaten/kota in
another order (BPS ``5303`` is Kemendagri ``53.01``, Kabupaten Kupang), so a 4-digit column can
be either: :func:`code_system` decides per column by comparing the codes with the region names
in the same rows, and says so when it cannot. Names are matched to codes after normalising
prefixes (``Kab.``, ``Kabupaten``, ``Kota``…), punctuation, spaces and a few known short forms.

Everything here works on *distinct* values (bounded by the caller) and plain dicts: no
database, no pyarrow.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

LEVELS = ("provinsi", "kabkota", "kecamatan", "desa")
#: how many examples of a problem a report keeps
EXAMPLES = 5
#: share of distinct non-total values that must match for a column to be read as regions
MATCH_SHARE = 0.5

_DOTTED_RE = re.compile(r"[0-9]{2}(?:\.[0-9]{2}(?:\.[0-9]{2}(?:\.[0-9]{4})?)?)?")
_DIGITS_RE = re.compile(r"[0-9]{2}|[0-9]{4}|[0-9]{6}|[0-9]{7}|[0-9]{10}")
#: undotted Kemendagri length → dotted split points
_SPLITS = {2: (2,), 4: (2, 4), 6: (2, 4, 6), 10: (2, 4, 6, 10)}

#: prefixes naming the kind of region (removed before matching; "kota" is remembered)
_KOTA_WORDS = frozenset({"kota", "kotamadya", "kodya", "kot"})
_KAB_WORDS = frozenset({"kabupaten", "kab", "kab.", "kabupatan"})
_OTHER_WORDS = frozenset({"provinsi", "prov", "propinsi", "kecamatan", "kec", "desa", "kelurahan", "kel", "ds"})
#: well-known short forms and spellings of NTT kabupaten names (normalised form → normalised name)
ALIASES = {
    "tts": "timor tengah selatan",
    "ttu": "timor tengah utara",
    "sbd": "sumba barat daya",
    "mabar": "manggarai barat",
    "matim": "manggarai timur",
    "flotim": "flores timur",
    "sawu raijua": "sabu raijua",
    "rote": "rote ndao",
    "ntt": "nusa tenggara timur",
}
#: labels of a total or subtotal row (normalised, compared on the whole value or its first word)
TOTAL_WORDS = frozenset({"jumlah", "total", "subtotal", "sub total", "grand total", "rata rata", "rerata", "average"})
#: a word every total label holds (after ASCII folding): values without one are not totals
TOTAL_HINT = r"jumlah|total|rata|rerata|average|nusa|ntt|indonesia|provinsi"
_TOTAL_HINT = re.compile(TOTAL_HINT, re.IGNORECASE)
TOTAL_PLACES = frozenset({"nusa tenggara timur", "ntt", "indonesia", "provinsi", "jumlah provinsi"})


@dataclass(frozen=True)
class Place:
    """One region of the reference list (``organisations.Region``)."""

    code: str  # Kemendagri, dotted
    name: str
    level: str  # organisations RegionLevel: provinsi, kabupaten, kota, kecamatan, desa, kelurahan
    bps_code: str = ""


@functools.lru_cache(maxsize=65_536)  # pure; asked several times per distinct code while deciding
def level_of(code: str) -> str:
    """provinsi / kabkota / kecamatan / desa for a dotted code ("" when malformed)."""
    if not _DOTTED_RE.fullmatch(code):
        return ""
    return LEVELS[code.count(".")]


def dotted(value: str) -> str | None:
    """The dotted Kemendagri form of ``value`` written with or without dots (None if neither)."""
    text = value.strip()
    if _DOTTED_RE.fullmatch(text):
        return text
    splits = _SPLITS.get(len(text)) if text.isdigit() else None
    if splits is None:
        return None
    parts, start = [], 0
    for end in splits:
        parts.append(text[start:end])
        start = end
    return ".".join(parts)


def is_code_shaped(value: str) -> bool:
    """Dotted Kemendagri, or 2/4/6/7/10 digits (Kemendagri or BPS without dots)."""
    text = value.strip()
    return bool(_DOTTED_RE.fullmatch(text) or _DIGITS_RE.fullmatch(text))


@functools.lru_cache(maxsize=65_536)  # pure; each distinct value is asked at every level
def normalise_name(value: str) -> tuple[str, str]:
    """(kind, key): kind is "kota", "kabupaten" or "" (not said); key is the bare name in lower
    case ASCII, punctuation as single spaces, prefixes removed, known short forms expanded."""
    text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii").lower()
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    words = text.split()
    kind = ""
    while words and (words[0] in _KOTA_WORDS or words[0] in _KAB_WORDS or words[0] in _OTHER_WORDS):
        first = words.pop(0)
        if first in _KOTA_WORDS:
            kind = "kota"
        elif first in _KAB_WORDS:
            kind = "kabupaten"
    key = " ".join(words)
    key = ALIASES.get(key, key)
    return kind, key


def _compact(key: str) -> str:
    return key.replace(" ", "")


@functools.lru_cache(maxsize=65_536)  # pure; asked by the name match and by the total-row search
def is_total_label(value: str) -> bool:
    """A label of a total or subtotal row: "Jumlah", "TOTAL", "Jumlah NTT", "Nusa Tenggara Timur",
    "Provinsi NTT", "Indonesia", "Rata-rata"…"""
    if value.isascii() and not _TOTAL_HINT.search(value):
        return False  # cheap first look: every total label holds one of these words
    text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii").lower()
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    if not text:
        return False
    if text in TOTAL_WORDS or text in TOTAL_PLACES:
        return True
    first = text.split()[0]
    if first in ("jumlah", "total", "subtotal") or text.startswith(("sub total", "grand total", "rata rata")):
        return True
    _kind, key = normalise_name(value)
    return key in TOTAL_PLACES


@dataclass
class Gazetteer:
    """The reference list, indexed for lookups by code (dotted or not), BPS code and name."""

    places: dict[str, Place] = field(default_factory=dict)
    by_bps: dict[str, str] = field(default_factory=dict)
    #: (level, compact key) → codes; kind-specific keys "kota:" / "kabupaten:" too
    by_name: dict[tuple[str, str], list[str]] = field(default_factory=dict)

    @classmethod
    def build(cls, places: Iterable[Place]) -> Gazetteer:
        gaz = cls()
        for place in places:
            gaz.places[place.code] = place
            if place.bps_code:
                gaz.by_bps[place.bps_code] = place.code
            level = level_of(place.code)
            kind, key = normalise_name(place.name)
            if place.level in ("kota", "kabupaten"):
                kind = place.level
            compact = _compact(key)
            gaz.by_name.setdefault((level, compact), []).append(place.code)
            if kind:
                gaz.by_name.setdefault((level, f"{kind}:{compact}"), []).append(place.code)
        return gaz

    def kemendagri(self, value: str) -> str | None:
        """The known Kemendagri code ``value`` stands for when read as Kemendagri (dots or not)."""
        code = dotted(value)
        return code if code is not None and code in self.places else None

    def from_bps(self, value: str) -> str | None:
        """The Kemendagri code of a known BPS code (a province also written ``PP00``)."""
        text = value.strip()
        found = self.by_bps.get(text)
        if found is None and len(text) == 4 and text.endswith("00"):
            found = self.by_bps.get(text[:2])
        return found

    def match_name(self, value: str, level: str) -> list[str]:
        """Codes at ``level`` whose name matches ``value`` (empty: none; two or more: ambiguous)."""
        kind, key = normalise_name(value)
        if not key:
            return []
        compact = _compact(key)
        if kind and level == "kabkota":
            found = self.by_name.get((level, f"{kind}:{compact}"))
            if found:
                return list(found)
        return list(self.by_name.get((level, compact), []))


@dataclass
class NameMatch:
    """How a column of names matched the reference list at one level."""

    level: str = ""
    codes: dict[str, str] = field(default_factory=dict)  # distinct value → Kemendagri code
    unmatched: list[str] = field(default_factory=list)
    ambiguous: list[tuple[str, list[str]]] = field(default_factory=list)
    unmatched_count: int = 0
    ambiguous_count: int = 0
    totals: list[str] = field(default_factory=list)

    @property
    def matched(self) -> int:
        return len(self.codes)


def match_names(values: Iterable[str], gaz: Gazetteer, *, levels: Iterable[str] = LEVELS[1:]) -> NameMatch | None:
    """The level at which most distinct ``values`` match, with the unmatched and ambiguous names.

    None when fewer than :data:`MATCH_SHARE` of the non-total values match at any level (the
    column is not a column of region names). Totals ("Jumlah", "NTT"…) are kept apart.
    """
    distinct = [v for v in dict.fromkeys(v.strip() for v in values) if v]
    totals = [v for v in distinct if is_total_label(v)]
    names = [v for v in distinct if v not in set(totals)]
    if not names:
        return None
    best: NameMatch | None = None
    for level in levels:
        result = NameMatch(level=level, totals=totals)
        for value in names:
            found = gaz.match_name(value, level)
            if len(found) == 1:
                result.codes[value] = found[0]
            elif found:
                result.ambiguous_count += 1
                if len(result.ambiguous) < EXAMPLES:
                    result.ambiguous.append((value, sorted(found)))
            else:
                result.unmatched_count += 1
                if len(result.unmatched) < EXAMPLES:
                    result.unmatched.append(value)
        score = result.matched + result.ambiguous_count
        if score >= MATCH_SHARE * len(names) and (best is None or score > best.matched + best.ambiguous_count):
            best = result
    return best


@dataclass
class CodeSystem:
    """Which numbering a code column uses, and how each distinct value maps to Kemendagri."""

    system: str  # "kemendagri" | "bps"
    level: str
    codes: dict[str, str]  # distinct raw value → dotted Kemendagri code
    #: the system was decided without names to compare with (both numberings fit)
    unconfirmed: bool = False
    #: (code, name, Kemendagri code of the code, Kemendagri code of the name)
    conflicts: list[tuple[str, str, str, str]] = field(default_factory=list)
    conflict_count: int = 0
    agreements: int = 0
    #: distinct values that are a code at a coarser level (a province row among kabupaten)
    totals: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    unknown_count: int = 0


def _majority_level(codes: Iterable[str]) -> str:
    counts = Counter(level_of(c) for c in codes)
    return max(counts, key=lambda lv: (counts[lv], LEVELS.index(lv))) if counts else ""


def code_system(
    values: Iterable[str],
    gaz: Gazetteer,
    *,
    pairs: Mapping[str, Iterable[str]] | None = None,
    header: str = "",
) -> CodeSystem | None:
    """Decide how a column of codes is numbered, from its distinct ``values``.

    ``pairs``: for each code value, the region names found next to it in the same rows (from a
    column of names); the numbering that agrees with more names wins and every row that
    disagrees is a conflict. Without names, the header decides ("bps" in it), else the
    numbering under which more values are known (Kemendagri when both fit, flagged unconfirmed).
    None when fewer than half the values are codes under either numbering.
    """
    distinct = [v for v in dict.fromkeys(v.strip() for v in values) if v]
    if not distinct:
        return None
    kem = {v: c for v in distinct if (c := gaz.kemendagri(v)) is not None}
    bps = {v: c for v in distinct if "." not in v and (c := gaz.from_bps(v)) is not None}
    if max(len(kem), len(bps)) < MATCH_SHARE * len(distinct):
        return None
    system, unconfirmed = _pick_system(kem, bps, gaz, pairs, header)
    codes = kem if system == "kemendagri" else bps
    level = _majority_level(codes.values())
    result = CodeSystem(system=system, level=level, codes={}, unconfirmed=unconfirmed)
    for value in distinct:
        code = codes.get(value)
        if code is None:
            result.unknown_count += 1
            if len(result.unknown) < EXAMPLES:
                result.unknown.append(value)
        elif LEVELS.index(level_of(code)) < LEVELS.index(level):
            result.totals.append(value)
        else:
            result.codes[value] = code
    if pairs:
        _check_pairs(result, gaz, pairs)
    return result


def _name_code(gaz: Gazetteer, name: str, level: str) -> str | None:
    found = gaz.match_name(name, level)
    return found[0] if len(found) == 1 else None


def _agreement(codes: Mapping[str, str], gaz: Gazetteer, pairs: Mapping[str, Iterable[str]]) -> int:
    score = 0
    for value, names in pairs.items():
        code = codes.get(value.strip())
        if code is None:
            continue
        level = level_of(code)
        score += sum(1 for n in names if _name_code(gaz, n, level) == code)
    return score


def _pick_system(
    kem: dict[str, str],
    bps: dict[str, str],
    gaz: Gazetteer,
    pairs: Mapping[str, Iterable[str]] | None,
    header: str,
) -> tuple[str, bool]:
    if not bps:
        return "kemendagri", False
    if not kem:
        return "bps", False
    if pairs:
        k, b = _agreement(kem, gaz, pairs), _agreement(bps, gaz, pairs)
        if k != b:
            return ("kemendagri", False) if k > b else ("bps", False)
    words = set(re.split(r"[^a-z]+", header.lower()))
    if "bps" in words:
        return "bps", False
    if words & {"kemendagri", "permendagri", "kepmendagri", "dagri"}:
        return "kemendagri", False
    return ("kemendagri", True) if len(kem) >= len(bps) else ("bps", True)


def _check_pairs(result: CodeSystem, gaz: Gazetteer, pairs: Mapping[str, Iterable[str]]) -> None:
    for value, names in pairs.items():
        code = result.codes.get(value.strip())
        if code is None:
            continue
        for name in names:
            named = _name_code(gaz, name, level_of(code))
            if named is None:
                continue
            if named == code:
                result.agreements += 1
                continue
            result.conflict_count += 1
            if len(result.conflicts) < EXAMPLES:
                result.conflicts.append((value, name, code, named))
