"""Reference lists of the catalogue kept as data files (``data/``): urusan and licences.

Pure readers: plain values in, plain values out, cached per process (the files ship with the code).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import gettext_lazy as _

DATA_DIR = Path(__file__).resolve().parent / "data"
URUSAN_FILE = DATA_DIR / "urusan.json"
LICENCES_FILE = DATA_DIR / "licences.json"
DEFAULT_LICENCE = "cc-by-4.0"


@dataclass(frozen=True)
class Urusan:
    code: str
    slug: str
    name: str
    group: str


@dataclass(frozen=True)
class Licence:
    id: str
    title: str
    url: str
    is_open: bool


@cache
def urusan_list(path: Path = URUSAN_FILE) -> tuple[Urusan, ...]:
    doc = json.loads(path.read_text(encoding="utf-8"))
    return tuple(Urusan(code=u["code"], slug=u["slug"], name=u["name"], group=u["group"]) for u in doc["urusan"])


@cache
def licences(path: Path = LICENCES_FILE) -> tuple[Licence, ...]:
    doc = json.loads(path.read_text(encoding="utf-8"))
    return tuple(
        Licence(id=item["id"], title=item["title"], url=item["url"], is_open=bool(item["is_open"]))
        for item in doc["licences"]
    )


#: titles that are descriptions rather than names are translated
_TRANSLATED_TITLES = {"other-closed": _("Other (not open): terms set by the producer")}


def licence_choices() -> list[tuple[str, object]]:
    return [(lic.id, _TRANSLATED_TITLES.get(lic.id, lic.title)) for lic in licences()]


def licence(licence_id: str) -> Licence | None:
    return next((lic for lic in licences() if lic.id == licence_id), None)
