"""The one way Lontar writes dates and times for people, and whether a deadline has passed.

A date: "7 Desember 2026" ("7 December 2026" in English). A moment: "7 Desember 2026 14.05 WITA"
(English "7 December 2026 14:05 WITA"), in the site's time zone (``TIME_ZONE``) with its
abbreviation. Templates use the filters ``long_date``/``long_datetime`` and the tag ``deadline``
of ``lontar_ui``; Python code (mail, PDF, messages) calls these functions.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.dateformat import format as dj_format
from django.utils.translation import get_language

DATE_FORMAT = "j F Y"
#: time of day per language (Indonesian writes 14.05, English 14:05)
TIME_FORMATS = {"id": "H.i", "en": "H:i"}


def _time_format() -> str:
    language = (get_language() or "id").split("-")[0]
    return TIME_FORMATS.get(language, TIME_FORMATS["id"])


def format_date(value: object) -> str:
    """``value`` (a date, or a datetime taken in the site's time zone) as "7 Desember 2026"; '' for
    None or ''; anything else as text."""
    if value is None or value == "":
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return dj_format(value.date(), DATE_FORMAT)
    if isinstance(value, dt.date):
        return dj_format(value, DATE_FORMAT)
    return str(value)


def format_datetime(value: object) -> str:
    """``value`` as "7 Desember 2026 14.05 WITA" (the site's time zone); a plain date as
    :func:`format_date` does; '' for None or ''."""
    if isinstance(value, dt.datetime):
        if timezone.is_naive(value):
            value = timezone.make_aware(value)
        local = timezone.localtime(value)
        zone = local.tzname() or ""
        text = f"{dj_format(local, DATE_FORMAT)} {dj_format(local, _time_format())}"
        return f"{text} {zone}" if zone else text
    return format_date(value)


def local_today() -> dt.date:
    return timezone.localdate()


def is_past(due: object, today: dt.date | None = None) -> bool:
    """True when the deadline ``due`` has passed: a date is the last allowed day (past from the
    next day on, in the site's time zone), a datetime the last allowed moment. None never has."""
    if isinstance(due, dt.datetime):
        if today is None:
            return due < (timezone.now() if timezone.is_aware(due) else dt.datetime.now())
        due = timezone.localtime(due).date() if timezone.is_aware(due) else due.date()
    if isinstance(due, dt.date):
        return due < (today or local_today())
    return False
