from django.contrib import admin
from django.urls import include, path

from config.api import api
from lontar.accounts.admin_site import superuser_only_admin

superuser_only_admin(admin.site)

urlpatterns = [
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("django-admin/", admin.site.urls),
    path("akun/", include("lontar.accounts.urls")),
    path("ruang-kerja/", include("lontar.notifications.urls")),
    path("audit/", include("lontar.audit_pages.urls")),
    path("kalender/", include("lontar.calendar.urls")),
    path("evaluasi/", include("lontar.assessments.urls")),
    path("evaluasi/", include("lontar.evaluations.urls")),
    path("organisasi/", include("lontar.organisations.urls")),
    path("ppid/", include("lontar.ppid.urls")),
    path("data/", include("lontar.datastore.urls")),
    path("konektivitas/", include("lontar.konektivitas.urls")),
    path("katalog-tik/", include("lontar.katalog.urls")),
    path("datastore/", include("lontar.datastore.staff_urls")),
    path("", include("lontar.catalog.urls")),
    path("", include("lontar.core.urls")),
]

handler400 = "lontar.core.views.error_400"
handler403 = "lontar.core.views.error_403"
handler404 = "lontar.core.views.error_404"
handler500 = "lontar.core.views.error_500"
