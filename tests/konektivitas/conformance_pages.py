"""Staff pages of the site registry for the HTML conformance check (tests/conformance/pages.py)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

#: answered with something other than an HTML page, or POST only
SITES_NOT_HTML = frozenset(
    {
        "konektivitas:staff_import_json",
        "konektivitas:staff_import_template",
        "konektivitas:staff_site_deactivate",
        "konektivitas:staff_connection_end",
    }
)


def sites_staff_pages(page: Any, user: str) -> Iterator[Any]:
    """The staff pages as a pengelola TIK (``user``): list, forms, a site it manages, an import."""
    from lontar.accounts.models import User
    from lontar.konektivitas.selectors.imports import import_batches_for_actor
    from lontar.konektivitas.selectors.sites import site_list_for_actor

    actor = User.objects.get(email=user)
    for name in ("konektivitas:staff_sites", "konektivitas:staff_site_create", "konektivitas:staff_import_upload"):
        yield page(name, user=user)
    site = site_list_for_actor(actor=actor).first()
    if site is not None:
        yield page("konektivitas:staff_site", user=user, pk=site.pk)
        yield page("konektivitas:staff_connection_add", user=user, pk=site.pk)
    batch = import_batches_for_actor(actor=actor).first()
    if batch is not None:
        yield page("konektivitas:staff_import", user=user, pk=batch.pk)
