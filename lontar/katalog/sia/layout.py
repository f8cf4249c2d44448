"""The columns of the SIA-SPBE layout per object type and how values are written and read.

Choice values are written as their codes (``open_source``, ``operasional``) and read back as a
code or a label in Indonesian or English; lists are separated by ``;``; booleans are Ya/Tidak.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils import translation
from django.utils.translation import gettext as _

from lontar.core.spreadsheets import FORMULA_START
from lontar.katalog.models import (
    Application,
    AssetKind,
    AssetStatus,
    Basis,
    InfrastructureAsset,
    LicenceType,
    Ownership,
    OwnershipClass,
    Service,
    ServiceKind,
    Stage,
    SystemCategory,
)

TRUE = {"ya", "y", "yes", "true", "1", "benar"}
FALSE = {"tidak", "t", "no", "false", "0", "salah", ""}


class CellError(ValueError):
    """A cell that cannot be read; the message is shown to the user (already translated)."""


@dataclass(frozen=True)
class Column:
    header: str
    field: str
    kind: str = "text"  # text | choice | multi | bool | int | date | org | ref | refs | datasets | json
    choices: type[models.TextChoices] | None = None
    #: for ref/refs: "application" or "asset"
    target: str = ""


APPLICATION_COLUMNS: tuple[Column, ...] = (
    Column("ID", "code"),
    Column("Nama Aplikasi", "name"),
    Column("Akronim", "acronym"),
    Column("Uraian", "description"),
    Column("Fungsi", "function"),
    Column("Luaran", "output"),
    Column("Basis Aplikasi", "basis", "multi", Basis),
    Column("Tipe Lisensi Aplikasi", "licence_type", "choice", LicenceType),
    Column("Bahasa Pemrograman", "languages"),
    Column("Kerangka Pengembangan", "framework"),
    Column("Basis Data", "database"),
    Column("Unit Pengembang", "developer_unit"),
    Column("Unit Operasional", "operator_unit"),
    Column("RAA Level 1", "raa_l1"),
    Column("RAA Level 2", "raa_l2"),
    Column("RAA Level 3", "raa_l3"),
    Column("RAA Level 4", "raa_l4"),
    Column("Proses Bisnis (RAB)", "rab_code"),
    Column("Kelas Kepemilikan", "ownership_class", "choice", OwnershipClass),
    Column("URL", "url"),
    Column("Perangkat Daerah", "organisation", "org"),
    Column("Hosting", "hosting", "ref", target="asset"),
    Column("Tahap", "stage", "choice", Stage),
    Column("Digantikan Oleh", "replaced_by", "ref", target="application"),
    Column("Tahun Pengembangan", "year_built", "int"),
    Column("SSO", "sso", "bool"),
    Column("Tanda Tangan Elektronik", "tte", "bool"),
    Column("Kategori Sistem Elektronik", "system_category", "choice", SystemCategory),
    Column("Integrasi Aplikasi", "integrations", "refs", target="application"),
    Column("SPLP", "splp", "refs", target="asset"),
    Column("Data", "datasets", "datasets"),
)

ASSET_COLUMNS: tuple[Column, ...] = (
    Column("ID", "code"),
    Column("Jenis Infrastruktur", "kind", "choice", AssetKind),
    Column("Nama", "name"),
    Column("Uraian", "description"),
    Column("Status Kepemilikan", "ownership", "choice", Ownership),
    Column("Perangkat Daerah", "organisation", "org"),
    Column("Status", "status", "choice", AssetStatus),
    Column("Kode RAI", "rai_code"),
    Column("Validitas Lisensi", "licence_valid_until", "date"),
    Column("Atribut Khusus (JSON)", "attributes", "json"),
)

SERVICE_COLUMNS: tuple[Column, ...] = (
    Column("ID", "code"),
    Column("Nama Layanan", "name"),
    Column("Jenis Layanan", "kind", "choice", ServiceKind),
    Column("Kode RAL", "ral_code"),
    Column("Uraian", "description"),
    Column("Kanal Layanan (URL)", "channel_url"),
    Column("Perangkat Daerah", "organisation", "org"),
    Column("Aplikasi", "applications", "refs", target="application"),
)

#: object type -> (sheet title, columns, model)
LAYOUTS: dict[str, tuple[str, tuple[Column, ...], type[models.Model]]] = {
    "aplikasi": ("Aplikasi", APPLICATION_COLUMNS, Application),
    "aset": ("Infrastruktur", ASSET_COLUMNS, InfrastructureAsset),
    "layanan": ("Layanan", SERVICE_COLUMNS, Service),
}


# ---- writing ------------------------------------------------------------------------------------


def _codes(items: Any, attr: str = "code") -> str:
    return "; ".join(sorted(str(getattr(i, attr)) for i in items))


def cell_value(record: Any, column: Column) -> Any:
    value = getattr(record, column.field)
    kind = column.kind
    if kind == "multi":
        return "; ".join(value or [])
    if kind == "bool":
        return "Ya" if value else "Tidak"
    if kind == "org":
        return value.slug
    if kind == "ref":
        return value.code if value is not None else ""
    if kind == "refs":
        return _codes(value.all())
    if kind == "datasets":
        return _codes(value.all(), "slug")
    if kind == "json":
        return json.dumps(value or {}, ensure_ascii=False, sort_keys=True)
    if kind == "date":
        return value.isoformat() if value else ""
    return "" if value is None else value


# ---- reading ------------------------------------------------------------------------------------


def _choice_map(choices: type[models.TextChoices]) -> dict[str, str]:
    out: dict[str, str] = {}
    for lang in ("id", "en"):
        with translation.override(lang):
            for code, label in choices.choices:
                out[str(label).strip().lower()] = code
    out |= {code.lower(): code for code in choices.values}
    return out


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    # undo the export's formula escape ('=…, '-…)
    if text.startswith("'") and text[1:2] and text[1] in FORMULA_START:
        text = text[1:]
    return text


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.replace(",", ";").split(";") if part.strip()]


def _choice(column: Column, text: str) -> str:
    if not text:
        return ""
    assert column.choices is not None
    found = _choice_map(column.choices).get(text.lower())
    if found is None:
        raise CellError(
            _("%(column)s: %(value)s is not one of %(values)s.")
            % {"column": column.header, "value": text[:60], "values": ", ".join(column.choices.values)}
        )
    return found


def _bool(column: Column, text: str) -> bool:
    if text.lower() in TRUE:
        return True
    if text.lower() in FALSE:
        return False
    raise CellError(_("%(column)s: write Ya or Tidak.") % {"column": column.header})


def _int(column: Column, text: str) -> int | None:
    if not text:
        return None
    if not text.isdigit() or len(text) > 9:
        raise CellError(_("%(column)s: write a whole number.") % {"column": column.header})
    return int(text)


def parse_cell(column: Column, raw: Any) -> Any:
    """The Python value of one cell (references stay codes; the importer resolves them)."""
    text = _text(raw)
    kind = column.kind
    if kind == "choice":
        return _choice(column, text)
    if kind == "multi":
        return [_choice(column, part) for part in _split(text)]
    if kind == "bool":
        return _bool(column, text)
    if kind == "int":
        return _int(column, text)
    if kind == "date":
        return _date(column, raw, text)
    if kind in ("refs", "datasets"):
        return _split(text)
    if kind == "json":
        return _json(column, text)
    return text


def _date(column: Column, raw: Any, text: str) -> dt.date | None:
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError as exc:
        raise CellError(_("%(column)s: write a date as YYYY-MM-DD.") % {"column": column.header}) from exc


def _json(column: Column, text: str) -> dict[str, Any]:
    if not text:
        return {}
    try:
        value = json.loads(text)
    except ValueError as exc:
        raise CellError(_("%(column)s: not a valid JSON object.") % {"column": column.header}) from exc
    if not isinstance(value, dict):
        raise CellError(_("%(column)s: not a valid JSON object.") % {"column": column.header})
    return value
