"""Models of the SPBE architecture registry (Katalog TIK)."""

from lontar.katalog.models.choices import (
    AssetKind,
    AssetStatus,
    AuditConclusion,
    Basis,
    LicenceType,
    Ownership,
    OwnershipClass,
    ServiceKind,
    Stage,
    SystemCategory,
)
from lontar.katalog.models.registry import Application, InfrastructureAsset, RiskRating, SecurityAudit, Service

__all__ = [
    "Application",
    "AssetKind",
    "AssetStatus",
    "AuditConclusion",
    "Basis",
    "InfrastructureAsset",
    "LicenceType",
    "Ownership",
    "OwnershipClass",
    "RiskRating",
    "SecurityAudit",
    "Service",
    "ServiceKind",
    "Stage",
    "SystemCategory",
]
