"""E-mail to the next actor of the workflow, sent after the transaction commits."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from lontar.accounts.selectors import role_holder_emails
from lontar.catalog.models import Dataset


def emails_for(role: str, *, organisation_ids: Iterable[int] = (), instansi_id: int | None = None) -> list[str]:
    """Addresses of active users holding ``role`` in those organisations, or anywhere in the instansi."""
    return role_holder_emails(
        role, organisation_ids=organisation_ids, instansi_id=instansi_id, active_organisations_only=True
    )


def send_step_mail(
    *, recipients: list[str], dataset: Dataset, subject: str, step: str, note: str, actor: Any, next_step: str
) -> None:
    """Queue one message per recipient (addresses are not shown to each other) for after commit."""
    if not recipients:
        return
    link = settings.BASE_URL.rstrip("/") + reverse("catalog:manage_detail", args=[dataset.pk])
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(
            "catalog/email/workflow_body.txt",
            {
                "dataset": dataset,
                "step": step,
                "note": note,
                "actor": str(actor) if getattr(actor, "is_authenticated", False) else "Lontar",
                "next_step": next_step,
                "link": link,
            },
        )
        subject_line = f"[Lontar] {subject}: {dataset.title}"[:200]
    messages = [(subject_line, body, settings.DEFAULT_FROM_EMAIL, [address]) for address in recipients]
    # robust: a mail server that is down is logged and never undoes the committed step
    transaction.on_commit(lambda: send_mass_mail(messages, fail_silently=False), robust=True)
