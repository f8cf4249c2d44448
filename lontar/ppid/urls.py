from django.urls import path

from lontar.ppid.views import (
    objection_registers,
    objections,
    public,
    registers,
    staff,
    staff_actions,
    staff_bodies,
    tracking,
    verify,
)
from lontar.ppid.views import report as report_views

app_name = "ppid"

urlpatterns = [
    path("", public.index, name="index"),
    path("badan/<slug:slug>/", public.body_detail, name="body"),
    path("statistik/", public.statistics, name="statistics"),
    path("register/", registers.public_register, name="register"),
    path("register/keberatan/", objection_registers.public_register, name="objection_register"),
    path("laporan/", report_views.report_page, name="report"),
    path("laporan/unduh.pdf", report_views.report_download, {"fmt": "pdf"}, name="report_pdf"),
    path("laporan/unduh.xlsx", report_views.report_download, {"fmt": "xlsx"}, name="report_xlsx"),
    path("permohonan/baru/", public.request_new, name="request_new"),
    path("lacak/", tracking.track, name="track"),
    path("lacak/tarik/", tracking.withdraw, name="track_withdraw"),
    path("lacak/keberatan/", objections.track_objection, name="track_objection"),
    path("lacak/surat/<str:signed>/", verify.track_pdf, name="track_pdf"),
    path("verifikasi/<str:code>/", verify.verify, name="verify"),
    path("verifikasi/<str:code>/tanda-tangan.sig", verify.verify_signature, name="verify_signature"),
    path("lacak/berkas/<str:signed>/", tracking.notice_file, name="track_file"),
    path("kelola/", staff.inbox, name="staff_inbox"),
    path("kelola/permohonan/baru/", staff.intake, name="staff_intake"),
    path("kelola/permohonan/<int:pk>/", staff.request_detail, name="staff_detail"),
    path("kelola/permohonan/<int:pk>/pemberitahuan/", staff_actions.notice_new, name="staff_notice"),
    path("kelola/permohonan/<int:pk>/pemberitahuan.pdf", verify.staff_pdf, name="staff_notice_pdf"),
    path("kelola/permohonan/<int:pk>/dokumen/<int:doc_pk>/", staff.identity_document, name="staff_document"),
    path("kelola/permohonan/<int:pk>/berkas/<int:file_pk>/", staff.notice_file, name="staff_notice_file"),
    path("kelola/permohonan/<int:pk>/keberatan/", objections.objection_new, name="staff_objection_new"),
    path("kelola/permohonan/<int:pk>/<slug:action>/", staff_actions.request_action, name="staff_action"),
    path("kelola/register/", registers.staff_register, name="staff_register"),
    path("kelola/keberatan/", objection_registers.staff_register, name="staff_objections"),
    path("kelola/keberatan/<int:pk>/<slug:action>/", objections.objection_action, name="staff_objection_action"),
    path("kelola/badan/", staff_bodies.bodies, name="staff_bodies"),
    path("kelola/badan/<slug:slug>/", staff_bodies.body_settings, name="staff_body"),
    path("kelola/uji-konsekuensi/", staff_actions.consequence_tests, name="staff_tests"),
    path("kelola/uji-konsekuensi/baru/", staff_actions.consequence_test_new, name="staff_test_new"),
]
