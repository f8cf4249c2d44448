"""The JSON API at /api/v1/ (django-ninja, OpenAPI 3.1 at /api/v1/openapi.json, docs at /api/v1/docs)."""

from lontar.core import api_errors
from lontar.core.api_openapi import LontarAPI

api = LontarAPI(
    title="Lontar API",
    version="1",
    description=(
        "API Lontar: wilayah, organisasi, kalender hari kerja, evaluasi, Satu Data, PPID. "
        "Authenticated endpoints take a personal API token: `Authorization: Bearer <token>`. "
        "Errors are RFC 9457 `application/problem+json`; invalid input is always 422."
    ),
    urls_namespace="api",
    parser=api_errors.DepthLimitedParser(),
)
api_errors.install(api)

# Each app contributes a router; the add_router order below is the order in the schema.
from lontar.accounts.api import router as accounts_router  # noqa: E402
from lontar.assessments.api import router as frameworks_router  # noqa: E402
from lontar.calendar.api import router as calendar_router  # noqa: E402
from lontar.evaluations.api import router as evaluations_router  # noqa: E402
from lontar.katalog.api import router as katalog_registry_router  # noqa: E402
from lontar.konektivitas.api.measurements import router as konektivitas_measurements_router  # noqa: E402
from lontar.konektivitas.api.sites import router as konektivitas_sites_router  # noqa: E402
from lontar.organisations.api import organisations_router, regions_router  # noqa: E402
from lontar.ppid.api import router as ppid_router  # noqa: E402

api.add_router("/regions", regions_router)
api.add_router("/organisations", organisations_router)
api.add_router("/calendar", calendar_router)
api.add_router("/me", accounts_router)
api.add_router("/ppid", ppid_router)
api.add_router("/frameworks", frameworks_router)
api.add_router("/evaluations", evaluations_router)
api.add_router("/katalog", konektivitas_measurements_router)
api.add_router("/katalog", konektivitas_sites_router)
api.add_router("/katalog", katalog_registry_router)
