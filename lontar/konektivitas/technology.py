"""Raw technology values ("Telkomsel Flash", "VSAT BAKTI", "FO") to the normalised list (pure).

Dapodik's ``akses_internet`` and kabupaten spreadsheets hold provider product names, not media
types (reference §2.6), so each value is mapped to a :class:`Technology`, its
:class:`TechnologyRoot` and, for cellular, a generation when the value names one. The raw value is
kept beside the normalised one on the connection. A value no rule recognises is
``tidak_diketahui`` (``recognised`` False), never a guess.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from lontar.konektivitas.models import CellularGeneration, Technology, TechnologyRoot

ROOTS: dict[str, str] = {
    Technology.FIBER: TechnologyRoot.KABEL,
    Technology.TEMBAGA_XDSL: TechnologyRoot.KABEL,
    Technology.KOAKSIAL: TechnologyRoot.KABEL,
    Technology.KABEL_LAIN: TechnologyRoot.KABEL,
    Technology.SELULER: TechnologyRoot.NIRKABEL,
    Technology.RADIO_P2P: TechnologyRoot.NIRKABEL,
    Technology.RADIO_P2MP: TechnologyRoot.NIRKABEL,
    Technology.VSAT: TechnologyRoot.NIRKABEL,
    Technology.SATELIT_LEO: TechnologyRoot.NIRKABEL,
    Technology.LAINNYA: TechnologyRoot.LAINNYA,
    Technology.TIDAK_ADA: TechnologyRoot.TIDAK_ADA,
    Technology.TIDAK_DIKETAHUI: TechnologyRoot.TIDAK_DIKETAHUI,
}

# (technology, phrases): the first rule with a phrase among the value's words wins, so the more
# specific rules come first ("Starlink" before "satelit", "radio p2mp" before "radio").
# A phrase is one or more whole words of the folded value.
_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        Technology.TIDAK_ADA,
        ("tidak ada", "tidak_ada", "belum ada", "tanpa internet", "none", "no connection", "nihil"),
    ),
    (Technology.SATELIT_LEO, ("starlink", "leo", "satelit leo", "satelit orbit rendah", "oneweb", "satelit_leo")),
    (
        Technology.VSAT,
        ("vsat", "satelit", "satellite", "satelite", "geo", "mangoesky", "satria", "bakti aksi satelit"),
    ),
    (
        Technology.FIBER,
        (
            "fiber",
            "fibre",
            "fo",
            "fiber optik",
            "fiber optic",
            "serat optik",
            "ftth",
            "gpon",
            "indihome",
            "astinet",
            "iconnet",
            "biznet",
            "myrepublic",
        ),
    ),
    (
        Technology.TEMBAGA_XDSL,
        ("adsl", "xdsl", "vdsl", "dsl", "speedy", "tembaga", "kabel tembaga", "copper", "tembaga_xdsl", "dial up"),
    ),
    (Technology.KOAKSIAL, ("koaksial", "coaxial", "coax", "kabel tv", "first media", "firstmedia", "hfc")),
    (
        Technology.RADIO_P2MP,
        ("p2mp", "radio p2mp", "point to multipoint", "point to multi point", "wimax", "radio_p2mp"),
    ),
    (
        Technology.RADIO_P2P,
        (
            "radio",
            "wireless",
            "microwave",
            "gelombang mikro",
            "p2p",
            "point to point",
            "radio link",
            "radio_p2p",
            "wifi",
            "wi fi",
            "nirkabel",
        ),
    ),
    (
        Technology.SELULER,
        (
            "seluler",
            "selular",
            "cellular",
            "telkomsel",
            "flash",
            "simpati",
            "kartu as",
            "by u",
            "indosat",
            "im3",
            "ooredoo",
            "xl",
            "axis",
            "tri",
            "smartfren",
            "modem",
            "mifi",
            "tethering",
            "paket data",
            "gsm",
            "lte",
            "4g",
            "3g",
            "2g",
            "5g",
            "hsdpa",
            "umts",
            "edge",
            "gprs",
        ),
    ),
    (Technology.KABEL_LAIN, ("kabel", "wired", "lan", "ethernet", "kabel_lain", "leased line")),
    (Technology.LAINNYA, ("lainnya", "lain lain", "other", "others")),
    (Technology.TIDAK_DIKETAHUI, ("tidak diketahui", "tidak_diketahui", "unknown", "tidak tahu")),
)
_GENERATIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (CellularGeneration.G2, ("2 5g", "2 75g")),  # "2.5G" folds to "2 5g": before "5g"
    (CellularGeneration.G5, ("5g", "nr")),
    (CellularGeneration.G4, ("4g", "lte", "4g lte")),
    (CellularGeneration.G3, ("3g", "hsdpa", "hspa", "umts", "h plus", "evdo")),
    (CellularGeneration.G2, ("2g", "edge", "gprs", "gsm")),
)
_NON_WORD = re.compile(r"[^0-9a-z]+")
MAX_LENGTH = 120


@dataclass(frozen=True)
class Normalised:
    technology: str
    root: str
    generation: str = ""
    recognised: bool = True


def fold(raw: str) -> str:
    """Lower case, accents and punctuation removed, words separated by one space."""
    text = unicodedata.normalize("NFKD", str(raw)[: MAX_LENGTH * 2]).encode("ascii", "ignore").decode().lower()
    text = text.replace("+", " plus ")
    return " ".join(_NON_WORD.sub(" ", text).split())


def _has(padded: str, phrase: str) -> bool:
    return f" {phrase} " in padded


def _by_code_or_label(raw: str) -> str | None:
    value = raw.strip()
    if value in Technology.values:
        return value
    lowered = value.lower()
    for code, label in Technology.choices:
        if lowered == str(label).lower():
            return code
    return None


def normalise(raw: str | None) -> Normalised:
    """The normalised technology of a raw value (see the module text)."""
    if raw is None or not str(raw).strip():
        return Normalised(Technology.TIDAK_DIKETAHUI, TechnologyRoot.TIDAK_DIKETAHUI, recognised=False)
    direct = _by_code_or_label(str(raw))
    folded = fold(raw)
    padded = f" {folded} "
    technology = direct
    if technology is None:
        technology = next((tech for tech, phrases in _RULES if any(_has(padded, p) for p in phrases)), None)
    if technology is None:
        return Normalised(Technology.TIDAK_DIKETAHUI, TechnologyRoot.TIDAK_DIKETAHUI, recognised=False)
    generation = ""
    if technology == Technology.SELULER:
        generation = next((gen for gen, words in _GENERATIONS if any(_has(padded, w) for w in words)), "")
    return Normalised(technology, ROOTS[technology], generation, recognised=technology != Technology.TIDAK_DIKETAHUI)
