"""Katalog TIK pages for the HTML conformance check (tests/conformance/pages.py), from the demo data."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.urls import reverse


def katalog_public_pages(page: Any) -> Iterator[Any]:
    """``page(name, label="", **kwargs)`` builds a Page (tests/conformance/pages.py:_p)."""
    from lontar.katalog.models import Application, Service

    yield page("katalog:index")
    yield page("katalog:services")
    app = Application.objects.filter(code="NTT-APL-EOFFICE").first() or Application.objects.order_by("code").first()
    assert app is not None, "the demo has no katalog application (katalog_demo)"
    yield page("katalog:application", code=app.code)
    service = Service.objects.order_by("code").first()
    assert service is not None, "the demo has no katalog service"
    yield page("katalog:service", code=service.code)


def katalog_staff_pages(page: Any, user: str) -> Iterator[Any]:
    """The staff pages as the province's pengelola TIK (``user``)."""
    from lontar.katalog.models import Application, InfrastructureAsset, Service

    for name in (
        "katalog:manage_index",
        "katalog:manage_application_create",
        "katalog:manage_assets",
        "katalog:manage_asset_create",
        "katalog:manage_services",
        "katalog:manage_service_create",
        "katalog:manage_import",
    ):
        yield page(name, user=user)
    app = Application.objects.get(code="NTT-APL-SATUDATA")  # audited Tidak Memadai, rated
    yield page("katalog:manage_application", user=user, pk=app.pk)
    yield page("katalog:manage_application_edit", user=user, pk=app.pk)
    asset = InfrastructureAsset.objects.get(code="NTT-AST-DC")
    yield page("katalog:manage_asset", user=user, pk=asset.pk)
    yield page("katalog:manage_asset_edit", user=user, pk=asset.pk)
    service = Service.objects.get(code="NTT-LYN-ADUAN")
    yield page("katalog:manage_service", user=user, pk=service.pk)
    yield page("katalog:manage_service_edit", user=user, pk=service.pk)


def filtered_index() -> str:
    return reverse("katalog:index") + "?tahap=konsolidasi&instansi=pemprov-ntt"
