from django.urls import path

from tandem.checks import views

app_name = "checks"

urlpatterns = [
    path("", views.new_check, name="check"),
    path("mine/", views.history, name="history"),
    path("lexicon/", views.lexicon, name="lexicon"),
    path("lexicon/<int:pk>/retire/", views.retire_term, name="retire_term"),
    path("<int:pk>/", views.report, name="report"),
    path("<int:pk>/status/", views.status, name="status"),
    path("<int:pk>/report.json", views.report_json, name="report_json"),
    path("<int:pk>/report.pdf", views.report_pdf, name="report_pdf"),
    path("<int:pk>/prepare-pdf/", views.prepare_pdf, name="prepare_pdf"),
    path("<int:pk>/compare/<int:other>/", views.compare, name="compare"),
    path("<int:pk>/delete/", views.delete, name="delete"),
]
