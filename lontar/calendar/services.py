"""Changes to the working-day calendar. Each writes its audit event in the same transaction."""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from lontar.accounts.permissions import is_province_admin
from lontar.audit.services import audit_record
from lontar.calendar.models import Holiday, HolidayKind, HolidaySource
from lontar.core.dates import format_date

NAME_MAX: int = Holiday._meta.get_field("name").max_length or 200
NOTE_MAX: int = Holiday._meta.get_field("note").max_length or 300
#: dates an admin may set; deadlines beyond this range make no sense for a public body
MIN_DATE = dt.date(2000, 1, 1)
MAX_DATE = dt.date(2100, 12, 31)


def _require_admin(actor: Any) -> None:
    if not is_province_admin(actor):
        raise PermissionDenied(_("Only a province administrator may change the working-day calendar."))


def _normalise(value: str, field: str) -> str:
    """Collapse whitespace; refuse control characters (PostgreSQL cannot even store NUL)."""
    text = " ".join(str(value or "").split())
    if any(unicodedata.category(ch) == "Cc" for ch in text):
        raise ValidationError({field: _("The text contains control characters; remove them.")})
    return text


def _clean_name(value: str) -> str:
    text = _normalise(value, "name")
    if not text:
        raise ValidationError({"name": _("Fill in the name of the day off.")})
    if len(text) > NAME_MAX:
        raise ValidationError({"name": _("The name may be at most %(max)d characters.") % {"max": NAME_MAX}})
    return text


def _clean_note(value: str) -> str:
    text = _normalise(value, "note")
    if not text:
        raise ValidationError({"note": _("Write a note with the reason or the legal basis (e.g. the SKB number).")})
    if len(text) > NOTE_MAX:
        raise ValidationError({"note": _("The note may be at most %(max)d characters.") % {"max": NOTE_MAX}})
    return text


def _check_date(day: dt.date) -> None:
    if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
        raise ValidationError({"date": _("Enter a valid date.")})
    if not MIN_DATE <= day <= MAX_DATE:
        raise ValidationError(
            {
                "date": _("Choose a date between %(min)s and %(max)s.")
                % {"min": format_date(MIN_DATE), "max": format_date(MAX_DATE)}
            }
        )
    if day.weekday() >= 5:
        raise ValidationError({"date": _("Saturdays and Sundays are never working days; no need to add them.")})


def _save_new_or_existing(holiday: Holiday) -> None:
    """Save; another admin adding the same date at the same moment gets a message, not a 500."""
    try:
        with transaction.atomic():
            holiday.save()
    except IntegrityError as exc:
        raise ValidationError(
            {"date": _("%(date)s was just added by someone else.") % {"date": format_date(holiday.date)}}
        ) from exc


def holiday_add(*, actor: Any, date: dt.date, name: str, note: str) -> Holiday:
    """Make ``date`` a day off (a new admin holiday, or a struck day restored). Province admins only."""
    _require_admin(actor)
    _check_date(date)
    name = _clean_name(name)
    note = _clean_note(note)
    with transaction.atomic():
        holiday = Holiday.objects.select_for_update().filter(date=date).first()
        if holiday is not None and holiday.is_day_off:
            raise ValidationError(
                {
                    "date": _("%(date)s is already a day off (%(name)s).")
                    % {"date": format_date(date), "name": holiday.name}
                }
            )
        if holiday is None:
            holiday = Holiday(date=date, kind=HolidayKind.OTHER, source=HolidaySource.ADMIN)
        holiday.name = name
        holiday.note = note
        holiday.is_day_off = True
        holiday.changed_by = actor
        _save_new_or_existing(holiday)
        audit_record(
            action="calendar.holiday.added",
            actor=actor,
            target=holiday,
            data={"date": date.isoformat(), "name": name, "note": note, "kind": holiday.kind},
        )
    return holiday


def holiday_remove(*, actor: Any, holiday: Holiday, note: str) -> Holiday:
    """Strike a day off: it becomes a working day again and re-seeding never brings it back."""
    _require_admin(actor)
    note = _clean_note(note)
    with transaction.atomic():
        locked = Holiday.objects.select_for_update().get(pk=holiday.pk)
        if not locked.is_day_off:
            raise ValidationError(_("%(date)s is already a working day.") % {"date": format_date(locked.date)})
        locked.is_day_off = False
        locked.note = note
        locked.changed_by = actor
        locked.save()
        audit_record(
            action="calendar.holiday.removed",
            actor=actor,
            target=locked,
            data={"date": locked.date.isoformat(), "name": locked.name, "note": note},
        )
    return locked
