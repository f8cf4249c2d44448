"""Background jobs of the connectivity module (django-tasks; a ``db_worker`` runs them, tests run them inline)."""

from __future__ import annotations

from django_tasks import task


@task()
def publication_refresh_task() -> dict[str, int]:
    """Refresh the Satu Data tables of the site registry and the weekly status (``publish.py``)."""
    from lontar.konektivitas.publish import publication_refresh

    return publication_refresh().tables


@task()
def recompute_status_task(week: str, kabupaten: str = "") -> dict[str, int]:
    """Recompute the weekly site status for the ISO week of ``week`` (``services/status.py``)."""
    from lontar.konektivitas.services.status import status_recompute

    return status_recompute(week=week, kabupaten=kabupaten).by_status
