"""Personal API tokens: ``lontar_<prefix>_<secret>``; only the SHA-256 digest is stored."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lontar.accounts.models import ApiToken, User
from lontar.audit.services import audit_record

TOKEN_PREFIX = "lontar_"  # noqa: S105 - a public prefix, not a secret
MAX_TOKEN_LENGTH = 200
MAX_TOKEN_DAYS = 366


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def api_token_create(*, actor: User, name: str, days: int | None = None) -> tuple[ApiToken, str]:
    """Create a token for ``actor``. Returns the row and the secret, which is never stored.

    Raises ``ValidationError`` for an empty name or a lifetime outside 1–366 days.
    """
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied(_("Sign in to create an API token."))
    name = " ".join((name or "").split())[:80]
    if not name or not name.isprintable():
        raise ValidationError({"name": _("Enter a name for the token.")})
    lifetime = days if days is not None else settings.LONTAR_API_TOKEN_DAYS
    if not isinstance(lifetime, int) or lifetime < 1 or lifetime > MAX_TOKEN_DAYS:
        raise ValidationError({"days": _("Enter a whole number of days from 1 to 366.")})
    prefix = secrets.token_hex(4)
    raw = f"{TOKEN_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=actor,
            name=name,
            prefix=prefix,
            digest=_digest(raw),
            expires_at=timezone.now() + dt.timedelta(days=lifetime),
        )
        audit_record(
            action="accounts.api_token.created", actor=actor, target=token, data={"name": name, "days": lifetime}
        )
    return token, raw


def api_token_revoke(*, actor: User, token: ApiToken) -> ApiToken:
    """Revoke a token (its owner or a superuser). Revoking twice changes nothing."""
    if token.user_id != actor.pk and not actor.is_superuser:
        raise PermissionDenied(_("This is not your token."))
    with transaction.atomic():
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
            audit_record(action="accounts.api_token.revoked", actor=actor, target=token)
    return token


def api_tokens_revoke_all(*, actor: Any, user: User, reason: str) -> int:
    """Revoke every usable token of ``user`` (a password change, reset or deactivation).

    Runs inside the caller's transaction; one audit event per token, with the reason.
    """
    now = timezone.now()
    revoked = 0
    for token in ApiToken.objects.select_for_update().filter(user=user, revoked_at__isnull=True):
        token.revoked_at = now
        token.save(update_fields=["revoked_at"])
        audit_record(action="accounts.api_token.revoked", actor=actor, target=token, data={"reason": reason})
        revoked += 1
    return revoked


def api_token_authenticate(*, raw: str) -> Any:
    """The active user a raw token belongs to, or None (unknown, revoked, expired, malformed)."""
    if not raw or len(raw) > MAX_TOKEN_LENGTH or not raw.isascii() or not raw.startswith(TOKEN_PREFIX):
        return None
    token = ApiToken.objects.select_related("user").filter(digest=_digest(raw)).first()
    if token is None or not token.is_usable or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > dt.timedelta(minutes=5):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
