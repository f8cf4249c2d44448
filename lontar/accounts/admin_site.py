"""Django admin is for superusers only (day-to-day work happens in Lontar's own pages).

The admin has no sign-in form of its own: its login URL sends the browser to Lontar's sign-in,
so the lock-out and two-factor steps apply to superusers too, and a superuser's session must
have passed two-factor (when required) before the admin opens.
"""

from urllib.parse import urlencode

from django.contrib.admin import AdminSite
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse


def superuser_only_admin(site: AdminSite) -> None:
    def has_permission(request: HttpRequest) -> bool:
        from lontar.accounts.twofactor import session_is_verified

        user = request.user
        return bool(user.is_active and user.is_superuser and session_is_verified(request))

    def login(request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
        from lontar.accounts.decorators import second_step_url
        from lontar.accounts.twofactor import session_is_verified
        from lontar.accounts.views.signin import safe_next_url

        target = (request.GET.get("next") and safe_next_url(request)) or reverse("admin:index")
        if request.user.is_authenticated:
            if session_is_verified(request):
                raise PermissionDenied  # signed in, but not a superuser: no admin for them
            return HttpResponseRedirect(second_step_url(request.user, target))
        return HttpResponseRedirect(f"{reverse('accounts:login')}?{urlencode({'next': target})}")

    site.has_permission = has_permission  # type: ignore[method-assign]
    site.login = login  # type: ignore[method-assign]
    site.site_header = "Lontar"
    site.site_title = "Lontar"
