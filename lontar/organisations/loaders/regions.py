"""Read the NTT region reference files and bring the ``Region`` table in line with them.

Files (``data/reference``, see its ``SOURCES.md``; codes, names and boundaries are derived from
``cahyadsn/wilayah`` and ``cahyadsn/wilayah_boundaries``, MIT licence, Copyright (c) 2017/2024
Cahya DSN — keep that notice with anything derived):

* ``ntt_wilayah_kemendagri_2025.csv``: every Kemendagri code of NTT (Kepmendagri 300.2.2-2138/2025);
* ``ntt_kabupaten_kota.csv``: kabupaten/kota with BPS code, kind, capital, BIG area, Dukcapil population;
* ``ntt_kabkota.geojson`` and ``ntt_kecamatan.geojson``: boundaries and centroids.

Reading is pure (files in, ``RegionRow`` values out); :func:`plan_sync` is a pure diff and
:func:`sync_regions` writes the plan with bulk operations in one transaction.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from lontar.organisations.codes import PROVINCE_CODE, level_for_code

REGION_FILE = "ntt_wilayah_kemendagri_2025.csv"
KABKOTA_FILE = "ntt_kabupaten_kota.csv"
KABKOTA_GEOJSON = "ntt_kabkota.geojson"
KECAMATAN_GEOJSON = "ntt_kecamatan.geojson"

#: Region fields the loader owns, in the order of :meth:`RegionRow.values`.
FIELDS = ("name", "level", "parent_id", "bps_code", "capital", "area_km2", "population", "lat", "lng", "geometry")
_THOUSANDTH = Decimal("0.001")


class ReferenceDataError(ValueError):
    """A reference file is missing, unreadable or inconsistent; nothing was written."""


@dataclass(frozen=True)
class RegionRow:
    code: str
    name: str
    level: str
    parent_id: str | None
    bps_code: str = ""
    capital: str = ""
    area_km2: Decimal | None = None
    population: int | None = None
    lat: float | None = None
    lng: float | None = None
    geometry: dict[str, Any] | None = field(default=None, compare=False, hash=False)

    def values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in FIELDS)


@dataclass(frozen=True)
class KabKota:
    bps_code: str
    level: str
    capital: str
    area_km2: Decimal
    population: int


def read_regions(data_dir: Path) -> list[RegionRow]:
    """Every NTT region from the reference files, parents before children."""
    entries = _read_csv(data_dir / REGION_FILE, ("kode", "nama", "tingkat", "kode_induk"))
    kabkota = _read_kabkota(data_dir / KABKOTA_FILE)
    shapes = {**_read_features(data_dir / KABKOTA_GEOJSON), **_read_features(data_dir / KECAMATAN_GEOJSON)}
    rows = [_row(entry, kabkota, shapes) for entry in entries]
    rows = _with_province_totals(rows, kabkota)
    check_tree(rows)
    return sorted(rows, key=lambda r: (r.code.count("."), r.code))


def check_tree(rows: Iterable[RegionRow]) -> None:
    """Codes unique, every parent present, every code one level below its parent."""
    seen: dict[str, RegionRow] = {}
    for row in rows:
        if row.code in seen:
            raise ReferenceDataError(_("Region code %(code)s appears twice.") % {"code": row.code})
        seen[row.code] = row
    for row in seen.values():
        if row.parent_id is None:
            if row.code != PROVINCE_CODE:
                raise ReferenceDataError(_("Region %(code)s has no parent.") % {"code": row.code})
            continue
        if row.parent_id not in seen or not row.code.startswith(row.parent_id + "."):
            raise ReferenceDataError(
                _("Region %(code)s names an unknown parent %(parent)s.") % {"code": row.code, "parent": row.parent_id}
            )


def _read_csv(path: Path, columns: tuple[str, ...]) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = set(columns) - set(reader.fieldnames or ())
            if missing:
                raise ReferenceDataError(
                    _("%(file)s lacks the columns %(columns)s.")
                    % {"file": path.name, "columns": ", ".join(sorted(missing))}
                )
            return [{k: (v or "").strip() for k, v in row.items() if k} for row in reader]
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ReferenceDataError(_("Cannot read %(file)s: %(error)s") % {"file": path.name, "error": exc}) from exc


def _read_kabkota(path: Path) -> dict[str, KabKota]:
    columns = ("kode_kemendagri", "kode_bps", "jenis", "ibukota", "luas_km2", "penduduk_dukcapil_2024s2")
    result: dict[str, KabKota] = {}
    for row in _read_csv(path, columns):
        code = row["kode_kemendagri"]
        if level_for_code(code) not in ("kabupaten", "kota") or row["jenis"] not in ("kabupaten", "kota"):
            raise ReferenceDataError(
                _("%(file)s: bad kabupaten/kota row %(code)s.") % {"file": path.name, "code": code}
            )
        try:
            area = Decimal(row["luas_km2"]).quantize(_THOUSANDTH)
            population = int(row["penduduk_dukcapil_2024s2"])
        except (InvalidOperation, ValueError) as exc:
            raise ReferenceDataError(
                _("%(file)s: bad number in row %(code)s.") % {"file": path.name, "code": code}
            ) from exc
        result[code] = KabKota(row["kode_bps"], row["jenis"], row["ibukota"], area, population)
    return result


def _read_features(path: Path) -> dict[str, dict[str, Any]]:
    try:
        collection = json.loads(path.read_text(encoding="utf-8"))
        features = {f["properties"]["kode"]: f for f in collection["features"]}
        for feature in features.values():
            float(feature["properties"]["lat"]), float(feature["properties"]["lng"])
            if feature["geometry"]["type"] not in ("Polygon", "MultiPolygon"):
                raise ValueError(feature["geometry"]["type"])
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        raise ReferenceDataError(_("Cannot read %(file)s: %(error)s") % {"file": path.name, "error": exc}) from exc
    return features


def _row(entry: Mapping[str, str], kabkota: Mapping[str, KabKota], shapes: Mapping[str, dict]) -> RegionRow:
    code, name = entry["kode"], entry["nama"]
    level = level_for_code(code)
    listed = "kabupaten_kota" if level in ("kabupaten", "kota") else level
    if not name or level is None or entry["tingkat"] != listed:
        raise ReferenceDataError(_("Region row %(code)s is not valid.") % {"code": code[:20]})
    extra: dict[str, Any] = {}
    if listed == "kabupaten_kota":
        info = kabkota.get(code)
        if info is None or info.level != level:
            raise ReferenceDataError(
                _("Kabupaten/kota %(code)s is missing from %(file)s or has the wrong kind.")
                % {"code": code, "file": KABKOTA_FILE}
            )
        extra = {
            "bps_code": info.bps_code,
            "capital": info.capital,
            "area_km2": info.area_km2,
            "population": info.population,
        }
    elif level == "provinsi":
        extra = {"bps_code": PROVINCE_CODE}
    feature = shapes.get(code)
    if feature is not None:
        props = feature["properties"]
        extra.update(lat=float(props["lat"]), lng=float(props["lng"]), geometry=feature["geometry"])
    return RegionRow(code=code, name=name, level=level, parent_id=entry["kode_induk"] or None, **extra)


def _with_province_totals(rows: list[RegionRow], kabkota: Mapping[str, KabKota]) -> list[RegionRow]:
    """The province's area and population are the sums over its kabupaten/kota (same sources)."""
    area = sum((k.area_km2 for k in kabkota.values()), Decimal(0))
    population = sum(k.population for k in kabkota.values())
    return [
        RegionRow(**{**_as_kwargs(r), "area_km2": area, "population": population}) if r.code == PROVINCE_CODE else r
        for r in rows
    ]


def _as_kwargs(row: RegionRow) -> dict[str, Any]:
    return {"code": row.code, **{name: getattr(row, name) for name in FIELDS}}


@dataclass
class SyncPlan:
    create: list[RegionRow]
    update: list[RegionRow]
    unchanged: int


def plan_sync(existing: Mapping[str, tuple[Any, ...]], rows: Iterable[RegionRow]) -> SyncPlan:
    """Which rows are new, which differ from ``existing`` (code -> values in FIELDS order)."""
    plan = SyncPlan(create=[], update=[], unchanged=0)
    for row in rows:
        current = existing.get(row.code)
        if current is None:
            plan.create.append(row)
        elif current != row.values():
            plan.update.append(row)
        else:
            plan.unchanged += 1
    return plan
