"""Reads for the account pages: a user's own tokens, the user list for admins."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from lontar.accounts.models import ApiToken, Membership, User
from lontar.accounts.permissions import get_for_actor_or_404

MAX_SEARCH_LENGTH = 100


def api_token_list(*, actor: Any) -> QuerySet[ApiToken]:
    """The actor's own tokens, newest first."""
    return ApiToken.objects.filter(user=actor).order_by("-created_at", "-id")


def api_token_get_for_actor(*, actor: Any, pk: Any) -> ApiToken:
    """One of the actor's own tokens; anybody else's answers 404 like a missing one."""
    return get_for_actor_or_404(api_token_list(actor=actor), pk)


def _memberships() -> Prefetch:
    return Prefetch(
        "memberships",
        queryset=Membership.objects.select_related("organisation").order_by("organisation__name", "role"),
    )


def user_list(*, search: str = "") -> QuerySet[User]:
    """Every user with their roles (for province admins), optionally filtered by name or e-mail."""
    users = User.objects.prefetch_related(_memberships()).order_by("email")
    search = " ".join("".join(ch for ch in search if ch.isprintable()).split())[:MAX_SEARCH_LENGTH]
    if search:
        users = users.filter(Q(email__icontains=search) | Q(full_name__icontains=search))
    return users


def user_get(*, pk: Any) -> User:
    try:
        return User.objects.prefetch_related(_memberships()).get(pk=int(pk))
    except (User.DoesNotExist, ValueError, TypeError, OverflowError) as exc:
        raise Http404 from exc


def membership_get(*, user: User, pk: Any) -> Membership:
    try:
        return Membership.objects.select_related("organisation", "organisation__region", "user").get(
            user=user, pk=int(pk)
        )
    except (Membership.DoesNotExist, ValueError, TypeError, OverflowError) as exc:
        raise Http404 from exc


def role_holder_emails(
    role: str,
    *,
    organisation_ids: Iterable[int] = (),
    instansi_id: int | None = None,
    active_organisations_only: bool = False,
) -> list[str]:
    """Addresses (sorted, each once) of active users holding ``role`` in those organisations, or
    anywhere in the instansi ``instansi_id`` (itself and its OPD); other apps' mail goes to these."""
    scope = Q(organisation_id__in=list(organisation_ids))
    if instansi_id is not None:
        scope |= Q(organisation_id=instansi_id) | Q(organisation__parent_id=instansi_id)
    rows = Membership.objects.filter(scope, role=role, user__is_active=True).exclude(user__email="")
    if active_organisations_only:
        rows = rows.filter(organisation__is_active=True)
    return sorted(set(rows.values_list("user__email", flat=True)))


def users_holding(role: str) -> QuerySet[User]:
    """Active users holding ``role`` in an active organisation, by name (choices in other apps' forms)."""
    holders = Membership.objects.filter(role=role, organisation__is_active=True).values("user_id")
    return User.objects.filter(is_active=True, pk__in=holders).order_by("full_name", "email")


def user_by_email(email: str, *, active_only: bool = False) -> User | None:
    qs = User.objects.filter(email=email)
    return (qs.filter(is_active=True) if active_only else qs).first()


def role_holders(role: str, *, organisation_ids: Iterable[int | None] = (), everywhere: bool = False) -> QuerySet[User]:
    """Active users holding ``role`` in any of those organisations (or anywhere, when ``everywhere``)."""
    rows = Membership.objects.filter(role=role, user__is_active=True)
    if not everywhere:
        rows = rows.filter(Q(organisation_id__in=[pk for pk in organisation_ids if pk]))
    return User.objects.filter(pk__in=rows.values("user_id")).order_by("pk")


def role_holder_users(role: str, *, organisation_ids: Iterable[int] = (), instansi_id: int | None = None) -> list[User]:
    """Active users with an address holding ``role`` in those organisations, or anywhere in the instansi
    ``instansi_id`` (itself and its OPD), active organisations only, by address (the scope of
    :func:`role_holder_emails`)."""
    scope = Q(organisation_id__in=list(organisation_ids))
    if instansi_id is not None:
        scope |= Q(organisation_id=instansi_id) | Q(organisation__parent_id=instansi_id)
    rows = Membership.objects.filter(scope, role=role, user__is_active=True, organisation__is_active=True)
    return list(User.objects.filter(pk__in=rows.values("user_id")).exclude(email="").order_by("email"))
