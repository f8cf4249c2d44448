"""Schemas of /api/v1/katalog/aplikasi|aset|layanan. Public answers carry public fields only."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Field, Schema

from lontar.core.api_errors import BodyIn
from lontar.katalog.models import (
    AssetKind,
    AssetStatus,
    Basis,
    LicenceType,
    Ownership,
    OwnershipClass,
    ServiceKind,
    Stage,
    SystemCategory,
)


class KatalogApplicationOut(Schema):
    code: str
    name: str
    acronym: str
    description: str
    function: str
    output: str
    organisation: str = Field(description="slug of the owner OPD")
    organisation_name: str
    ownership_class: str
    url: str
    stage: str
    replaced_by: str | None = Field(description="ID of the application that replaces this one")
    basis: list[str]
    sso: bool
    tte: bool
    services: list[str] = Field(description="IDs of the services it delivers")
    is_sample: bool


class KatalogSecurityAuditOut(Schema):
    audited_on: dt.date
    auditor: str
    conclusion: str = Field(description="memadai, perlu_peningkatan or tidak_memadai (Perban BSSN 8/2024)")
    follow_up: str


class KatalogRiskRatingOut(Schema):
    rating: int = Field(description="1 (high risk) to 5 (low risk)")
    rated_on: dt.date
    rated_by: str
    note: str


class KatalogApplicationSecurityOut(Schema):
    """Internal: only for those who manage the application."""

    code: str
    security_audits: list[KatalogSecurityAuditOut] = Field(description="newest first")
    risk_ratings: list[KatalogRiskRatingOut] = Field(description="newest first; the first is the current one")


class KatalogApplicationPage(Schema):
    items: list[KatalogApplicationOut]
    next_cursor: str | None
    next: str | None


class KatalogApplicationIn(BodyIn):
    """Fields to set; on a change (PATCH) only the fields sent are changed."""

    code: str | None = Field(None, max_length=40, description="stable ID (create only; default: generated)")
    organisation: str | None = Field(None, max_length=120, description="slug of the owner OPD (required on create)")
    name: str | None = Field(None, max_length=200)
    acronym: str | None = Field(None, max_length=40)
    description: str | None = Field(None, max_length=10000)
    function: str | None = Field(None, max_length=10000)
    output: str | None = Field(None, max_length=10000)
    basis: list[Basis] | None = Field(None, max_length=4)
    licence_type: LicenceType | None = None
    languages: str | None = Field(None, max_length=200)
    framework: str | None = Field(None, max_length=200)
    database: str | None = Field(None, max_length=200)
    developer_unit: str | None = Field(None, max_length=200)
    operator_unit: str | None = Field(None, max_length=200)
    raa_l1: str | None = Field(None, max_length=20)
    raa_l2: str | None = Field(None, max_length=20)
    raa_l3: str | None = Field(None, max_length=20)
    raa_l4: str | None = Field(None, max_length=20)
    rab_code: str | None = Field(None, max_length=30)
    ownership_class: OwnershipClass | None = None
    url: str | None = Field(None, max_length=300)
    stage: Stage | None = None
    year_built: int | None = Field(None, ge=1980, le=2100)
    sso: bool | None = None
    tte: bool | None = None
    system_category: SystemCategory | None = None
    hosting: str | None = Field(None, max_length=40, description="ID of the hosting asset ('' for none)")
    replaced_by: str | None = Field(None, max_length=40, description="ID of the replacing application ('' for none)")
    integrations: list[str] | None = Field(None, max_length=200, description="IDs of integrated applications")
    splp: list[str] | None = Field(None, max_length=50, description="IDs of SPLP assets")
    datasets: list[str] | None = Field(None, max_length=200, description="slugs of public Satu Data datasets")


class KatalogAssetOut(Schema):
    code: str
    kind: str
    name: str
    description: str
    organisation: str
    organisation_name: str
    ownership: str
    status: str
    rai_code: str
    licence_valid_until: dt.date | None
    attributes: dict[str, Any]
    is_sample: bool


class KatalogAssetPage(Schema):
    items: list[KatalogAssetOut]
    next_cursor: str | None
    next: str | None


class KatalogAssetIn(BodyIn):
    code: str | None = Field(None, max_length=40, description="stable ID (create only; default: generated)")
    organisation: str | None = Field(None, max_length=120, description="slug (required on create)")
    kind: AssetKind | None = None
    name: str | None = Field(None, max_length=200)
    description: str | None = Field(None, max_length=10000)
    ownership: Ownership | None = None
    status: AssetStatus | None = None
    rai_code: str | None = Field(None, max_length=30)
    licence_valid_until: dt.date | None = None
    attributes: dict[str, str | int | None] | None = Field(None, max_length=20)


class KatalogServiceOut(Schema):
    code: str
    name: str
    kind: str
    ral_code: str
    description: str
    channel_url: str
    organisation: str
    organisation_name: str
    applications: list[str]
    is_sample: bool


class KatalogServicePage(Schema):
    items: list[KatalogServiceOut]
    next_cursor: str | None
    next: str | None


class KatalogServiceIn(BodyIn):
    code: str | None = Field(None, max_length=40, description="stable ID (create only; default: generated)")
    organisation: str | None = Field(None, max_length=120, description="slug (required on create)")
    name: str | None = Field(None, max_length=200)
    kind: ServiceKind | None = None
    ral_code: str | None = Field(None, max_length=30)
    description: str | None = Field(None, max_length=10000)
    channel_url: str | None = Field(None, max_length=300)
    applications: list[str] | None = Field(None, max_length=200, description="IDs of the applications")
