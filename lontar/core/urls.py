from django.urls import path

from lontar.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("tentang/", views.about, name="about"),
    path("pola/", views.pattern_library, name="patterns"),
    path(".well-known/security.txt", views.security_txt, name="security_txt"),
    path(".well-known/lontar-signing-key.pem", views.signing_key, name="signing_key"),
]
