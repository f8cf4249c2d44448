"""One search clause (``field:value`` or a range) as a filter on the catalogue entries.

Used by the portal's facet filters and, through :mod:`lontar.catalog.search.translate`, by the
Solr queries of CKAN ``package_search``. Raises ``QueryError`` on values it cannot apply.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db.models import Q

from lontar.catalog.models import CatalogEntry, EntryFormat, EntryYear, ResourceFormat
from lontar.catalog.search.query import Clause, QueryError, parse_datetime, parse_year
from lontar.catalog.selectors.public import parse_uuid

NOTHING = Q(pk__in=[])
EVERYTHING = Q(pk__isnull=False)
TopicLink = CatalogEntry.topics.through
TagLink = CatalogEntry.tags.through
#: CKAN's package extras (``serialize._extras``) -> (lookup on the entry, kind)
EXTRAS: dict[str, tuple[str, str]] = {
    "update_frequency": ("version__snapshot__update_frequency", "text"),
    "temporal_start": ("version__snapshot__temporal__start", "int"),
    "temporal_end": ("version__snapshot__temporal__end", "int"),
    "spatial_level": ("version__snapshot__spatial__level", "text"),
    "spatial_region_code": ("version__snapshot__spatial__region_code", "text"),
    "spatial_region": ("version__snapshot__spatial__region_name", "text"),
    "data_prioritas": ("is_prioritas", "bool"),
    "sample_data": ("is_sample", "bool"),
    "release_date": ("version__snapshot__release_date", "text"),
    "source": ("version__snapshot__source", "text"),
    "version_published": ("version__snapshot__published_at", "text"),
}
#: integer columns of the entry that take values and ranges
COUNTS = {"num_resources": "num_resources", "num_tags": "num_tags"}


_FORMATS = {f.lower(): f for f in ResourceFormat.values}


def _formats(values: tuple[str, ...]) -> list[str]:
    return [_FORMATS.get(v.lower(), v) for v in values]


def _lower(values: tuple[str, ...]) -> list[str]:
    return [v.lower() for v in values]


def _in_links(model: Any, column: str, condition: Q) -> Q:
    return Q(pk__in=model.objects.filter(condition).values(column))


def _date_q(name: str, clause: Clause) -> Q:
    if not clause.is_range:
        days = [parse_datetime(v) for v in clause.values]
        q = NOTHING
        for day in days:
            q |= Q(**{f"{name}__gte": day, f"{name}__lt": day + dt.timedelta(days=1)})
        return q
    q = Q()
    if clause.low is not None:
        q &= Q(**{f"{name}__{'gte' if clause.low_inclusive else 'gt'}": parse_datetime(clause.low)})
    if clause.high is not None:
        q &= Q(**{f"{name}__{'lte' if clause.high_inclusive else 'lt'}": parse_datetime(clause.high)})
    return q


def _year_q(clause: Clause) -> Q:
    if not clause.is_range:
        return _in_links(EntryYear, "entry_id", Q(year__in=[parse_year(v) for v in clause.values]))
    condition = Q()
    if clause.low is not None:
        condition &= Q(**{"year__gte" if clause.low_inclusive else "year__gt": parse_year(clause.low)})
    if clause.high is not None:
        condition &= Q(**{"year__lte" if clause.high_inclusive else "year__lt": parse_year(clause.high)})
    return _in_links(EntryYear, "entry_id", condition)


def _owner_q(values: tuple[str, ...]) -> Q:
    ids = [int(v) for v in values if v.isascii() and v.isdigit() and len(v) < 12]
    return Q(organisation_id__in=ids) | Q(organisation__slug__in=values)


def _constant_q(values: tuple[str, ...], accepted: str) -> Q:
    return Q() if accepted in _lower(values) else NOTHING


def _flag_q(name: str, values: tuple[str, ...]) -> Q:
    wanted = {v.lower() in ("true", "1", "yes", "ya") for v in values}
    return Q(**{f"{name}__in": list(wanted)})


def _integer(text: str) -> int:
    raw = text.strip()
    if not raw.lstrip("-").isdigit() or len(raw) > 12 or not raw.isascii():
        raise QueryError(f"not an integer: {text[:40]!r}")
    return int(raw)


def _number_q(lookup: str, clause: Clause, convert: Callable[[str], Any]) -> Q:
    if not clause.is_range:
        return Q(**{f"{lookup}__in": [convert(v) for v in clause.values]})
    q = EVERYTHING
    if clause.low is not None:
        q &= Q(**{f"{lookup}__{'gte' if clause.low_inclusive else 'gt'}": convert(clause.low)})
    if clause.high is not None:
        q &= Q(**{f"{lookup}__{'lte' if clause.high_inclusive else 'lt'}": convert(clause.high)})
    return q


def _extras_q(key: str, clause: Clause) -> Q:
    """CKAN indexes extras as ``extras_<key>`` text fields: a word matches inside the value
    (case-insensitive); an extra Lontar does not have matches nothing, as in Solr."""
    if key not in EXTRAS:
        return NOTHING
    lookup, kind = EXTRAS[key]
    if kind == "int":
        return _number_q(lookup, clause, _integer)
    if kind == "bool":
        if clause.is_range:
            raise QueryError(f"extras_{key} does not take a range")
        return _flag_q(lookup, clause.values)
    if clause.is_range:
        return _number_q(lookup, clause, str)
    q = NOTHING
    for value in clause.values:
        q |= Q(**{f"{lookup}__icontains": value})
    return q


def clause_q(clause: Clause) -> Q:
    """The filter for one clause (text clauses are handled as full-text words instead)."""
    f, values = clause.field, clause.values
    table = {
        "organization": lambda: Q(organisation__slug__in=values),
        "owner_org": lambda: _owner_q(values),
        "tags": lambda: _in_links(TagLink, "catalogentry_id", Q(tag__name__in=_lower(values))),
        "groups": lambda: _in_links(TopicLink, "catalogentry_id", Q(topic__slug__in=values)),
        "res_format": lambda: _in_links(EntryFormat, "entry_id", Q(format__in=_formats(values))),
        "license_id": lambda: Q(licence__in=values),
        "name": lambda: Q(name__in=values),
        "id": lambda: Q(dataset_id__in=[u for u in map(parse_uuid, values) if u is not None]),
        "state": lambda: _constant_q(values, "active"),
        "capacity": lambda: _constant_q(values, "public"),
        "dataset_type": lambda: _constant_q(values, "dataset"),
        "type": lambda: _constant_q(values, "dataset"),
        "is_sample": lambda: _flag_q("is_sample", values),
        "prioritas": lambda: _flag_q("is_prioritas", values),
    }
    if f in ("metadata_modified", "metadata_created"):
        q = _date_q(f, clause)
    elif f.startswith("extras_"):
        q = _extras_q(f.removeprefix("extras_"), clause)
    elif f in COUNTS:
        q = _number_q(COUNTS[f], clause, _integer)
    elif f == "year":
        q = _year_q(clause)
    elif clause.is_range:
        raise QueryError(f"{f} does not take a range")
    else:
        q = table[f]()
    return ~q if clause.negate else q
