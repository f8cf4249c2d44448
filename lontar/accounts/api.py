"""/api/v1/me: who the token belongs to and which roles it carries."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from lontar.accounts.api_auth import token_auth
from lontar.accounts.models import Membership

router = Router(tags=["akun"])


class MembershipOut(Schema):
    organisation: str
    organisation_slug: str
    role: str


class MeOut(Schema):
    email: str
    full_name: str
    memberships: list[MembershipOut]


@router.get("", response=MeOut, auth=token_auth, summary="Pemilik token")
def me(request: HttpRequest) -> dict:
    """The signed-in user (by API token or session) and their roles."""
    user = request.auth  # type: ignore[attr-defined]
    rows = Membership.objects.filter(user=user).select_related("organisation")
    return {
        "email": user.email,
        "full_name": user.full_name,
        "memberships": [
            {"organisation": m.organisation.name, "organisation_slug": m.organisation.slug, "role": m.role}
            for m in rows
        ],
    }
