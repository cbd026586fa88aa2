from django.urls import path

from tandem.reviews import views

app_name = "reviews"

urlpatterns = [
    path("", views.my_requests, name="my_requests"),
    path("new/", views.new_request, name="new"),
    path("queue/", views.triage_queue, name="queue"),
    path("metrics/", views.metrics_page, name="metrics"),
    path("pool/", views.pool, name="pool"),
    path("pool/<int:pk>/", views.profile, name="profile"),
    path("apply/", views.apply, name="apply"),
    path("assignments/", views.my_assignments, name="my_assignments"),
    path("assignments/history/", views.history, name="history"),
    path("me/", views.my_profile, name="my_profile"),
    path("assignments/certificate.docx", views.certificate, name="certificate"),
    path("assignments/<int:pk>/", views.workspace, name="workspace"),
    path("assignments/<int:pk>/accept/", views.accept, name="accept"),
    path("assignments/<int:pk>/decline/", views.decline, name="decline"),
    path("assignments/<int:pk>/comments/", views.add_comment, name="add_comment"),
    path(
        "assignments/<int:pk>/comments/<int:comment>/delete/",
        views.delete_comment,
        name="delete_comment",
    ),
    path("assignments/<int:pk>/grid/", views.grid, name="grid"),
    path("assignments/<int:pk>/dismiss/", views.dismiss, name="dismiss"),
    path("versions/<int:pk>/", views.version_report, name="version"),
    path("versions/<int:pk>/download/", views.download, name="download"),
    path("comments/<int:pk>/answer/", views.answer, name="answer"),
    path("<int:pk>/", views.request_detail, name="request"),
    path("<int:pk>/upload/", views.upload, name="upload"),
    path("<int:pk>/submit/", views.submit, name="submit"),
    path("<int:pk>/triage/", views.triage, name="triage"),
    path("<int:pk>/assign/", views.assign, name="assign"),
    path("<int:pk>/consolidate/", views.consolidate, name="consolidate"),
    path("<int:pk>/report/", views.report, name="report"),
    path("<int:pk>/report.docx", views.report_docx, name="report_docx"),
    path("<int:pk>/report.pdf", views.report_pdf, name="report_pdf"),
    path("<int:pk>/compare/<str:kind>/", views.compare, name="compare"),
    path("<int:pk>/new-round/", views.new_round, name="new_round"),
    path("<int:pk>/close/", views.close, name="close"),
]
