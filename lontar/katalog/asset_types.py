"""The type-specific attributes of each infrastructure object type (SIA-SPBE DAI, reference §2.2).

An asset stores them as a JSON object; :func:`clean_attributes` checks it against the schema of
its kind (unknown names refused, numbers in range, values from their lists) and returns the
normalised object. Pure: no database.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lontar.katalog.models.choices import AssetKind, LicenceType

TEXT_MAX = 200
NUMBER_MAX = 10_000_000


@dataclass(frozen=True)
class Attribute:
    name: str
    label: str | Promise
    kind: str = "text"  # text | int | choice
    choices: tuple[tuple[str, str | Promise], ...] = ()
    #: costs and similar: never on public pages or the public API
    private: bool = False


TIER = tuple((str(n), f"Tier {n}") for n in range(1, 5))
NETWORK_TYPE = (("intranet", "Intranet"), ("internet", "Internet"), ("sdwan", "SD-WAN"))
MEDIA_TYPE = (
    ("fiber_optic", "Fiber Optic"),
    ("coaxial", "Coaxial"),
    ("wireless_microwave", "Wireless Microwave"),
    ("vsat", "VSAT"),
    ("lainnya", gettext_lazy("Other")),
)
PRIMARY_BACKUP = (("primary", gettext_lazy("Primary")), ("backup", gettext_lazy("Backup (secondary)")))
LICENCE = tuple((value, label) for value, label in LicenceType.choices)
_OWNER = Attribute("nama_pemilik", gettext_lazy("Owner name"))

SCHEMA: dict[str, tuple[Attribute, ...]] = {
    AssetKind.FASILITAS_KOMPUTASI: (
        Attribute("bandwidth_intranet_mbps", gettext_lazy("Intranet bandwidth (Mbps)"), "int"),
        Attribute("bandwidth_internet_mbps", gettext_lazy("Internet bandwidth (Mbps)"), "int"),
        Attribute("lokasi", gettext_lazy("Location")),
        Attribute("tier", gettext_lazy("Tier classification"), "choice", TIER),
        Attribute("sistem_pengamanan", gettext_lazy("Security system")),
    ),
    AssetKind.KOMPUTASI_AWAN: (
        Attribute("tipe_cloud", gettext_lazy("Government cloud type")),
        _OWNER,
        Attribute("biaya_layanan_per_tahun", gettext_lazy("Service cost per year (Rp)"), "int", private=True),
    ),
    AssetKind.SERVER: (
        Attribute("jenis_penggunaan", gettext_lazy("Use")),
        _OWNER,
        Attribute("kapasitas_memori_gb", gettext_lazy("Memory (GB)"), "int"),
        Attribute("teknologi_prosesor", gettext_lazy("Processor technology")),
        Attribute("kapasitas_penyimpanan_gb", gettext_lazy("Storage (GB)"), "int"),
    ),
    AssetKind.PERIFERAL: (Attribute("tipe", gettext_lazy("Type")),),
    AssetKind.MEDIA_PENYIMPANAN: (
        Attribute("kapasitas_gb", gettext_lazy("Capacity (GB)"), "int"),
        Attribute("metode_akses", gettext_lazy("Data sharing access method")),
    ),
    AssetKind.PERANGKAT_JARINGAN: (Attribute("tipe_perangkat", gettext_lazy("Network device type")), _OWNER),
    AssetKind.PERANGKAT_KEAMANAN: (Attribute("tipe_perangkat", gettext_lazy("Security device type")), _OWNER),
    AssetKind.SISTEM_OPERASI: (
        Attribute("jenis", gettext_lazy("Kind")),
        Attribute("jenis_lisensi", gettext_lazy("Licence type"), "choice", LICENCE),
        _OWNER,
    ),
    AssetKind.PERANGKAT_LUNAK_BASIS_DATA: (
        Attribute("jenis", gettext_lazy("Kind")),
        Attribute("jenis_lisensi", gettext_lazy("Licence type"), "choice", LICENCE),
        _OWNER,
    ),
    AssetKind.UTILITAS: (
        Attribute("jenis", gettext_lazy("Kind")),
        Attribute("jenis_lisensi", gettext_lazy("Licence type"), "choice", LICENCE),
        _OWNER,
    ),
    AssetKind.JARINGAN_INTRA: (
        Attribute("jenis_jaringan", gettext_lazy("Network type"), "choice", NETWORK_TYPE),
        _OWNER,
        Attribute("tipe_media", gettext_lazy("Media type"), "choice", MEDIA_TYPE),
        Attribute("bandwidth_mbps", gettext_lazy("Bandwidth (Mbps)"), "int"),
        Attribute("primary_backup", gettext_lazy("Primary/backup"), "choice", PRIMARY_BACKUP),
    ),
    AssetKind.SPLP: (Attribute("jenis", gettext_lazy("Kind")), _OWNER),
}


def attributes_of(kind: str) -> tuple[Attribute, ...]:
    return SCHEMA.get(kind, ())


def _clean_one(attr: Attribute, value: Any) -> Any:
    text = " ".join(str(value).split()) if value is not None else ""
    if text == "":
        return None
    label = str(attr.label)
    if attr.kind == "int":
        if isinstance(value, bool) or not (isinstance(value, int) or text.isdigit()):
            raise ValidationError(_("%(label)s must be a whole number of 0 or more.") % {"label": label})
        number = int(text)
        if number > NUMBER_MAX:
            raise ValidationError(_("%(label)s may be at most %(max)d.") % {"label": label, "max": NUMBER_MAX})
        return number
    if attr.kind == "choice":
        allowed = {code: code for code, _label in attr.choices}
        allowed |= {str(lab).lower(): code for code, lab in attr.choices}
        found = allowed.get(text) or allowed.get(text.lower())
        if found is None:
            raise ValidationError(
                _("%(label)s must be one of: %(values)s.")
                % {"label": label, "values": ", ".join(code for code, _label in attr.choices)}
            )
        return found
    if len(text) > TEXT_MAX:
        raise ValidationError(_("%(label)s may be at most %(max)d characters.") % {"label": label, "max": TEXT_MAX})
    return text


def clean_attributes(kind: str, raw: dict[str, Any] | None) -> dict[str, Any]:
    """The attributes of an asset of ``kind``, checked and normalised (empty values dropped).

    Raises ``ValidationError({"attributes": [...]})`` listing every problem."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise ValidationError({"attributes": [_("The attributes must be an object of name and value.")]})
    schema = {a.name: a for a in attributes_of(kind)}
    problems: list[str] = []
    out: dict[str, Any] = {}
    for name, value in raw.items():
        attr = schema.get(str(name))
        if attr is None:
            problems.append(_("%(name)s is not an attribute of this kind of asset.") % {"name": str(name)[:60]})
            continue
        try:
            cleaned = _clean_one(attr, value)
        except ValidationError as exc:
            problems.extend(exc.messages)
            continue
        if cleaned is not None:
            out[attr.name] = cleaned
    if problems:
        raise ValidationError({"attributes": problems})
    return out


def public_attributes(kind: str, values: dict[str, Any]) -> dict[str, Any]:
    """``values`` without the private attributes (costs)."""
    private = {a.name for a in attributes_of(kind) if a.private}
    return {k: v for k, v in values.items() if k not in private}
