"""Password reset by e-mail (no user enumeration) and password change for signed-in users."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy

from lontar.accounts.decorators import staff_required
from lontar.accounts.forms import LontarPasswordChangeForm, LontarPasswordResetForm, LontarSetPasswordForm

password_reset = auth_views.PasswordResetView.as_view(
    form_class=LontarPasswordResetForm,
    template_name="accounts/password_reset_form.html",
    email_template_name="accounts/email/password_reset_body.txt",
    subject_template_name="accounts/email/password_reset_subject.txt",
    success_url=reverse_lazy("accounts:password_reset_done"),
)
password_reset_done = auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html")
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    form_class=LontarSetPasswordForm,
    template_name="accounts/password_reset_confirm.html",
    success_url=reverse_lazy("accounts:password_reset_complete"),
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="accounts/password_reset_complete.html"
)
password_change = staff_required(
    auth_views.PasswordChangeView.as_view(
        form_class=LontarPasswordChangeForm,
        template_name="accounts/password_change_form.html",
        success_url=reverse_lazy("accounts:password_change_done"),
    )
)
password_change_done = staff_required(
    auth_views.PasswordChangeDoneView.as_view(template_name="accounts/password_change_done.html")
)
