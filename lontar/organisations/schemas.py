"""API schemas for regions and organisations (django-ninja), and the functions that fill them.

Endpoints build plain dicts with :func:`region_data` / :func:`organisation_data` (fast, no
per-field resolvers) and ninja validates them against these schemas.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from ninja import Field, Schema

from lontar.organisations.models import Organisation, Region


def directory_url() -> str:
    """The directory's path ("/organisasi/"); organisation pages are ``<this><slug>/``."""
    return reverse("organisations:directory")


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


def region_data(region: Region | Any) -> dict[str, Any]:
    """A region (model, or a row of ``selectors.region_api_rows``) as :class:`RegionOut` data."""
    flag = getattr(region, "has_geometry", None)
    return {
        "code": region.code,
        "name": region.name,
        "level": region.level,
        "parent": region.parent_id,
        "bps_code": region.bps_code or None,
        "capital": region.capital or None,
        "area_km2": float(region.area_km2) if region.area_km2 is not None else None,
        "population": region.population,
        "lat": region.lat,
        "lng": region.lng,
        "has_geometry": bool(flag) if flag is not None else region.geometry is not None,
    }


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


def organisation_data(organisation: Organisation | Any, base_url: str) -> dict[str, Any]:
    """An organisation as :class:`OrganisationOut` data: a model with ``region`` and ``parent``
    selected, or a row of ``selectors.organisation_api_rows``."""
    if isinstance(organisation, Organisation):
        parent = organisation.parent.slug if organisation.parent is not None else None
        region_name = organisation.region.name
    else:
        parent, region_name = organisation.parent__slug, organisation.region__name
    return {
        "slug": organisation.slug,
        "name": organisation.name,
        "short_name": organisation.short_name,
        "kind": organisation.kind,
        "opd_type": organisation.opd_type or None,
        "parent": parent,
        "region": organisation.region_id,
        "region_name": region_name,
        "is_sample": organisation.is_sample,
        "source": organisation.source,
        "website": organisation.website,
        "email": organisation.email,
        "phone": organisation.phone,
        "address": organisation.address,
        "url": f"{base_url}{organisation.slug}/",  # slugs are URL-safe by construction
    }


class OrganisationDetail(OrganisationOut):
    region_detail: RegionOut
    units: list[OrganisationRef] = Field(description="for an instansi: its OPD")


class OrganisationList(Schema):
    items: list[OrganisationOut]
    next_cursor: str | None
    next_url: str | None
