from django.urls import path

from lontar.assessments import views

app_name = "assessments"

urlpatterns = [
    path("kerangka/", views.framework_list, name="framework_list"),
    path("kerangka/<slug:code>/", views.framework_detail, name="framework_detail"),
    path("kerangka/<slug:code>/simulasi/", views.framework_simulator, name="framework_simulator"),
    path("riwayat/", views.history_list, name="history_list"),
    path("riwayat/<slug:slug>/", views.history_detail, name="history_detail"),
]
