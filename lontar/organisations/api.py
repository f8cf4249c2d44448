"""Regions and organisations in the API."""

from ninja import Router

regions_router = Router(tags=["wilayah"])
organisations_router = Router(tags=["organisasi"])
