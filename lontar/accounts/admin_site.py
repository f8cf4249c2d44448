"""Django admin is for superusers only (day-to-day work happens in Lontar's own pages)."""

from django.contrib.admin import AdminSite
from django.http import HttpRequest


def superuser_only_admin(site: AdminSite) -> None:
    def has_permission(request: HttpRequest) -> bool:
        user = request.user
        return bool(user.is_active and user.is_superuser)

    site.has_permission = has_permission  # type: ignore[method-assign]
    site.site_header = "Lontar"
    site.site_title = "Lontar"
