"""The instansi of NTT and a sample list of OPD under each (pure: plain values in, rows out).

The instansi (Pemerintah Provinsi NTT, 22 Pemkab/Pemkot) exist by law for every region in the
Kemendagri code list. The OPD come from ``data/opd_templates.json``, a *sample* list not yet
verified against each region's Perda SOTK: they are loaded with ``is_sample=True`` and that
file's note as their ``source``. Slug rules are documented in the same file; other parts of
Lontar rely on them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.text import slugify
from django.utils.translation import gettext as _

from lontar.organisations.codes import PROVINCE_CODE
from lontar.organisations.loaders.regions import ReferenceDataError

TEMPLATES_FILE = Path(__file__).resolve().parent.parent / "data" / "opd_templates.json"
INSTANSI_SOURCE = "Kepmendagri 300.2.2-2138/2025 (kode dan data wilayah administrasi pemerintahan)"
PROVINCE_SLUG = "pemprov-ntt"
_LEVELS = ("provinsi", "kabupaten", "kota")
_OPD_TYPES = ("sekretariat", "inspektorat", "dinas", "badan", "kantor", "biro", "rsud", "kecamatan")


@dataclass(frozen=True)
class RegionInfo:
    code: str
    name: str
    level: str


@dataclass(frozen=True)
class UnitTemplate:
    short: str
    name: str
    abbreviation: str
    opd_type: str
    applies_to: tuple[str, ...]


@dataclass(frozen=True)
class OrganisationRow:
    slug: str
    name: str
    short_name: str
    kind: str
    opd_type: str
    parent_slug: str | None
    region_code: str
    is_sample: bool
    source: str


def read_templates(path: Path = TEMPLATES_FILE) -> tuple[str, list[UnitTemplate]]:
    """(note, unit templates) from the data file; raises ReferenceDataError when malformed."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        units = [_template(u) for u in doc["units"]]
        note = str(doc["note"])
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        raise ReferenceDataError(_("Cannot read %(file)s: %(error)s") % {"file": path.name, "error": exc}) from exc
    shorts = [u.short for u in units]
    if len(set(shorts)) != len(shorts):
        raise ReferenceDataError(_("%(file)s repeats a unit short name.") % {"file": path.name})
    return note, units


def _template(raw: dict[str, Any]) -> UnitTemplate:
    unit = UnitTemplate(
        short=str(raw["short"]),
        name=str(raw["name"]),
        abbreviation=str(raw["abbreviation"]),
        opd_type=str(raw["opd_type"]),
        applies_to=tuple(str(a) for a in raw["applies_to"]),
    )
    if slugify(unit.short) != unit.short or unit.opd_type not in _OPD_TYPES or not set(unit.applies_to) <= set(_LEVELS):
        raise ValueError(unit.short)
    return unit


def instansi_slug(region: RegionInfo) -> str:
    """``pemprov-ntt``, ``pemkab-<name>`` or ``pemkot-<name>`` (name without its level word)."""
    if region.level == "provinsi":
        return PROVINCE_SLUG
    prefix, word = ("pemkot", "Kota ") if region.level == "kota" else ("pemkab", "Kabupaten ")
    return f"{prefix}-{slugify(region.name.removeprefix(word))}"


def _region_words(region: RegionInfo) -> tuple[str, str, str]:
    """(instansi name, region phrase for unit names, region phrase for short names)."""
    if region.level == "provinsi":
        return f"Pemerintah Provinsi {region.name}", f"Provinsi {region.name}", "Provinsi NTT"
    bare = region.name.removeprefix("Kabupaten ").removeprefix("Kota ")
    if region.level == "kota":
        return f"Pemerintah {region.name}", region.name, f"Kota {bare}"
    return f"Pemerintah {region.name}", region.name, f"Kab. {bare}"


def instansi_short_name(region: RegionInfo) -> str:
    if region.level == "provinsi":
        return "Pemprov NTT"
    bare = region.name.removeprefix("Kabupaten ").removeprefix("Kota ")
    return f"{'Pemkot' if region.level == 'kota' else 'Pemkab'} {bare}"


def organisation_rows(regions: Iterable[RegionInfo], units: list[UnitTemplate], note: str) -> list[OrganisationRow]:
    """One instansi per province/kabupaten/kota region, then its OPD; instansi first."""
    instansi: list[OrganisationRow] = []
    opd: list[OrganisationRow] = []
    for region in sorted(regions, key=lambda r: r.code):
        if region.level not in _LEVELS or (region.level == "provinsi" and region.code != PROVINCE_CODE):
            continue
        slug = instansi_slug(region)
        full_name, phrase, short_phrase = _region_words(region)
        instansi.append(
            OrganisationRow(
                slug, full_name, instansi_short_name(region), "instansi", "", None, region.code, False, INSTANSI_SOURCE
            )
        )
        for unit in units:
            if region.level in unit.applies_to:
                opd.append(
                    OrganisationRow(
                        slug=f"{slug}-{unit.short}",
                        name=f"{unit.name} {phrase}",
                        short_name=f"{unit.abbreviation} {short_phrase}"[:60],
                        kind="opd",
                        opd_type=unit.opd_type,
                        parent_slug=slug,
                        region_code=region.code,
                        is_sample=True,
                        source=note,
                    )
                )
    return instansi + opd
