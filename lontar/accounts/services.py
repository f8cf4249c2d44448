"""Changes of state for users and their roles. Each checks permission, validates, writes and audits.

Only province admins (the ``admin`` role, which exists only in the province) and superusers
manage users. ``actor=None`` means the system itself (a management command run by an
operator); views always pass ``request.user``.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from lontar.accounts.models import Membership, Role, User
from lontar.accounts.permissions import clear_cache, is_province_admin
from lontar.accounts.tokens import api_tokens_revoke_all
from lontar.audit.services import audit_record

MAX_EMAIL_LENGTH = 254
MAX_NAME_LENGTH = 150


def can_manage_users(actor: Any) -> bool:
    """Province admins and superusers manage users and roles; ``None`` is the system."""
    if actor is None:
        return True
    return bool(getattr(actor, "is_authenticated", False) and actor.is_active) and (
        actor.is_superuser or is_province_admin(actor)
    )


def _require_manager(actor: Any) -> None:
    if not can_manage_users(actor):
        raise PermissionDenied(_("Only a province admin can manage users."))


def _clean_email(email: str) -> str:
    email = (email or "").strip().lower()
    if not email or len(email) > MAX_EMAIL_LENGTH:
        raise ValidationError({"email": _("Enter a valid e-mail address.")})
    try:
        validate_email(email)
    except ValidationError as exc:
        raise ValidationError({"email": _("Enter a valid e-mail address.")}) from exc
    return email


def _clean_full_name(full_name: str) -> str:
    full_name = " ".join((full_name or "").split())
    if not full_name:
        raise ValidationError({"full_name": _("Enter the full name.")})
    if len(full_name) > MAX_NAME_LENGTH or not full_name.isprintable():
        raise ValidationError({"full_name": _("Enter a full name of at most 150 printable characters.")})
    return full_name


def user_create(
    *,
    actor: Any,
    email: str,
    full_name: str,
    password: str | None = None,
    send_invitation: bool = True,
    is_superuser: bool = False,
) -> User:
    """Create a user. Without ``password`` the account gets an unusable password and, after
    commit, an e-mail with a link to set one (the password-reset mechanism).

    Only the system or a superuser may create a superuser.
    """
    _require_manager(actor)
    if is_superuser and actor is not None and not actor.is_superuser:
        raise PermissionDenied(_("Only a superuser can create a superuser."))
    email = _clean_email(email)
    full_name = _clean_full_name(full_name)
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("A user with this e-mail address already exists.")})
    user = User(email=email, full_name=full_name, is_superuser=is_superuser, is_staff=is_superuser)
    if password is None:
        user.set_unusable_password()
    else:
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise ValidationError({"password": exc.messages}) from exc
        user.set_password(password)
    try:
        with transaction.atomic():
            user.save()
            audit_record(
                action="accounts.user.created",
                actor=actor,
                target=user,
                data={"email": email, "superuser": is_superuser},
            )
            if password is None and send_invitation:
                transaction.on_commit(lambda: send_set_password_email(user=user))
    except IntegrityError as exc:
        raise ValidationError({"email": _("A user with this e-mail address already exists.")}) from exc
    return user


def send_set_password_email(*, user: User) -> None:
    """Send a new user the link to choose a password (same token as a password reset)."""
    base = urlsplit(settings.BASE_URL)
    context = {
        "user": user,
        "protocol": base.scheme or "https",
        "domain": base.netloc,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
        "site_name": "Lontar",
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = "".join(render_to_string("accounts/email/welcome_subject.txt", context).splitlines())
        body = render_to_string("accounts/email/welcome_body.txt", context)
    send_mail(subject, body, None, [user.email])


def _validate_grant(organisation: Any, role: str) -> None:
    if role not in Role.values:
        raise ValidationError({"role": _("Choose a valid role.")})
    if not organisation.is_active:
        raise ValidationError({"organisation": _("This organisation is no longer active.")})
    if role == Role.ADMIN and not organisation.is_province:
        raise ValidationError({"role": _("The admin role exists only in the province government.")})


def membership_grant(*, actor: Any, user: User, organisation: Any, role: str) -> Membership:
    """Give ``user`` the ``role`` in ``organisation``. Granting a role already held changes nothing."""
    _require_manager(actor)
    _validate_grant(organisation, role)
    existing = Membership.objects.filter(user=user, organisation=organisation, role=role).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            membership = Membership.objects.create(user=user, organisation=organisation, role=role)
            audit_record(
                action="accounts.membership.granted",
                actor=actor,
                organisation=organisation,
                target=membership,
                data={"user": user.email, "role": role},
            )
    except IntegrityError:
        return Membership.objects.get(user=user, organisation=organisation, role=role)
    clear_cache(user)
    return membership


def membership_revoke(*, actor: Any, membership: Membership) -> None:
    """Take a role away. An admin cannot take their own admin role (another admin must)."""
    _require_manager(actor)
    if (
        actor is not None
        and membership.user_id == actor.pk
        and membership.role == Role.ADMIN
        and not actor.is_superuser
    ):
        raise ValidationError(_("You cannot revoke your own admin role; ask another admin."))
    with transaction.atomic():
        audit_record(
            action="accounts.membership.revoked",
            actor=actor,
            organisation=membership.organisation,
            target=membership,
            data={"user": membership.user.email, "role": membership.role},
        )
        membership.delete()
    clear_cache(membership.user)


def two_factor_reset(*, actor: Any, user: User) -> int:
    """Remove a user's TOTP devices (lost phone); the next sign-in enrols a new one.

    Returns the number of devices removed. Sessions already verified stay verified until they
    end; the user's next sign-in asks for enrolment.
    """
    from django_otp.plugins.otp_totp.models import TOTPDevice

    _require_manager(actor)
    with transaction.atomic():
        devices = TOTPDevice.objects.filter(user=user)
        count = devices.count()
        devices.delete()
        audit_record(action="accounts.two_factor.reset", actor=actor, target=user, data={"devices": count})
    return count


# --- identity changes: profile, activation, superuser status, two-factor, passwords ----------


def _require_may_manage(actor: Any, user: User) -> None:
    """Managers manage users; only a superuser (or the system) touches a superuser."""
    _require_manager(actor)
    if user.is_superuser and actor is not None and not actor.is_superuser:
        raise PermissionDenied(_("Only a superuser can change a superuser."))


def user_update(*, actor: Any, user: User, email: str, full_name: str) -> User:
    """Change a user's e-mail address (the sign-in name) and full name; audited with old and new."""
    _require_may_manage(actor, user)
    email = _clean_email(email)
    full_name = _clean_full_name(full_name)
    changes = {
        field: [old, new]
        for field, old, new in (("email", user.email, email), ("full_name", user.full_name, full_name))
        if old != new
    }
    if not changes:
        return user
    if "email" in changes and User.objects.filter(email__iexact=email).exclude(pk=user.pk).exists():
        raise ValidationError({"email": _("A user with this e-mail address already exists.")})
    user.email, user.full_name = email, full_name
    try:
        with transaction.atomic():
            user.save(update_fields=["email", "full_name"])
            audit_record(action="accounts.user.updated", actor=actor, target=user, data={"changes": changes})
    except IntegrityError as exc:
        raise ValidationError({"email": _("A user with this e-mail address already exists.")}) from exc
    return user


def user_set_active(*, actor: Any, user: User, active: bool) -> User:
    """Deactivate (no sign-in, no API token) or reactivate a user. Nobody deactivates themselves."""
    _require_may_manage(actor, user)
    if not active and actor is not None and actor.pk == user.pk:
        raise ValidationError(_("You cannot deactivate your own account."))
    if user.is_active == active:
        return user
    with transaction.atomic():
        user.is_active = active
        user.save(update_fields=["is_active"])
        audit_record(
            action="accounts.user.activated" if active else "accounts.user.deactivated", actor=actor, target=user
        )
    clear_cache(user)
    return user


def user_set_superuser(*, actor: Any, user: User, superuser: bool) -> User:
    """Grant or take away superuser status (and with it the Django admin). Superusers only;
    nobody takes their own (another superuser must)."""
    if actor is not None and not (getattr(actor, "is_authenticated", False) and actor.is_superuser):
        raise PermissionDenied(_("Only a superuser can grant or take away superuser status."))
    if not superuser and actor is not None and actor.pk == user.pk:
        raise ValidationError(_("You cannot take away your own superuser status; ask another superuser."))
    if user.is_superuser == superuser and user.is_staff == superuser:
        return user
    with transaction.atomic():
        user.is_superuser = user.is_staff = superuser
        user.save(update_fields=["is_superuser", "is_staff"])
        audit_record(
            action="accounts.user.superuser_granted" if superuser else "accounts.user.superuser_revoked",
            actor=actor,
            target=user,
        )
    clear_cache(user)
    return user


def two_factor_confirm(*, actor: Any, device: Any) -> Any:
    """Confirm a user's new authenticator device (after a correct code). Only its owner does."""
    if actor is None or actor.pk != device.user_id:
        raise PermissionDenied(_("Only the owner confirms an authenticator device."))
    with transaction.atomic():
        type(device).objects.filter(pk=device.pk).update(confirmed=True)
        device.confirmed = True
        audit_record(
            action="accounts.two_factor.confirmed", actor=actor, target=device.user, data={"device": device.pk}
        )
    return device


PASSWORD_VIA = ("change", "reset", "admin")


def _require_may_set_password(actor: Any, user: User, via: str) -> None:
    if via not in PASSWORD_VIA:
        raise ValueError(f"unknown password change {via!r}")
    if via == "admin":
        _require_may_manage(actor, user)
    elif actor is None or actor.pk != user.pk:
        raise PermissionDenied(_("Only the account holder changes this password."))


def password_change(*, actor: Any, user: User, password: str, via: str = "change") -> int:
    """Set a new password: by the user (``change``), through an e-mailed link (``reset``, the actor
    is the user who proved the address) or by a manager (``admin``). Validates it, revokes every
    API token of the user (they must be created again) and audits. Returns the tokens revoked.

    Other sessions of the user end by themselves (the session hash covers the password).
    """
    _require_may_set_password(actor, user, via)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from exc
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        revoked = api_tokens_revoke_all(actor=actor, user=user, reason="password_" + via)
        audit_record(
            action="accounts.password.reset" if via == "reset" else "accounts.password.changed",
            actor=actor,
            target=user,
            data={"via": via, "api_tokens_revoked": revoked},
        )
    return revoked
