"""Working-day calendar in the API."""

from ninja import Router

router = Router(tags=["kalender"])
