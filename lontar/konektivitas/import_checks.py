"""Data-quality checks of a site file, row by row (no writes; the context is read once).

Each row is checked for: the mandatory fields; a known site kind; numbers that parse and lie in
range; a desa/kelurahan code of NTT; a point in NTT and in the kabupaten/kota of its desa code (not
in the sea; swapped latitude/longitude are detected and a fix offered); external ids (NPSN, kode
puskesmas, BAKTI id) and codes unique within the file and against the registry; an organisation
the uploader manages. Possible duplicates (another site within 110 m with a similar name, ratio ≥
0.7, found by grid bucketing) are warnings: they need a look, not a refusal.
"""

from __future__ import annotations

import difflib
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.utils.translation import gettext as _

from lontar.konektivitas.geo import Boundaries
from lontar.konektivitas.models import LocationSource, PowerSource, SiteKind
from lontar.konektivitas.technology import fold

#: file column (folded) -> field; the Indonesian names first
ALIASES: dict[str, str] = {
    "kode": "code",
    "kode_titik": "code",
    "code": "code",
    "nama": "name",
    "nama_titik": "name",
    "name": "name",
    "jenis": "kind",
    "kind": "kind",
    "kode_desa": "desa",
    "desa": "desa",
    "kode_wilayah": "desa",
    "lintang": "lat",
    "latitude": "lat",
    "lat": "lat",
    "bujur": "lng",
    "longitude": "lng",
    "lng": "lng",
    "lon": "lng",
    "npsn": "npsn",
    "kode_puskesmas": "puskesmas_code",
    "bakti_site_id": "bakti_site_id",
    "id_bakti": "bakti_site_id",
    "organisasi": "organisation",
    "opd": "organisation",
    "sumber_lokasi": "location_source",
    "akurasi_m": "location_accuracy_m",
    "listrik": "power",
    "terpencil": "remote",
    "perbatasan": "border",
    "rawan_bencana": "disaster_prone",
}
MANDATORY = ("code", "name", "kind", "desa", "lat", "lng")
#: field -> the column name of the template
COLUMN_NAMES = {field: column for column, field in reversed(list(ALIASES.items()))}
EXTERNAL_IDS = ("npsn", "puskesmas_code", "bakti_site_id")
DUPLICATE_DISTANCE_M = 110.0
NAME_SIMILARITY = 0.7
MAX_ACCURACY_M = 100_000.0
_CELL = 0.001  # degrees: about 110 m
_TRUE = {"ya", "y", "yes", "true", "1", "benar"}
_FALSE = {"tidak", "t", "no", "false", "0", "salah", ""}
_NPSN = re.compile(r"^\d{8}$")


@lru_cache(maxsize=4096)
def column_key(label: str) -> str:
    return fold(label).replace(" ", "_")


def map_columns(labels: list[str]) -> tuple[dict[str, int], list[str]]:
    """(field -> column index, labels not understood)."""
    found: dict[str, int] = {}
    unknown = []
    for i, label in enumerate(labels):
        name = ALIASES.get(column_key(label))
        if name and name not in found:
            found[name] = i
        elif label.strip():
            unknown.append(label)
    return found, unknown


def _choices(enum: Any) -> dict[str, str]:
    out = {}
    for code, label in enum.choices:
        out[column_key(code)] = code
        out[column_key(str(label))] = code
    return out


@dataclass
class Context:
    """What the checks read from the database, once per file."""

    boundaries: Boundaries
    desa: dict[str, tuple[str, str]]
    #: code -> (pk, organisation id, npsn, puskesmas code, bakti id)
    existing_codes: dict[str, tuple[int, int, str, str, str]]
    #: (field, value) -> site code, for the external ids already registered
    existing_ids: dict[tuple[str, str], str]
    #: (lat, lng, name, code) of the active sites, for near duplicates
    existing_points: list[tuple[float, float, str, str]]
    organisations: dict[str, Any]  # slug -> organisation
    default_organisation: Any
    may_manage: Callable[[Any], bool]
    may_manage_id: Callable[[int], bool]
    fix_swapped: bool = False
    kabkota_names: dict[str, str] = field(default_factory=dict)
    #: a digest of everything above that the checks read (import_apply reuses a check while it holds)
    registry_digest: str = ""


@dataclass
class Row:
    line: int
    values: dict[str, Any]
    errors: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[dict[str, Any]] = field(default_factory=list)
    fix: dict[str, Any] | None = None


def _number(text: str) -> float | None:
    text = text.strip().replace("\u2212", "-")
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _flag(text: str) -> bool | None:
    key = column_key(text)
    return True if key in _TRUE else False if key in _FALSE else None


class Checker:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.kinds = _choices(SiteKind)
        self.powers = _choices(PowerSource)
        self.sources = _choices(LocationSource)
        self.seen_codes: dict[str, int] = {}
        self.seen_ids: dict[tuple[str, str], int] = {}
        self.labels = field_labels()

    def err(self, row: Row, name: str, code: str, message: str) -> None:
        row.errors.append({"line": row.line, "field": name, "code": code, "message": message})

    def row(self, line: int, raw: dict[str, str]) -> Row:
        row = Row(line, {})
        values = row.values
        for name in MANDATORY:
            if not raw.get(name, "").strip():
                self.err(row, name, "required", _("%(field)s is empty.") % {"field": self.labels[name]})
        code = raw.get("code", "").strip()
        values["code"] = code[:40]
        values["name"] = raw.get("name", "").strip()[:200]
        if code:
            if len(code) > 40:
                self.err(row, "code", "too_long", _("The code is longer than 40 characters."))
            first = self.seen_codes.setdefault(code, line)
            if first != line:
                self.err(
                    row,
                    "code",
                    "duplicate",
                    _("Code %(code)s is also on row %(line)s.") % {"code": code, "line": first},
                )
        self._kind(row, raw)
        self._place(row, raw)
        self._ids(row, raw)
        self._organisation(row, raw)
        self._optional(row, raw)
        return row

    def _kind(self, row: Row, raw: dict[str, str]) -> None:
        text = raw.get("kind", "").strip()
        if text:
            kind = self.kinds.get(column_key(text))
            if kind is None:
                self.err(row, "kind", "choice", _("Unknown site kind %(value)s.") % {"value": text[:60]})
            row.values["kind"] = kind

    def _place(self, row: Row, raw: dict[str, str]) -> None:
        desa = raw.get("desa", "").strip()
        lat_text, lng_text = raw.get("lat", ""), raw.get("lng", "")
        lat, lng = _number(lat_text), _number(lng_text)
        if lat_text.strip() and lat is None:
            self.err(row, "lat", "number", _("Latitude %(value)s is not a number.") % {"value": lat_text[:40]})
        if lng_text.strip() and lng is None:
            self.err(row, "lng", "number", _("Longitude %(value)s is not a number.") % {"value": lng_text[:40]})
        if desa:
            if desa not in self.ctx.desa:
                self.err(
                    row,
                    "desa",
                    "unknown_desa",
                    _("Unknown desa/kelurahan code %(code)s (Kemendagri code such as 53.71.01.1001).")
                    % {"code": desa[:40]},
                )
            else:
                row.values["desa_id"] = desa
                row.values["kabupaten_id"] = desa[:5]
        if lat is None or lng is None:
            return
        expected = row.values.get("kabupaten_id", "")
        placement = self.ctx.boundaries.place(lat, lng, expected)
        if placement.problem == "swapped":
            swapped = self.ctx.boundaries.place(lng, lat, expected)
            row.fix = {"kind": "swap", "lat": lng, "lng": lat}
            if self.ctx.fix_swapped and not swapped.problem:
                lat, lng, placement = lng, lat, swapped
        row.values["lat"], row.values["lng"] = lat, lng
        if placement.problem:
            from lontar.konektivitas.services.sites import placement_message

            message = placement_message(placement, lat=lat, lng=lng, expected=expected)
            self.err(row, "lat", placement.problem, message)

    def _ids(self, row: Row, raw: dict[str, str]) -> None:
        """External ids unique in the file and in the registry. A row whose code is new but whose
        external id is registered updates that site (upsert by external id)."""
        code = row.values["code"]
        owners: dict[str, str] = {}
        for name in EXTERNAL_IDS:
            value = raw.get(name, "").strip()[:40]
            row.values[name] = value
            if not value:
                continue
            label = self.labels[name]
            if name == "npsn" and not _NPSN.match(value):
                self.err(row, name, "format", _("NPSN %(value)s is not 8 digits.") % {"value": value[:20]})
            first = self.seen_ids.setdefault((name, value), row.line)
            if first != row.line:
                params = {"label": label, "value": value, "line": first}
                self.err(row, name, "duplicate", _("%(label)s %(value)s is also on row %(line)s.") % params)
            owner = self.ctx.existing_ids.get((name, value))
            if owner is not None:
                owners[name] = owner
        if code in self.ctx.existing_codes:
            row.values["match"] = code
        elif len(set(owners.values())) == 1:
            row.values["match"] = next(iter(owners.values()))
        target = row.values.get("match", code)
        for name, owner in owners.items():
            if owner != target:
                params = {"label": self.labels[name], "value": row.values[name], "other": owner}
                self.err(row, name, "taken", _("%(label)s %(value)s is already used by site %(other)s.") % params)

    def _organisation(self, row: Row, raw: dict[str, str]) -> None:
        slug = raw.get("organisation", "").strip()
        org = self.ctx.organisations.get(slug) if slug else self.ctx.default_organisation
        if org is None:
            self.err(row, "organisation", "unknown", _("Unknown organisation %(slug)s.") % {"slug": slug[:80]})
            return
        row.values["organisation"] = org
        existing = self.ctx.existing_codes.get(row.values.get("match", ""))
        if not self.ctx.may_manage(org) or (existing is not None and not self.ctx.may_manage_id(existing[1])):
            self.err(row, "organisation", "permission", _("You may not manage the sites of this organisation."))

    def _optional(self, row: Row, raw: dict[str, str]) -> None:
        values = row.values
        for name, choices in (("power", self.powers), ("location_source", self.sources)):
            text = raw.get(name, "").strip()
            if text:
                found = choices.get(column_key(text))
                if found is None:
                    self.err(row, name, "choice", _("Unknown value %(value)s.") % {"value": text[:60]})
                values[name] = found
        text = raw.get("location_accuracy_m", "").strip()
        if text:
            number = _number(text)
            if number is None or not (0 <= number <= MAX_ACCURACY_M):
                self.err(
                    row,
                    "location_accuracy_m",
                    "range",
                    _("The location accuracy is between 0 and %(max)s m.") % {"max": int(MAX_ACCURACY_M)},
                )
            values["location_accuracy_m"] = number
        for name in ("remote", "border", "disaster_prone"):
            text = raw.get(name, "")
            flag = _flag(text)
            if flag is None:
                self.err(row, name, "boolean", _("Write ya or tidak, not %(value)s.") % {"value": text[:20]})
            values[name] = bool(flag)


def field_labels() -> dict[str, str]:
    """Field names for messages (translated at call time)."""
    return {
        "code": _("code"),
        "name": _("name"),
        "kind": _("kind"),
        "desa": _("desa/kelurahan code"),
        "lat": _("latitude"),
        "lng": _("longitude"),
        "npsn": _("NPSN"),
        "puskesmas_code": _("puskesmas code"),
        "bakti_site_id": _("BAKTI site id"),
    }


def _distance_m(a: tuple[float, float], b: tuple[float, float]) -> float:
    kx = math.cos(math.radians((a[0] + b[0]) / 2)) * 111_320.0
    return math.hypot((a[1] - b[1]) * kx, (a[0] - b[0]) * 111_320.0)


def near_duplicates(rows: Iterable[Row], existing: Iterable[tuple[float, float, str, str]]) -> None:
    """Warn about sites within 110 m of another with a similar name (file and registry)."""
    grid: dict[tuple[int, int], list[tuple[float, float, str, str, int]]] = defaultdict(list)
    for elat, elng, ename, ecode in existing:
        grid[(int(elat // _CELL), int(elng // _CELL))].append((elat, elng, fold(ename), ecode, 0))
    for row in rows:
        if row.values.get("lat") is None or row.values.get("lng") is None or row.errors:
            continue
        lat, lng = float(row.values["lat"]), float(row.values["lng"])
        name = fold(row.values["name"])
        cx, cy = int(lat // _CELL), int(lng // _CELL)
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for olat, olng, oname, ocode, oline in grid.get((cx + dx, cy + dy), ()):
                    if ocode == row.values["code"] or _distance_m((lat, lng), (olat, olng)) > DUPLICATE_DISTANCE_M:
                        continue
                    if difflib.SequenceMatcher(None, name, oname).ratio() >= NAME_SIMILARITY:
                        where = _("row %(line)s") % {"line": oline} if oline else _("site %(code)s") % {"code": ocode}
                        row.warnings.append(
                            {
                                "line": row.line,
                                "field": "name",
                                "code": "near_duplicate",
                                "message": _("Within 110 m of %(where)s with a similar name: a duplicate?")
                                % {"where": where},
                            }
                        )
        grid[(cx, cy)].append((lat, lng, name, row.values["code"], row.line))
