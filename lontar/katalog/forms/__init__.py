"""Staff forms of the registry: they only collect input; the services validate and write."""

from lontar.katalog.forms.registry import (
    ApplicationForm,
    AssetForm,
    ImportForm,
    RiskForm,
    SecurityAuditForm,
    ServiceForm,
    StageForm,
)

__all__ = ["ApplicationForm", "AssetForm", "ImportForm", "RiskForm", "SecurityAuditForm", "ServiceForm", "StageForm"]
