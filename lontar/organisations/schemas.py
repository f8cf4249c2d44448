"""API schemas for regions and organisations (django-ninja)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from ninja import Field, Schema

from lontar.organisations.models import Organisation, Region


class RegionOut(Schema):
    """A region of NTT in the Kemendagri code tree."""

    code: str = Field(description="Kemendagri code (Kepmendagri 300.2.2-2138/2025), e.g. 53.01")
    name: str
    level: str = Field(description="provinsi, kabupaten, kota, kecamatan, desa or kelurahan")
    parent: str | None = Field(description="Kemendagri code of the parent region")
    bps_code: str | None = Field(description="BPS code where known (province and kabupaten/kota)")
    capital: str | None = Field(description="seat of government (kabupaten/kota)")
    area_km2: float | None = Field(description="area in km² (Badan Informasi Geospasial, 2024)")
    population: int | None = Field(description="population (Ditjen Dukcapil, second half of 2024)")
    lat: float | None = Field(description="latitude of the centroid (kabupaten/kota, kecamatan)")
    lng: float | None = Field(description="longitude of the centroid (kabupaten/kota, kecamatan)")
    has_geometry: bool = Field(description="true when /regions/{code}/geometry has a boundary")

    @staticmethod
    def resolve_parent(obj: Region) -> str | None:
        return obj.parent_id

    @staticmethod
    def resolve_bps_code(obj: Region) -> str | None:
        return obj.bps_code or None

    @staticmethod
    def resolve_capital(obj: Region) -> str | None:
        return obj.capital or None

    @staticmethod
    def resolve_area_km2(obj: Region) -> float | None:
        return float(obj.area_km2) if obj.area_km2 is not None else None

    @staticmethod
    def resolve_has_geometry(obj: Region) -> bool:
        flag = getattr(obj, "has_geometry", None)  # annotated on lists, where geometry is deferred
        return bool(flag) if flag is not None else obj.geometry is not None


class RegionList(Schema):
    items: list[RegionOut]
    next_cursor: str | None = Field(description="pass as ?cursor= to get the next page; null on the last page")
    next_url: str | None = Field(description="the next page's full URL; null on the last page")


class Feature(Schema):
    """A GeoJSON Feature (RFC 7946), EPSG:4326, coordinates as [lng, lat]."""

    type: str = "Feature"
    id: str
    properties: dict[str, Any]
    geometry: dict[str, Any]


class FeatureCollection(Schema):
    type: str = "FeatureCollection"
    features: list[Feature]


class OrganisationRef(Schema):
    slug: str
    name: str


class OrganisationOut(Schema):
    """An instansi (Pemprov, Pemkab, Pemkot) or a regional agency (OPD) under one."""

    slug: str = Field(description="stable identifier, e.g. pemprov-ntt, pemkab-kupang-diskominfo")
    name: str
    short_name: str
    kind: str = Field(description="instansi or opd")
    opd_type: str | None = Field(description="for an OPD: sekretariat, inspektorat, dinas, badan, kantor, biro, rsud…")
    parent: str | None = Field(description="slug of the instansi an OPD belongs to")
    region: str = Field(description="Kemendagri code of its region")
    region_name: str
    is_sample: bool = Field(description="sample data (data contoh), not yet verified")
    source: str
    website: str
    email: str
    phone: str
    address: str
    url: str = Field(description="the organisation's public page")

    @staticmethod
    def resolve_opd_type(obj: Organisation) -> str | None:
        return obj.opd_type or None

    @staticmethod
    def resolve_parent(obj: Organisation) -> str | None:
        return obj.parent.slug if obj.parent_id else None

    @staticmethod
    def resolve_region(obj: Organisation) -> str:
        return obj.region_id

    @staticmethod
    def resolve_region_name(obj: Organisation) -> str:
        return obj.region.name

    @staticmethod
    def resolve_url(obj: Organisation) -> str:
        return reverse("organisations:detail", args=[obj.slug])


class OrganisationDetail(OrganisationOut):
    region_detail: RegionOut
    units: list[OrganisationRef] = Field(description="for an instansi: its OPD")

    @staticmethod
    def resolve_region_detail(obj: Organisation) -> Region:
        return obj.region

    @staticmethod
    def resolve_units(obj: Organisation) -> list[Organisation]:
        return list(getattr(obj, "unit_list", []))


class OrganisationList(Schema):
    items: list[OrganisationOut]
    next_cursor: str | None
    next_url: str | None
