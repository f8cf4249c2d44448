"""The one write path of the registry: a service per change of state, each audited."""

from lontar.katalog.services.applications import application_create, application_set_stage, application_update
from lontar.katalog.services.assets import asset_create, asset_update
from lontar.katalog.services.layanan import service_create, service_update
from lontar.katalog.services.security import risk_rate, security_audit_record

__all__ = [
    "application_create",
    "application_set_stage",
    "application_update",
    "asset_create",
    "asset_update",
    "risk_rate",
    "security_audit_record",
    "service_create",
    "service_update",
]
