"""The registry in the JSON API at /api/v1/katalog/: aplikasi, aset, layanan."""

from ninja import Router

from lontar.katalog.api import applications, registry

router = Router(tags=["katalog"])
router.add_router("", applications.router)
router.add_router("", registry.router)

__all__ = ["router"]
