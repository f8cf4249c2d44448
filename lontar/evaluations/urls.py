from django.urls import path

from lontar.evaluations.views import cycles, dashboard, evidence, indicator, results, submissions, targets

app_name = "evaluations"

urlpatterns = [
    path("siklus/", cycles.cycle_list, name="cycle_list"),
    path("siklus/baru/", cycles.cycle_open, name="cycle_open"),
    path("siklus/<int:pk>/", cycles.cycle_detail, name="cycle_detail"),
    path("siklus/<int:pk>/tenggat/", cycles.cycle_deadlines, name="cycle_deadlines"),
    path("siklus/<int:pk>/asesor/", cycles.assignment_add, name="assignment_add"),
    path("siklus/<int:pk>/asesor/<int:assignment_pk>/hapus/", cycles.assignment_remove, name="assignment_remove"),
    path("siklus/<int:pk>/final/", cycles.cycle_finalise, name="cycle_finalise"),
    path("siklus/<int:pk>/ekspor/<str:fmt>/", dashboard.cycle_export, name="cycle_export"),
    path("dasbor/", dashboard.dashboard_index, name="dashboard_index"),
    path("dasbor/<int:pk>/", dashboard.dashboard, name="dashboard"),
    path("penilaian/", submissions.submission_list, name="submission_list"),
    path("penilaian/<int:pk>/", submissions.submission_detail, name="submission_detail"),
    path("penilaian/<int:pk>/kirim/", submissions.submission_submit, name="submission_submit"),
    path("penilaian/<int:pk>/tahap/", submissions.stage_start, name="stage_start"),
    path("penilaian/<int:pk>/terima-sisa/", submissions.review_accept_remaining, name="review_accept_remaining"),
    path("penilaian/<int:pk>/final/", submissions.submission_finalise, name="submission_finalise"),
    path("penilaian/<int:pk>/pakai-ulang-bukti/", submissions.evidence_reuse, name="evidence_reuse"),
    path("penilaian/<int:pk>/indikator/<str:number>/", indicator.indicator, name="indicator"),
    path("penilaian/<int:pk>/indikator/<str:number>/tinjau/", indicator.review_save, name="review_save"),
    path("penilaian/<int:pk>/indikator/<str:number>/tanggapan/", indicator.response_save, name="response_save"),
    path("hasil/<int:pk>/", results.result, name="result"),
    path("hasil/<int:pk>/lhe/terbitkan/", results.report_issue, name="report_issue"),
    path("hasil/<int:pk>/lhe/", results.report_download, name="report_download"),
    path("verifikasi/<str:number>/", results.verify, name="verify"),
    path("verifikasi/<str:number>/tanda-tangan.sig", results.verify_signature, name="verify_signature"),
    path("bukti/<slug:slug>/", evidence.evidence_library, name="evidence_library"),
    path("bukti/<slug:slug>/<int:pk>/", evidence.evidence_detail, name="evidence_detail"),
    path("bukti/<slug:slug>/<int:pk>/unduh/", evidence.evidence_download, name="evidence_download"),
    path("bukti/<slug:slug>/<int:pk>/hapus/", evidence.evidence_delete, name="evidence_delete"),
    path("target/<slug:slug>/", targets.targets, name="targets"),
]
