"""Reads of regions and organisations. Everything here is public reference data (no scoping)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db.models import BooleanField, Count, ExpressionWrapper, Max, Q, QuerySet
from django.http import Http404

from lontar.organisations.codes import PROVINCE_CODE
from lontar.organisations.models import Organisation, OrganisationKind, Region, RegionLevel

KABKOTA_LEVELS = (RegionLevel.KABUPATEN, RegionLevel.KOTA)
#: region data changes only when load_regions runs; cached lookups expire after this many seconds
REFERENCE_CACHE_SECONDS = 300
#: the longest search term a list accepts (longer input is refused with a message)
MAX_QUERY_LENGTH = 100


@dataclass(frozen=True)
class RegionChoice:
    code: str
    name: str
    level: str


def directory_regions() -> list[RegionChoice]:
    """The province and its 22 kabupaten/kota (code order), for filters; cached briefly."""
    key = "organisations:directory-regions:v1"
    choices = cache.get(key)
    if choices is None:
        rows = Region.objects.filter(Q(code=PROVINCE_CODE) | Q(level__in=KABKOTA_LEVELS)).order_by("code")
        choices = [RegionChoice(r.code, r.name, r.level) for r in rows.only("code", "name", "level")]
        cache.set(key, choices, REFERENCE_CACHE_SECONDS)
    return choices


def search_terms(q: str) -> list[str]:
    """Words of a search, at most 10, each matched case-insensitively (all must match)."""
    return [w for w in q.split() if w][:10]


def organisation_list(
    *, q: str = "", region: str = "", kind: str = "", opd_type: str = "", parent_slug: str = ""
) -> QuerySet[Organisation]:
    """Active organisations matching every given filter; each search word in the name or short name."""
    qs = Organisation.objects.filter(is_active=True)
    for word in search_terms(q):
        qs = qs.filter(Q(name__icontains=word) | Q(short_name__icontains=word))
    if region:
        qs = qs.filter(region_id=region)
    if kind:
        qs = qs.filter(kind=kind)
    if opd_type:
        qs = qs.filter(opd_type=opd_type)
    if parent_slug:
        qs = qs.filter(parent__slug=parent_slug)
    return qs


@dataclass(frozen=True)
class DirectoryCounts:
    total: int
    instansi: int
    opd: int
    sample: int


def directory_counts(queryset: QuerySet[Organisation]) -> DirectoryCounts:
    """Totals of a filtered list in one query."""
    row = queryset.aggregate(
        total=Count("id"),
        instansi=Count("id", filter=Q(kind=OrganisationKind.INSTANSI)),
        opd=Count("id", filter=Q(kind=OrganisationKind.OPD)),
        sample=Count("id", filter=Q(is_sample=True)),
    )
    return DirectoryCounts(**row)


def directory_rows(queryset: QuerySet[Organisation]) -> QuerySet[Organisation]:
    """Directory rows to slice into pages: region order, instansi before their OPD, then by name."""
    return (
        queryset.select_related("region", "parent")
        .only(
            "slug",
            "name",
            "short_name",
            "kind",
            "opd_type",
            "is_sample",
            "region__code",
            "region__name",
            "parent__slug",
            "parent__name",
            "parent__short_name",
        )
        .order_by("region_id", "kind", "name", "id")
    )


#: columns of an organisation in the API (see schemas.organisation_data)
API_COLUMNS = (
    "slug",
    "name",
    "short_name",
    "kind",
    "opd_type",
    "parent__slug",
    "region_id",
    "region__name",
    "is_sample",
    "source",
    "website",
    "email",
    "phone",
    "address",
)
#: columns of a region in the API (see schemas.region_data); has_geometry is annotated
REGION_API_COLUMNS = (
    "code",
    "name",
    "level",
    "parent_id",
    "bps_code",
    "capital",
    "area_km2",
    "population",
    "lat",
    "lng",
)


def organisation_api_rows(queryset: QuerySet[Organisation]) -> QuerySet:
    """Rows as named tuples (no model instances: about five times cheaper for a page of 50)."""
    return queryset.values_list(*API_COLUMNS, named=True)


def region_api_rows(queryset: QuerySet[Region]) -> QuerySet:
    """Region rows as named tuples with ``has_geometry`` instead of the (large) geometry itself."""
    flag = ExpressionWrapper(Q(geometry__isnull=False), output_field=BooleanField())
    return queryset.annotate(has_geometry=flag).values_list(*REGION_API_COLUMNS, "has_geometry", named=True)


def organisation_get_public(slug: str) -> Organisation:
    """An active organisation by slug with its region and parent, or Http404."""
    try:
        return Organisation.objects.select_related("region", "region__parent", "parent").get(slug=slug, is_active=True)
    except Organisation.DoesNotExist as exc:
        raise Http404 from exc


def organisation_units(organisation: Organisation) -> list[Organisation]:
    """The active OPD of an instansi, by type then name (empty for an OPD)."""
    if organisation.kind != OrganisationKind.INSTANSI:
        return []
    return list(
        organisation.units.filter(is_active=True)
        .only("slug", "name", "short_name", "opd_type", "is_sample", "parent_id")
        .order_by("opd_type", "name")
    )


def instansi_slugs_by_region() -> dict[str, str]:
    """Kemendagri code -> slug of the instansi of that kabupaten/kota (for map links)."""
    key = "organisations:instansi-by-region:v1"
    found = cache.get(key)
    if found is None:
        found = dict(
            Organisation.objects.filter(
                kind=OrganisationKind.INSTANSI, is_active=True, region__level__in=KABKOTA_LEVELS
            ).values_list("region_id", "slug")
        )
        cache.set(key, found, REFERENCE_CACHE_SECONDS)
    return found


def kabkota_names() -> dict[str, str]:
    """Kemendagri code -> name of each kabupaten/kota (cached)."""
    return {r.code: r.name for r in directory_regions() if r.level in KABKOTA_LEVELS}


def kabkota_populations() -> dict[str, int | None]:
    """Kemendagri code -> Dukcapil population (second half of 2024) of each kabupaten/kota."""
    key = "organisations:kabkota-population:v1"
    found = cache.get(key)
    if found is None:
        found = dict(Region.objects.filter(level__in=KABKOTA_LEVELS).values_list("code", "population"))
        cache.set(key, found, REFERENCE_CACHE_SECONDS)
    return found


def region_summary(region: Region) -> dict[str, int]:
    """Number of regions of each level under ``region`` (kecamatan, desa, kelurahan...)."""
    rows = (
        Region.objects.filter(code__startswith=f"{region.code}.")
        .values_list("level")
        .annotate(n=Count("code"))
        .order_by()
    )
    return dict(rows)


def region_list(*, level: str = "", parent: str = "", q: str = "") -> QuerySet[Region]:
    """Regions filtered by level, parent code and name words (case-insensitive)."""
    qs = Region.objects.all()
    if level:
        qs = qs.filter(level=level)
    if parent:
        qs = qs.filter(parent_id=parent)
    for word in search_terms(q):
        qs = qs.filter(name__icontains=word)
    return qs


def region_children(region: Region) -> list[Region]:
    """The regions one level below ``region``, each with ``subregions`` (how many are below it)."""
    return list(
        Region.objects.filter(parent=region)
        .annotate(subregions=Count("children"))
        .only("code", "name", "level", "bps_code", "capital", "population")
        .order_by("code")
    )


def region_instansi(region: Region) -> Organisation | None:
    """The instansi governing a province or kabupaten/kota region (None for other levels)."""
    return Organisation.objects.filter(region=region, kind=OrganisationKind.INSTANSI, is_active=True).first()


def region_get(code: str) -> Region:
    """A region with its parent, or Http404."""
    try:
        return Region.objects.select_related("parent").defer("parent__geometry").get(code=code)
    except Region.DoesNotExist as exc:
        raise Http404 from exc


# Reads for other apps: they take organisations and regions from here, never from the models.


def organisations_by_ids(ids: Iterable[int]) -> QuerySet[Organisation]:
    """Organisations (active or not) with these ids, for records of other apps that point to them."""
    return Organisation.objects.filter(pk__in=[i for i in ids if i is not None])


def organisation_by_id(pk: int, *, active_only: bool = False) -> Organisation | None:
    qs = Organisation.objects.filter(pk=pk)
    return (qs.filter(is_active=True) if active_only else qs).first()


def organisation_by_slug(slug: str, *, active_only: bool = False) -> Organisation | None:
    qs = Organisation.objects.filter(slug=slug)
    return (qs.filter(is_active=True) if active_only else qs).first()


def organisation_names(slugs: Iterable[str]) -> dict[str, str]:
    """slug -> name of the organisations (active or not) with these slugs."""
    return dict(Organisation.objects.filter(slug__in=list(slugs)).values_list("slug", "name"))


def active_instansi() -> QuerySet[Organisation]:
    """Every active instansi (province and kabupaten/kota governments), in region code order."""
    return organisation_list(kind=OrganisationKind.INSTANSI).order_by("region_id")


def organisations_version() -> str:
    """Changes whenever an organisation is added, removed or saved (one query), for cache keys."""
    row = Organisation.objects.aggregate(latest=Max("updated_at"), count=Count("id"))
    return f"{row['count']}-{row['latest'].timestamp() if row['latest'] else 0}"


def region_by_code(code: str) -> Region | None:
    return Region.objects.filter(code=code).first()


def province_and_kabkota_regions() -> QuerySet[Region]:
    """The province and its kabupaten/kota, in code order (choices for a dataset's coverage)."""
    return Region.objects.filter(level__in=[RegionLevel.PROVINSI, *KABKOTA_LEVELS]).order_by("code")


def region_codes() -> list[str]:
    """Every Kemendagri code, sorted (the datastore checks region columns against them)."""
    return sorted(Region.objects.values_list("code", flat=True))


def region_places() -> list[tuple[str, str, str, str]]:
    """(Kemendagri code, name, level, BPS code) of every region (region columns of the datastore)."""
    return list(Region.objects.order_by("code").values_list("code", "name", "level", "bps_code"))


def organisations_by_slugs(slugs: Iterable[str]) -> QuerySet[Organisation]:
    """Organisations (active or not) with these slugs."""
    return Organisation.objects.filter(slug__in=list(slugs))


def kabkota_geometries() -> dict[str, Any]:
    """Kemendagri code -> boundary (GeoJSON) of each kabupaten/kota that has one (point checks of
    the connectivity registry)."""
    rows = Region.objects.filter(level__in=KABKOTA_LEVELS, geometry__isnull=False).values_list("code", "geometry")
    return dict(rows)
