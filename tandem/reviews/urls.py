from django.urls import path

from tandem.reviews.views import coordination, pool, reports, requests, reviewing

app_name = "reviews"

urlpatterns = [
    path("", requests.my_requests, name="my_requests"),
    path("new/", requests.new_request, name="new"),
    path("queue/", coordination.triage_queue, name="queue"),
    path("metrics/", coordination.metrics_page, name="metrics"),
    path("pool/", pool.pool, name="pool"),
    path("pool/<int:pk>/", pool.profile, name="profile"),
    path("apply/", pool.apply, name="apply"),
    path("assignments/", reviewing.my_assignments, name="my_assignments"),
    path("assignments/history/", reviewing.history, name="history"),
    path("me/", pool.my_profile, name="my_profile"),
    path("assignments/certificate.docx", reports.certificate, name="certificate"),
    path("assignments/<int:pk>/", reviewing.workspace, name="workspace"),
    path("assignments/<int:pk>/accept/", reviewing.accept, name="accept"),
    path("assignments/<int:pk>/decline/", reviewing.decline, name="decline"),
    path("assignments/<int:pk>/comments/", reviewing.add_comment, name="add_comment"),
    path(
        "assignments/<int:pk>/comments/<int:comment>/delete/",
        reviewing.delete_comment,
        name="delete_comment",
    ),
    path("assignments/<int:pk>/grid/", reviewing.grid, name="grid"),
    path("assignments/<int:pk>/send/", reviewing.send_review, name="send_review"),
    path("assignments/<int:pk>/dismiss/", coordination.dismiss, name="dismiss"),
    path("versions/<int:pk>/", requests.version_report, name="version"),
    path("versions/<int:pk>/download/", requests.download, name="download"),
    path("comments/<int:pk>/answer/", requests.answer, name="answer"),
    path("<int:pk>/", requests.request_detail, name="request"),
    path("<int:pk>/upload/", requests.upload, name="upload"),
    path("<int:pk>/edit/", requests.edit_request, name="edit"),
    path("<int:pk>/delete/", requests.delete_request, name="delete"),
    path("<int:pk>/withdraw/", requests.withdraw, name="withdraw"),
    path("<int:pk>/submit/", requests.submit, name="submit"),
    path("<int:pk>/triage/", coordination.triage, name="triage"),
    path("<int:pk>/assign/", coordination.assign, name="assign"),
    path("<int:pk>/consolidate/", reports.consolidate, name="consolidate"),
    path("<int:pk>/report/", reports.report, name="report"),
    path("<int:pk>/report.docx", reports.report_docx, name="report_docx"),
    path("<int:pk>/report.pdf", reports.report_pdf, name="report_pdf"),
    path("<int:pk>/compare/<str:kind>/", requests.compare, name="compare"),
    path("<int:pk>/new-round/", coordination.new_round, name="new_round"),
    path("<int:pk>/close/", coordination.close, name="close"),
]
