"""Create and change the metadata of a dataset (the working copy a Produsen Data edits)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lontar.audit.services import audit_record
from lontar.catalog import roles
from lontar.catalog.models import ActivityMetadata, Dataset, DatasetState, Tag, Topic
from lontar.catalog.services.common import clean_text, deny
from lontar.organisations.models import Organisation, Region
from lontar.organisations.selectors import region_by_code

MIN_YEAR, MAX_YEAR = 1900, 2100
#: names the data API and the catalogue use for their own pages
RESERVED_SLUGS = frozenset({"sql", "static", "baru", "feed", "feeds"})
MAX_TAGS = 30
TAG_RE = re.compile(r"^[\w .-]{2,50}$")

#: plain fields a form may set, with (max length, multiline) for text cleaning
TEXT_FIELDS = {
    "title": (200, False),
    "description": (10000, True),
    "contact_name": (120, False),
    "source": (600, True),
}
PLAIN_FIELDS = (
    "licence",
    "data_class",
    "update_frequency",
    "temporal_start",
    "temporal_end",
    "spatial_level",
    "contact_email",
    "is_prioritas",
    "release_date",
    "is_sample",
)
RELATION_FIELDS = ("topics", "tags", "spatial_region", "activity")
ALLOWED = frozenset((*TEXT_FIELDS, *PLAIN_FIELDS, *RELATION_FIELDS, "slug"))


def normalise_tags(values: Iterable[Any]) -> list[str]:
    """Lower-case, trimmed, de-duplicated tags; raises ValidationError on a bad tag."""
    seen: list[str] = []
    for raw in values:
        tag = " ".join(str(raw).split()).lower()
        if not tag:
            continue
        if not TAG_RE.match(tag):
            raise ValidationError(
                {
                    "tags": _("“%(tag)s” is not a valid tag: use 2 to 50 letters, digits, spaces, “-”, “_” or “.”.")
                    % {"tag": tag[:60]}
                }
            )
        if tag not in seen:
            seen.append(tag)
    if len(seen) > MAX_TAGS:
        raise ValidationError({"tags": _("Use at most %(max)d tags.") % {"max": MAX_TAGS}})
    return seen


def _topics(values: Iterable[Any]) -> list[Topic]:
    wanted = [v if isinstance(v, Topic) else str(v) for v in values]
    slugs = {v for v in wanted if isinstance(v, str)}
    found = {t.slug: t for t in Topic.objects.filter(slug__in=slugs)}
    missing = slugs - set(found)
    if missing:
        raise ValidationError({"topics": _("Unknown topic: %(names)s.") % {"names": ", ".join(sorted(missing))}})
    return [v if isinstance(v, Topic) else found[v] for v in wanted]


def _check_years(dataset: Dataset) -> None:
    for field in ("temporal_start", "temporal_end"):
        year = getattr(dataset, field)
        if year is not None and not MIN_YEAR <= int(year) <= MAX_YEAR:
            raise ValidationError(
                {field: _("Enter a year between %(min)d and %(max)d.") % {"min": MIN_YEAR, "max": MAX_YEAR}}
            )
    if dataset.temporal_start and dataset.temporal_end and dataset.temporal_end < dataset.temporal_start:
        raise ValidationError({"temporal_end": _("The last year cannot be before the first year.")})


def _set_relations(dataset: Dataset, data: Mapping[str, Any]) -> dict[str, Any]:
    """Resolve FK values; returns the M2M values to set after saving."""
    m2m: dict[str, Any] = {}
    if "spatial_region" in data:
        region = data["spatial_region"]
        if region is not None and not isinstance(region, Region):
            region = region_by_code(str(region))
            if region is None:
                raise ValidationError({"spatial_region": _("Unknown region code.")})
        dataset.spatial_region = region
    if "activity" in data:
        activity = data["activity"]
        if activity is not None and (
            not isinstance(activity, ActivityMetadata) or activity.organisation_id != dataset.organisation_id
        ):
            raise ValidationError({"activity": _("Choose a statistical activity of the same agency.")})
        dataset.activity = activity
    if "topics" in data:
        m2m["topics"] = _topics(data["topics"] or [])
    if "tags" in data:
        m2m["tags"] = normalise_tags(data["tags"] or [])
    return m2m


def _apply(dataset: Dataset, data: Mapping[str, Any]) -> dict[str, Any]:
    unknown = set(data) - ALLOWED
    if unknown:
        raise ValueError(f"unknown dataset fields: {sorted(unknown)}")
    for field, (limit, multiline) in TEXT_FIELDS.items():
        if field in data:
            setattr(dataset, field, clean_text(data[field], field, max_length=limit, multiline=multiline))
    for field in PLAIN_FIELDS:
        if field in data:
            setattr(dataset, field, data[field])
    if "slug" in data:
        if dataset.first_published_at is not None and data["slug"] != dataset.slug:
            raise ValidationError({"slug": _("The short name of a published dataset cannot change: links use it.")})
        dataset.slug = clean_text(data["slug"], "slug", max_length=100).lower()
        if dataset.slug in RESERVED_SLUGS:
            raise ValidationError(
                {"slug": _("“%(slug)s” is reserved; choose another short name.") % {"slug": dataset.slug}}
            )
    m2m = _set_relations(dataset, data)
    _check_years(dataset)
    dataset.full_clean(exclude=["organisation", "created_by", "published_version", "activity", "spatial_region"])
    return m2m


def _save_m2m(dataset: Dataset, m2m: Mapping[str, Any]) -> None:
    if "topics" in m2m:
        dataset.topics.set(m2m["topics"])
    if "tags" in m2m:
        tags = [Tag.objects.get_or_create(name=name)[0] for name in m2m["tags"]]
        dataset.tags.set(tags)


def dataset_create(*, actor: Any, organisation: Organisation, data: Mapping[str, Any]) -> Dataset:
    """A new draft dataset of ``organisation``. Only its Produsen Data may create it."""
    if not roles.can_produce(actor, organisation) or not organisation.is_active:
        raise deny(_("Only a Produsen Data of this agency may add its datasets."))
    dataset = Dataset(organisation=organisation, created_by=actor if getattr(actor, "pk", None) else None)
    fields = {"title": "", "description": ""} | dict(data)
    m2m = _apply(dataset, fields)
    with transaction.atomic():
        dataset.save()
        _save_m2m(dataset, m2m)
        audit_record(
            action="catalog.dataset.created",
            actor=actor,
            organisation=organisation,
            target=dataset,
            data={"slug": dataset.slug, "title": dataset.title, "data_class": dataset.data_class},
        )
    return dataset


def dataset_update(*, actor: Any, dataset: Dataset, data: Mapping[str, Any]) -> Dataset:
    """Change the metadata of a draft or returned dataset (its Produsen Data only)."""
    from lontar.catalog.services.entries import entry_sync

    if not roles.can_produce(actor, dataset.organisation):
        raise deny(_("Only a Produsen Data of this agency may change the dataset."))
    with transaction.atomic():
        locked = Dataset.objects.select_for_update().get(pk=dataset.pk)
        if locked.state not in (DatasetState.DRAFT, DatasetState.RETURNED):
            raise ValidationError(_("The dataset is in review or published; start a new revision to change it."))
        m2m = _apply(locked, data)
        locked.save()
        _save_m2m(locked, m2m)
        # Restricting the class of a published dataset takes effect at once.
        entry_sync(locked)
        audit_record(
            action="catalog.dataset.updated",
            actor=actor,
            organisation=locked.organisation,
            target=locked,
            data={"fields": sorted(data)},
        )
    return locked
