"""Validation of the NIK (Nomor Induk Kependudukan). Pure functions, no database.

A NIK has 16 digits: ``PP KK CC DDMMYY SSSS``

* ``PP`` the province code (Kemendagri), ``KK`` the kabupaten/kota, ``CC`` the kecamatan
  of first registration (neither may be ``00``);
* ``DDMMYY`` the date of birth, with 40 added to the day for women (41–71);
* ``SSSS`` a serial number starting at 0001.
"""

from __future__ import annotations

import calendar
import re
from enum import Enum

from django.utils.translation import gettext_lazy as _

#: Province codes of Kemendagri (Kepmendagri 300.2.2-2138/2025), including the Papua
#: provinces formed in 2022 (93 Papua Selatan, 94 Papua Tengah, 95 Papua Pegunungan,
#: 96 Papua Barat Daya).
PROVINCE_CODES: frozenset[str] = frozenset(
    {
        *(str(c) for c in range(11, 20)),  # Aceh … Kepulauan Bangka Belitung
        "21",  # Kepulauan Riau
        *(str(c) for c in range(31, 37)),  # DKI Jakarta … Banten
        "51",
        "52",
        "53",  # Bali, NTB, NTT
        *(str(c) for c in range(61, 66)),  # Kalimantan
        *(str(c) for c in range(71, 77)),  # Sulawesi
        "81",
        "82",  # Maluku, Maluku Utara
        *(str(c) for c in range(91, 97)),  # Papua
    }
)

_DIGITS = re.compile(r"[0-9]{16}")
_WOMEN_DAY_OFFSET = 40


class NikProblem(Enum):
    LENGTH = _("A NIK has exactly 16 digits (numbers only, no spaces or dots).")
    PROVINCE = _("The first two digits of a NIK must be a province code (11–96); these are not.")
    REGION = _("Digits 3–6 of a NIK (regency/city and district codes) cannot be 00.")
    DATE = _("Digits 7–12 of a NIK must be a date of birth DDMMYY (women: day plus 40); this one is not a real date.")
    SERIAL = _("The last four digits of a NIK cannot be 0000.")


def normalise(raw: str) -> str:
    """Remove spaces, dots and dashes people type between groups of digits."""
    return re.sub(r"[\s.\-]", "", raw or "")


def _plausible_date(day: int, month: int, yy: int) -> bool:
    if day > _WOMEN_DAY_OFFSET:
        day -= _WOMEN_DAY_OFFSET
    if not 1 <= month <= 12 or day < 1:
        return False
    # Born in 19YY or 20YY: the day must exist in one of the two years (29 February).
    return any(day <= calendar.monthrange(century + yy, month)[1] for century in (1900, 2000))


def problem(nik: str) -> NikProblem | None:
    """The first problem with an (already normalised) NIK, or None when it is plausible."""
    if not _DIGITS.fullmatch(nik):
        return NikProblem.LENGTH
    if nik[0:2] not in PROVINCE_CODES:
        return NikProblem.PROVINCE
    if nik[2:4] == "00" or nik[4:6] == "00":
        return NikProblem.REGION
    if not _plausible_date(int(nik[6:8]), int(nik[8:10]), int(nik[10:12])):
        return NikProblem.DATE
    if nik[12:16] == "0000":
        return NikProblem.SERIAL
    return None


def is_valid(nik: str) -> bool:
    return problem(nik) is None


def is_female(nik: str) -> bool:
    """True when the day part carries the +40 of a woman's NIK (for a valid NIK)."""
    return int(nik[6:8]) > _WOMEN_DAY_OFFSET
