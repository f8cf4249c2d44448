"""Django admin (superusers only): users, roles, API tokens. Writes go through the services."""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any, cast

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm, AdminUserCreationForm, UserChangeForm
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from lontar.accounts import services, tokens
from lontar.accounts.models import ApiToken, Membership, User


class UserCreationAdminForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "full_name")


class UserChangeAdminForm(UserChangeForm):
    #: the superuser editing (set by UserAdmin.get_form), for the rules checked before saving
    actor: Any = None

    class Meta:
        model = User
        fields = ("email", "full_name", "is_active", "is_superuser")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or self.cleaned_data
        if self.actor is not None and self.instance.pk == self.actor.pk:
            if "is_active" in self.changed_data and not cleaned.get("is_active"):
                self.add_error("is_active", ValidationError(_("You cannot deactivate your own account.")))
            if "is_superuser" in self.changed_data and not cleaned.get("is_superuser"):
                self.add_error(
                    "is_superuser",
                    ValidationError(_("You cannot take away your own superuser status; ask another superuser.")),
                )
        return cleaned


#: the superuser using the admin's set-password page (the form has no request of its own)
_password_actor: ContextVar[Any] = ContextVar("lontar_admin_password_actor", default=None)


class PasswordSetAdminForm(AdminPasswordChangeForm):
    """The admin's set-password page, through ``services.password_change`` (validated, tokens
    revoked, audited). Switching password sign-in off is not offered: deactivate the user instead."""

    def __init__(self, user: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(user, *args, **kwargs)
        self.fields.pop("usable_password", None)

    def save(self, commit: bool = True) -> Any:
        services.password_change(
            actor=_password_actor.get(), user=self.user, password=self.cleaned_data["password1"], via="admin"
        )
        return self.user


def _apply_user_changes(actor: Any, obj: User, form: Any) -> None:
    """Each changed field of the admin's user form through its service (each audited)."""
    original = User.objects.get(pk=obj.pk)
    changed = set(form.changed_data)
    if changed & {"email", "full_name"}:
        services.user_update(actor=actor, user=original, email=obj.email, full_name=obj.full_name)
    if "is_active" in changed:
        services.user_set_active(actor=actor, user=original, active=obj.is_active)
    if "is_superuser" in changed:
        services.user_set_superuser(actor=actor, user=original, superuser=obj.is_superuser)
    obj.refresh_from_db()


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ("organisation", "role", "created_at")
    readonly_fields = ("organisation", "role", "created_at")
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = UserChangeAdminForm
    add_form = UserCreationAdminForm
    change_password_form = PasswordSetAdminForm
    ordering = ("email",)
    list_display = ("email", "full_name", "is_active", "is_superuser", "last_login")
    list_filter = ("is_active", "is_superuser")
    search_fields = ("email", "full_name")
    readonly_fields = ("last_login", "date_joined")
    inlines = [MembershipInline]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal info"), {"fields": ("full_name",)}),
        (_("Permissions"), {"fields": ("is_active", "is_superuser")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "full_name", "usable_password", "password1", "password2")}),
    )

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        form = super().get_form(request, obj, change=change, **kwargs)  # UserAdmin takes it as a keyword
        if obj is not None:
            form = type(form.__name__, (form,), {"actor": request.user})
        return form

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = "") -> HttpResponse:
        token = _password_actor.set(request.user)
        try:
            return super().user_change_password(request, id, form_url)
        finally:
            _password_actor.reset(token)

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        if change:
            _apply_user_changes(request.user, obj, form)
            return
        usable = form.cleaned_data.get("usable_password", "true") != "false"
        created = services.user_create(
            actor=request.user,
            email=obj.email,
            full_name=obj.full_name,
            password=form.cleaned_data.get("password1") if usable else None,
        )
        obj.pk, obj.password, obj.email = created.pk, created.password, created.email
        obj._state.adding = False
        obj._state.db = created._state.db


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "organisation", "created_at")
    list_filter = ("role",)
    search_fields = ("user__email", "user__full_name", "organisation__name")
    autocomplete_fields = ("user",)
    list_select_related = ("user", "organisation")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None and super().has_change_permission(request, obj)

    def save_model(self, request: HttpRequest, obj: Membership, form: Any, change: bool) -> None:
        created = services.membership_grant(
            actor=request.user, user=obj.user, organisation=obj.organisation, role=obj.role
        )
        obj.pk = created.pk
        obj._state.adding = False

    def delete_model(self, request: HttpRequest, obj: Membership) -> None:
        services.membership_revoke(actor=request.user, membership=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Membership]) -> None:
        for membership in queryset.select_related("user", "organisation"):
            services.membership_revoke(actor=request.user, membership=membership)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "prefix", "created_at", "expires_at", "last_used_at", "revoked_at")
    list_filter = ("revoked_at",)
    search_fields = ("name", "prefix", "user__email")
    readonly_fields = ("user", "name", "prefix", "digest", "created_at", "expires_at", "last_used_at", "revoked_at")
    actions = ["revoke"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        for token in queryset:
            tokens.api_token_revoke(actor=cast(User, request.user), token=token)
