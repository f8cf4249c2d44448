"""Daftar Informasi Publik (DIP) entries: create, update, delete (each audited).

The PPID of a body (role ``ppid`` in its organisation or above) and province admins manage its
DIP. An exempt (dikecualikan) entry rests on a consequence test of the same body and publishes no
document, address or dataset.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from lontar.audit.services import audit_record
from lontar.catalog.models import Dataset
from lontar.core.files import atomic_with_files, delete_on_rollback
from lontar.core.uploads import CheckedUpload, check_upload
from lontar.ppid import uploads
from lontar.ppid.models import ConsequenceTest, DipCategory, DipEntry, InformationForm, PublicBody
from lontar.ppid.models.dip import MAX_YEAR, MIN_YEAR
from lontar.ppid.permissions import can_manage_body
from lontar.ppid.services._common import require
from lontar.ppid.validation import single_line_problem, text_problem

#: documents attached to a DIP entry: the same types and limit as files delivered with a notice
DOCUMENT_TYPES = uploads.DELIVERY_TYPES
DOCUMENT_MAX_BYTES = uploads.DELIVERY_MAX_BYTES

#: single-line fields: (name, maximum length, required)
_LINES = (
    ("number", 50, True),
    ("holder", 300, True),
    ("responsible", 300, True),
    ("made_when", 200, True),
    ("made_where", 200, False),
    ("retention", 200, True),
)
SUMMARY_MAX = 2000
URL_MAX = 500


@dataclass
class DipEntryData:
    """What staff type for an entry (strings as typed; the service strips them)."""

    number: str
    summary: str
    holder: str
    responsible: str
    made_when: str
    form: str
    retention: str
    category: str
    made_where: str = ""
    year: int | None = None
    consequence_test: ConsequenceTest | None = None
    dataset: Dataset | None = None
    document_url: str = ""

    def normalised(self) -> DipEntryData:
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        for key, value in values.items():
            if isinstance(value, str):
                values[key] = value.strip()
        return DipEntryData(**values)


def _text_errors(data: DipEntryData) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for name, limit, required in _LINES:
        value = getattr(data, name)
        if not isinstance(value, str):
            errors[name] = [_("Enter text.")]
            continue
        problem = single_line_problem(value)
        if problem is None and required and not value:
            problem = _("This field is required.")
        if problem is None and len(value) > limit:
            problem = _("Too long: at most %(n)d characters.") % {"n": limit}
        if problem:
            errors[name] = [problem]
    summary = data.summary if isinstance(data.summary, str) else None
    if summary is None:
        errors["summary"] = [_("Enter text.")]
    elif problem := (text_problem(summary) or (None if summary else _("This field is required."))):
        errors["summary"] = [problem]
    elif len(summary) > SUMMARY_MAX:
        errors["summary"] = [_("Too long: at most %(n)d characters.") % {"n": SUMMARY_MAX}]
    return errors


def _url_problem(value: Any) -> str | None:
    if not isinstance(value, str):
        return _("Enter an https address.")
    if not value:
        return None
    if len(value) > URL_MAX or single_line_problem(value):
        return _("Enter an https address of at most %(n)d characters on a single line.") % {"n": URL_MAX}
    try:
        URLValidator(schemes=["https"])(value)
    except ValidationError:
        return _("Enter a full address starting with https://.")
    return None


def _link_errors(body: PublicBody, data: DipEntryData, has_document: bool) -> dict[str, list[str]]:
    """The consequence test an exempt entry needs; no document or dataset on an exempt entry."""
    errors: dict[str, list[str]] = {}
    test = data.consequence_test
    if data.category == DipCategory.DIKECUALIKAN:
        if test is None:
            errors["consequence_test"] = [_("Exempt information needs the consequence test that closed it.")]
        elif test.body_id != body.pk:
            errors["consequence_test"] = [_("Choose a consequence test of this public body.")]
        if data.dataset is not None or data.document_url or has_document:
            errors.setdefault("category", []).append(
                _("Exempt information is not published: remove the document, its address and the dataset.")
            )
    elif test is not None:
        errors["consequence_test"] = [_("Only exempt information is linked to a consequence test.")]
    return errors


def dip_entry_errors(
    body: PublicBody, data: DipEntryData, *, has_document: bool = False, entry_pk: int | None = None
) -> dict[str, list[str]]:
    """Every problem of ``data`` for ``body``; ``entry_pk`` is the entry being changed, if any."""
    errors = _text_errors(data)
    year = data.year
    if year is not None and (isinstance(year, bool) or not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR):
        errors["year"] = [_("Enter a year between %(low)d and %(high)d.") % {"low": MIN_YEAR, "high": MAX_YEAR}]
    if data.form not in InformationForm.values:
        errors["form"] = [_("Choose the form in which the information is available.")]
    if data.category not in DipCategory.values:
        errors["category"] = [_("Choose the category of the information.")]
    if problem := _url_problem(data.document_url):
        errors["document_url"] = [problem]
    for name, messages in _link_errors(body, data, has_document).items():
        errors.setdefault(name, []).extend(messages)
    if isinstance(data.number, str) and "number" not in errors:
        clash = DipEntry.objects.filter(body=body, number=data.number)
        if entry_pk is not None:
            clash = clash.exclude(pk=entry_pk)
        if clash.exists():
            errors["number"] = [_("This public body already has an entry with this number.")]
    return errors


def _check_document(document: UploadedFile | None) -> CheckedUpload | None:
    if document is None:
        return None
    try:
        return check_upload(document, allowed=DOCUMENT_TYPES, max_bytes=DOCUMENT_MAX_BYTES)
    except ValidationError as exc:
        raise ValidationError({"document": exc.messages}) from exc


def _attach(entry: DipEntry, checked: CheckedUpload) -> None:
    """Store the document inside ``atomic_with_files()``: it is deleted if the entry is not saved."""
    entry.document.save(checked.storage_name, checked.file, save=False)
    delete_on_rollback(entry.document.storage, entry.document.name)
    entry.document_name = (checked.file.name or checked.storage_name).rsplit("/", 1)[-1][:150]
    entry.document_content_type = checked.type.content_type
    entry.document_sha256 = checked.sha256


def _remove_file_on_commit(name: str) -> None:
    if name:
        storage = DipEntry._meta.get_field("document").storage
        transaction.on_commit(lambda: storage.delete(name))


def _save(entry: DipEntry) -> None:
    try:
        with transaction.atomic():
            entry.save()
    except IntegrityError as exc:  # two people saving the same number at once
        raise ValidationError({"number": [_("This public body already has an entry with this number.")]}) from exc


def _apply(entry: DipEntry, data: DipEntryData) -> None:
    for f in fields(data):
        setattr(entry, f.name, getattr(data, f.name))


def _audit_data(entry: DipEntry) -> dict[str, Any]:
    return {"number": entry.number, "category": entry.category, "year": entry.year}


def dip_entry_create(
    *, actor: Any, body: PublicBody, data: DipEntryData, document: UploadedFile | None = None, is_sample: bool = False
) -> DipEntry:
    """Add an entry to ``body``'s DIP."""
    require(can_manage_body(actor, body))
    data = data.normalised()
    checked = _check_document(document)
    errors = dip_entry_errors(body, data, has_document=checked is not None)
    if errors:
        raise ValidationError(errors)
    entry = DipEntry(body=body, created_by=actor if getattr(actor, "is_authenticated", False) else None)
    entry.is_sample = is_sample
    _apply(entry, data)
    with atomic_with_files():
        if checked is not None:
            _attach(entry, checked)
        _save(entry)
        audit_record(
            action="ppid.dip.created",
            actor=actor,
            organisation=body.organisation,
            target=entry,
            data=_audit_data(entry),
        )
    return entry


def dip_entry_update(
    *,
    actor: Any,
    entry: DipEntry,
    data: DipEntryData,
    document: UploadedFile | None = None,
    remove_document: bool = False,
) -> DipEntry:
    """Change an entry; a new document replaces the old one, ``remove_document`` drops it."""
    body = entry.body
    require(can_manage_body(actor, body))
    data = data.normalised()
    checked = _check_document(document)
    keeps_document = bool(entry.document.name) and not remove_document
    errors = dip_entry_errors(body, data, has_document=checked is not None or keeps_document, entry_pk=entry.pk)
    if errors:
        raise ValidationError(errors)
    with atomic_with_files():
        locked = DipEntry.objects.select_for_update().select_related("body__organisation").get(pk=entry.pk)
        before = _audit_data(locked)
        old_file = locked.document.name
        changed = sorted(f.name for f in fields(data) if getattr(locked, f.name) != getattr(data, f.name))
        _apply(locked, data)
        if remove_document or checked is not None:
            locked.document = ""
            locked.document_name = locked.document_content_type = locked.document_sha256 = ""
            if old_file:
                changed.append("document")
                _remove_file_on_commit(old_file)
        if checked is not None:
            _attach(locked, checked)
            if "document" not in changed:
                changed.append("document")
        _save(locked)
        audit_record(
            action="ppid.dip.updated",
            actor=actor,
            organisation=body.organisation,
            target=locked,
            data={"before": before, **_audit_data(locked), "changed": changed},
        )
    return locked


def dip_entry_delete(*, actor: Any, entry: DipEntry) -> None:
    """Remove an entry from the DIP (the audit event keeps its number, category and summary)."""
    require(can_manage_body(actor, entry.body))
    with transaction.atomic():
        locked = DipEntry.objects.select_for_update().get(pk=entry.pk)
        data = {**_audit_data(locked), "summary": locked.summary[:200]}
        file_name = locked.document.name
        audit_record(
            action="ppid.dip.deleted", actor=actor, organisation=entry.body.organisation, target=locked, data=data
        )
        locked.delete()
        _remove_file_on_commit(file_name)
