"""Forms of the account pages: sign-in, TOTP code, password reset, API tokens, user management."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, PasswordResetForm, SetPasswordForm
from django.core.cache import cache
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from lontar.accounts import services
from lontar.accounts.models import Role
from lontar.organisations.selectors import organisation_list

CODE_LENGTH = 6
RESET_MAIL_INTERVAL = 5 * 60
MAX_PASSWORD_LENGTH = 4096


class EmailAuthenticationForm(AuthenticationForm):
    """Sign-in by e-mail; the address is compared lower-cased (as it is stored)."""

    username = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    error_messages = {
        "invalid_login": _("Wrong e-mail or password."),
        "inactive": _("This account is inactive."),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["password"].validators.append(MaxLengthValidator(MAX_PASSWORD_LENGTH))
        self.fields["password"].widget.attrs["autocomplete"] = "current-password"

    def clean_username(self) -> str:
        return self.cleaned_data["username"].strip().lower()


class TotpCodeForm(forms.Form):
    """The six-digit code of an authenticator app (spaces are ignored)."""

    otp_token = forms.CharField(
        label=_("Six-digit code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True, "size": 8}
        ),
        help_text=_("The code shown by your authenticator app; it changes every 30 seconds."),
    )

    def clean_otp_token(self) -> str:
        code = "".join(self.cleaned_data["otp_token"].split())
        if len(code) != CODE_LENGTH or not code.isascii() or not code.isdigit():
            raise forms.ValidationError(_("Enter the six digits shown by your authenticator app."))
        return code


def reset_mail_allowed(user: Any) -> bool:
    """At most one reset e-mail per account every RESET_MAIL_INTERVAL seconds (no mail bombing)."""
    key = "lontar:password-reset:" + hashlib.sha256(user.email.lower().encode("utf-8")).hexdigest()
    return bool(cache.add(key, 1, RESET_MAIL_INTERVAL))


class LontarPasswordResetForm(PasswordResetForm):
    """Django's reset form, also for users whose password was never set (new accounts).

    The page answers the same whether or not the address belongs to an account, and whether or
    not an e-mail was actually sent (see :func:`reset_mail_allowed`).
    """

    email = forms.EmailField(
        label=_("E-mail"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True})
    )

    def get_users(self, email: str) -> Iterator[Any]:
        users = get_user_model()._default_manager.filter(email__iexact=email.strip(), is_active=True)
        return iter([user for user in users if reset_mail_allowed(user)])


class LontarPasswordChangeForm(PasswordChangeForm):
    """The signed-in user's new password, set by ``services.password_change`` (audited, API tokens revoked)."""

    def save(self, commit: bool = True) -> Any:
        services.password_change(actor=self.user, user=self.user, password=self.cleaned_data["new_password1"])
        return self.user


class LontarSetPasswordForm(SetPasswordForm):
    """The password chosen through an e-mailed link, set by ``services.password_change(via="reset")``."""

    def save(self, commit: bool = True) -> Any:
        services.password_change(
            actor=self.user, user=self.user, password=self.cleaned_data["new_password1"], via="reset"
        )
        return self.user


class ApiTokenCreateForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=80,
        help_text=_("What the token is for, e.g. the name of the script or application that uses it."),
    )
    days = forms.IntegerField(
        label=_("Valid for (days)"),
        min_value=1,
        max_value=366,
        initial=90,
        help_text=_("From 1 to 366 days."),
        error_messages={"invalid": _("Enter a whole number of days from 1 to 366.")},
    )

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if not name or not name.isprintable():
            raise forms.ValidationError(_("Enter a name made of printable characters."))
        return name


class UserCreateForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    full_name = forms.CharField(label=_("Full name"), max_length=150)


class MembershipGrantForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=organisation_list().select_related("region").order_by("region_id", "kind", "name"),
    )
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
