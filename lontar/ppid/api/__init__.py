"""PPID in the JSON API at /api/v1/ppid/: staff workflow (token) and public tracking/statistics."""

from ninja import Router

from lontar.ppid.api import public, staff

router = Router(tags=["ppid"])
router.add_router("", public.router)
router.add_router("", staff.router)

__all__ = ["router"]
