"""E-mail to the next actor of the workflow, sent after the transaction commits."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.urls import reverse

from lontar.accounts.selectors import role_holder_emails, role_holder_users
from lontar.catalog.models import Dataset
from lontar.notifications.services import notify


def emails_for(role: str, *, organisation_ids: Iterable[int] = (), instansi_id: int | None = None) -> list[str]:
    """Addresses of active users holding ``role`` in those organisations, or anywhere in the instansi."""
    return role_holder_emails(
        role, organisation_ids=organisation_ids, instansi_id=instansi_id, active_organisations_only=True
    )


def users_for(role: str, *, organisation_ids: Iterable[int] = (), instansi_id: int | None = None) -> list[Any]:
    """The active users holding ``role`` there (same scope as :func:`emails_for`), for :func:`notify`."""
    return role_holder_users(role, organisation_ids=organisation_ids, instansi_id=instansi_id)


def send_step_mail(
    *,
    recipients: list[Any],
    dataset: Dataset,
    subject: str,
    step: str,
    note: str,
    actor: Any,
    next_step: str,
    event: str = "catalog.dataset.step",
) -> None:
    """Hand the step to its receivers through :func:`lontar.notifications.services.notify` (one
    message per recipient after commit, or their digest, as each chose)."""
    if not recipients:
        return
    link = settings.BASE_URL.rstrip("/") + reverse("catalog:manage_detail", args=[dataset.pk])
    notify(
        recipients,
        event=event,
        subject=f"[Lontar] {subject}: {dataset.title}"[:200],
        template="catalog/email/workflow_body.txt",
        context={
            "dataset": dataset,
            "step": step,
            "note": note,
            "actor": str(actor) if getattr(actor, "is_authenticated", False) else "Lontar",
            "next_step": next_step,
            "link": link,
        },
    )
