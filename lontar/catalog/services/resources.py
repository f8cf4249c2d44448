"""Resources of a dataset (files or links) and the data dictionary of tabular ones."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import PurePath
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.text import get_valid_filename, slugify
from django.utils.translation import gettext as _

from lontar.audit.services import audit_record
from lontar.catalog import roles
from lontar.catalog.models import Column, ColumnType, Dataset, DatasetState, ReferenceKind, Resource, ResourceFormat
from lontar.catalog.models.choices import FORMAT_EXTENSIONS
from lontar.catalog.models.resource import column_name_validator
from lontar.catalog.services.common import clean_text, deny
from lontar.core import uploads
from lontar.core.files import atomic_with_files, delete_on_rollback

MAX_UPLOAD_BYTES = 200 * 1024 * 1024
MAX_COLUMNS = 500
#: what the content of a file of each format must be (formats not named here are not sniffed)
CONTENT_TYPES: dict[str, tuple[uploads.FileType, ...]] = {
    ResourceFormat.PDF: (uploads.PDF,),
    ResourceFormat.ZIP: (uploads.ZIP,),
    ResourceFormat.XLSX: (uploads.XLSX,),
    ResourceFormat.JSON: (uploads.JSON,),
    ResourceFormat.GEOJSON: (uploads.JSON,),
}


def _require_editable(actor: Any, dataset: Dataset) -> None:
    if not roles.can_produce(actor, dataset.organisation):
        raise deny(_("Only a Produsen Data of this agency may change the dataset."))
    if dataset.state not in (DatasetState.DRAFT, DatasetState.RETURNED):
        raise ValidationError(_("The dataset is in review or published; start a new revision to change it."))


def _check_upload(upload: UploadedFile, fmt: str) -> str:
    """The safe file name, after checking size, extension and content (:mod:`lontar.core.uploads`)."""
    name = get_valid_filename(PurePath(str(upload.name or "berkas")).name)[:120] or "berkas"
    try:
        uploads.check_size(upload, max_bytes=MAX_UPLOAD_BYTES)
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from exc
    if not name.lower().endswith(FORMAT_EXTENSIONS[fmt]):
        raise ValidationError(
            {
                "file": _("A %(format)s file must end with %(ext)s.")
                % {"format": fmt, "ext": " / ".join(FORMAT_EXTENSIONS[fmt])}
            }
        )
    if fmt in CONTENT_TYPES and uploads.sniff(upload, CONTENT_TYPES[fmt]) is None:
        raise ValidationError({"file": _("The file is not a valid %(format)s file.") % {"format": fmt}})
    return name


def _schedule_ingest(resource: Resource, upload: UploadedFile | None, *, types: bool = False) -> None:
    """Reserve a datastore version for the new file now; the datastore's job loads it once the
    transaction has committed (``datastore_bridge.resource_load_enqueue``, the one load path)."""
    if (upload is None and not types) or not resource.is_tabular or not resource.file:
        return
    from lontar.catalog.services.datastore_bridge import resource_load_enqueue

    resource_load_enqueue(resource, use_dictionary_types=types)


def _unique_slug(dataset: Dataset, wanted: str, exclude: Any = None) -> str:
    base = (slugify(wanted)[:72] or "sumber").strip("-") or "sumber"
    taken = set(Resource.objects.filter(dataset=dataset).exclude(pk=exclude).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _apply(resource: Resource, data: Mapping[str, Any], upload: UploadedFile | None) -> None:
    resource.name = clean_text(data.get("name", resource.name), "name", max_length=200, required=True)
    resource.description = clean_text(
        data.get("description", resource.description), "description", max_length=4000, multiline=True
    )
    fmt = data.get("format", resource.format)
    if fmt not in ResourceFormat.values:
        raise ValidationError(
            {"format": _("Choose one of the formats: %(list)s.") % {"list": ", ".join(ResourceFormat.values)}}
        )
    resource.format = fmt
    url = clean_text(data.get("url", ""), "url", max_length=1000)
    if upload is not None and url:
        raise ValidationError({"url": _("Give either a file or a link, not both.")})
    if upload is not None:
        filename = _check_upload(upload, fmt)
        resource.sha256 = uploads.sha256_of(upload)
        resource.size = upload.size
        resource.original_filename = filename
        resource.url = ""
        resource.file.save(filename, upload, save=False)
        delete_on_rollback(resource.file.storage, resource.file.name)
    elif url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError as exc:
            raise ValidationError({"url": _("Enter a link that starts with http:// or https://.")}) from exc
        resource.url, resource.file, resource.size, resource.sha256, resource.original_filename = url, "", None, "", ""
    elif not resource.file and not resource.url:
        raise ValidationError({"file": _("Upload a file or give a link.")})


def resource_add(
    *,
    actor: Any,
    dataset: Dataset,
    data: Mapping[str, Any],
    upload: UploadedFile | None = None,
    background_load: bool = True,
) -> Resource:
    """Add a file or a link to a draft dataset.

    A CSV or XLSX file is loaded into the datastore by a background job after commit; a caller
    that loads it itself (``datastore_bridge.resource_ingest``, e.g. a command showing progress)
    passes ``background_load=False``.
    """
    _require_editable(actor, dataset)
    with atomic_with_files():
        locked = Dataset.objects.select_for_update().get(pk=dataset.pk)
        _require_editable(actor, locked)
        position = Resource.objects.filter(dataset=locked, removed_at__isnull=True).count()
        resource = Resource(dataset=locked, position=position)
        resource.slug = _unique_slug(locked, data.get("slug") or data.get("name") or "sumber")
        _apply(resource, data, upload)
        resource.full_clean(exclude=["dataset", "file"])
        resource.save()
        if background_load:
            _schedule_ingest(resource, upload)
        audit_record(
            action="catalog.resource.added",
            actor=actor,
            organisation=locked.organisation,
            target=resource,
            data={"dataset": locked.slug, "format": resource.format, "sha256": resource.sha256, "url": resource.url},
        )
    return resource


def resource_update(
    *, actor: Any, resource: Resource, data: Mapping[str, Any], upload: UploadedFile | None = None
) -> Resource:
    """Change a resource of a draft dataset; a new file replaces the old one (old versions keep theirs)."""
    _require_editable(actor, resource.dataset)
    with atomic_with_files():
        locked = (
            Resource.objects.select_for_update().select_related("dataset").get(pk=resource.pk, removed_at__isnull=True)
        )
        _require_editable(actor, locked.dataset)
        _apply(locked, data, upload)
        if upload is not None:
            locked.datastore_table_id = None
        locked.full_clean(exclude=["dataset", "file"])
        locked.save()
        _schedule_ingest(locked, upload)
        audit_record(
            action="catalog.resource.updated",
            actor=actor,
            organisation=locked.dataset.organisation,
            target=locked,
            data={
                "dataset": locked.dataset.slug,
                "format": locked.format,
                "sha256": locked.sha256,
                "new_file": upload is not None,
            },
        )
    return locked


def resource_remove(*, actor: Any, resource: Resource) -> None:
    """Take a resource out of the draft. Published versions keep it."""
    _require_editable(actor, resource.dataset)
    with transaction.atomic():
        locked = (
            Resource.objects.select_for_update().select_related("dataset").get(pk=resource.pk, removed_at__isnull=True)
        )
        _require_editable(actor, locked.dataset)
        locked.removed_at = timezone.now()
        locked.save(update_fields=["removed_at", "updated_at"])
        audit_record(
            action="catalog.resource.removed",
            actor=actor,
            organisation=locked.dataset.organisation,
            target=locked,
            data={"dataset": locked.dataset.slug},
        )


def _types_differ(resource: Resource, columns: Sequence[Column]) -> bool:
    """True when the dictionary asks for types other than those the loaded table has."""
    from lontar.catalog.services.datastore_bridge import TO_DATASTORE, table_for

    table = table_for(resource)
    if table is None:
        return False
    inferred = {c["name"]: c["type"] for c in table.columns}
    return any(c.name in inferred and TO_DATASTORE.get(c.type) != inferred[c.name] for c in columns)


def _clean_column(raw: Mapping[str, Any], index: int, organisation_id: int) -> Column:
    field = f"columns.{index}"
    name = clean_text(raw.get("name"), field, max_length=63, required=True)
    try:
        column_name_validator(name)
    except ValidationError as exc:
        raise ValidationError({field: exc.messages}) from exc
    col_type = raw.get("type") or ColumnType.TEXT
    if col_type not in ColumnType.values:
        raise ValidationError({field: _("Unknown column type “%(type)s”.") % {"type": str(col_type)[:30]}})
    kind = raw.get("reference_kind") or ""
    if kind not in ReferenceKind.values:
        raise ValidationError({field: _("Unknown kind of kode referensi.")})
    variable = raw.get("variable")
    if variable is not None and variable.activity.organisation_id != organisation_id:
        raise ValidationError({field: _("Choose a variable of the same agency.")})
    return Column(
        position=index,
        name=name,
        label=clean_text(raw.get("label"), field, max_length=200),
        type=col_type,
        unit=clean_text(raw.get("unit"), field, max_length=60),
        description=clean_text(raw.get("description"), field, max_length=2000, multiline=True),
        reference_kind=kind,
        variable=variable,
    )


def columns_set(*, actor: Any, resource: Resource, columns: Sequence[Mapping[str, Any]]) -> list[Column]:
    """Replace the data dictionary of a tabular resource."""
    _require_editable(actor, resource.dataset)
    if not resource.is_tabular:
        raise ValidationError(_("Only CSV and XLSX resources have a data dictionary."))
    if len(columns) > MAX_COLUMNS:
        raise ValidationError(_("A table may have at most %(max)d columns.") % {"max": MAX_COLUMNS})
    cleaned = [_clean_column(raw, i, resource.dataset.organisation_id) for i, raw in enumerate(columns)]
    names = [c.name.lower() for c in cleaned]
    if len(set(names)) != len(names):
        raise ValidationError(_("Each column name may appear only once."))
    with transaction.atomic():
        locked = Resource.objects.select_for_update().select_related("dataset").get(pk=resource.pk)
        _require_editable(actor, locked.dataset)
        Column.objects.filter(resource=locked).delete()
        for column in cleaned:
            column.resource = locked
        Column.objects.bulk_create(cleaned)
        _schedule_ingest(locked, None, types=_types_differ(locked, cleaned))
        audit_record(
            action="catalog.columns.updated",
            actor=actor,
            organisation=locked.dataset.organisation,
            target=locked,
            data={"columns": [c.name for c in cleaned]},
        )
    return cleaned
