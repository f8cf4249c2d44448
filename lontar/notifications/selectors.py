"""Reads for notifications: who holds a role where (the recipients of a hand-off)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q, QuerySet

from lontar.accounts.models import Membership, User


def role_holders(role: str, *, organisation_ids: Iterable[int | None] = (), everywhere: bool = False) -> QuerySet[User]:
    """Active users holding ``role`` in any of those organisations (or anywhere, when ``everywhere``)."""
    rows = Membership.objects.filter(role=role, user__is_active=True)
    if not everywhere:
        rows = rows.filter(Q(organisation_id__in=[pk for pk in organisation_ids if pk]))
    return User.objects.filter(pk__in=rows.values("user_id")).order_by("pk")
