"""Background jobs of the connectivity module (django-tasks; a ``db_worker`` runs them, tests run them inline)."""

from __future__ import annotations

from django_tasks import task


@task()
def publication_refresh_task() -> dict[str, int]:
    """Refresh the Satu Data tables of the site registry and the weekly status (``publish.py``)."""
    from lontar.konektivitas.publish import publication_refresh

    return publication_refresh().tables
