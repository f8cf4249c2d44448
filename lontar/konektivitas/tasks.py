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
    """Recompute the weekly site status for the ISO week of ``week`` (``services/status.py``), then
    refresh the Satu Data tables (``publish.py``) so that the published status follows."""
    from lontar.konektivitas.publish import publication_refresh_enqueue
    from lontar.konektivitas.services.status import status_recompute

    by_status = status_recompute(week=week, kabupaten=kabupaten).by_status
    publication_refresh_enqueue()
    return by_status
