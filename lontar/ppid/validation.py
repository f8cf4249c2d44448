"""Validation of a request's fields, shared by the web forms, the API and the services.

Pure: plain values in, ``{field: [messages]}`` out. Every text is checked for control
characters (a NUL byte would break PostgreSQL; a line break in a name or an e-mail address could
break e-mail headers).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.db import models
from django.utils.translation import gettext as _

from lontar.ppid.choices import CopyMethod, ObtainMethod, RequesterType
from lontar.ppid.rules import nik

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")
_CONTROL_MULTILINE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_PHONE = re.compile(r"\+?[0-9][0-9 ()\-]{5,22}")
_COPY_METHODS = {ObtainMethod.SOFTCOPY, ObtainMethod.HARDCOPY}


@dataclass
class RequestData:
    """The requester's part of a request, as typed (before normalisation)."""

    requester_type: str
    name: str
    identity_number: str
    address: str
    information_requested: str
    purpose: str
    obtain_method: str
    phone: str = ""
    email: str = ""
    occupation: str = ""
    by_proxy: bool = False
    copy_method: str = ""

    def normalised(self) -> RequestData:
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        for key, value in values.items():
            if isinstance(value, str):
                values[key] = value.strip()
        values["name"] = re.sub(r"[ \t]+", " ", values["name"])
        values["email"] = values["email"].lower()
        if values["requester_type"] != RequesterType.BADAN_HUKUM:
            values["identity_number"] = nik.normalise(values["identity_number"])
        if values["obtain_method"] not in _COPY_METHODS:
            values["copy_method"] = ""
        return RequestData(**values)


def single_line_problem(value: str) -> str | None:
    if _CONTROL.search(value):
        return _("Use a single line without control characters or line breaks.")
    return None


def text_problem(value: str) -> str | None:
    if _CONTROL_MULTILINE.search(value):
        return _("The text contains control characters; remove them.")
    return None


def _length(value: str, low: int, high: int) -> str | None:
    if len(value) < low:
        return _("Too short: at least %(n)d characters.") % {"n": low}
    if len(value) > high:
        return _("Too long: at most %(n)d characters.") % {"n": high}
    return None


def _identity_problem(requester_type: str, value: str) -> str | None:
    if requester_type == RequesterType.BADAN_HUKUM:
        return single_line_problem(value) or _length(value, 5, 100)
    found = nik.problem(value)
    return str(found.value) if found else None


def _email_problem(value: str) -> str | None:
    if not value:
        return None
    if single_line_problem(value) or len(value) > 254:
        return _("Enter a valid e-mail address.")
    try:
        EmailValidator()(value)
    except ValidationError:
        return _("Enter a valid e-mail address.")
    return None


def _phone_problem(value: str) -> str | None:
    if value and not _PHONE.fullmatch(value):
        return _("Enter a phone number with digits only, e.g. 0812 3456 7890 or +62 380 123456.")
    return None


def _choice_problem(value: str, choices: type[models.TextChoices]) -> str | None:
    return None if value in choices.values else _("Choose one of the options.")


def request_data_errors(data: RequestData) -> dict[str, list[str]]:
    """Field errors of normalised request data (an empty dict when it is valid)."""
    checks: dict[str, str | None] = {
        "requester_type": _choice_problem(data.requester_type, RequesterType),
        "name": single_line_problem(data.name) or _length(data.name, 3, 150),
        "identity_number": _identity_problem(data.requester_type, data.identity_number),
        "address": text_problem(data.address) or _length(data.address, 5, 500),
        "phone": _phone_problem(data.phone),
        "email": _email_problem(data.email),
        "occupation": single_line_problem(data.occupation) or _length(data.occupation, 0, 100),
        "information_requested": text_problem(data.information_requested)
        or _length(data.information_requested, 10, 5000),
        "purpose": text_problem(data.purpose) or _length(data.purpose, 5, 2000),
        "obtain_method": _choice_problem(data.obtain_method, ObtainMethod),
    }
    if not data.phone and not data.email and not checks["phone"] and not checks["email"]:
        checks["email"] = _("Give a phone number or an e-mail address (or both) so the PPID can reach you.")
    if data.obtain_method in _COPY_METHODS and not data.copy_method:
        checks["copy_method"] = _("Choose how you want to receive the copy.")
    elif data.copy_method:
        checks["copy_method"] = _choice_problem(data.copy_method, CopyMethod)
    return {field: [message] for field, message in checks.items() if message}
