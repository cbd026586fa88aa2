from django.urls import path

from tandem.reporting.views import dashboard

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("charts/<slug:slug>.svg", dashboard.chart, name="chart"),
    path("charts/narrow/<slug:slug>.svg", dashboard.chart, {"narrow": True}, name="chart_narrow"),
    path("indicators.xlsx", dashboard.tables_xlsx, name="tables_xlsx"),
    path("indicators/<slug:slug>.csv", dashboard.table_csv, name="table_csv"),
    path("indicators/<slug:slug>.xlsx", dashboard.table_xlsx, name="table_xlsx"),
    path(
        "activity-report-<int:year>/prepare-pdf",
        dashboard.prepare_report_pdf,
        name="prepare_report_pdf",
    ),
    path(
        "activity-report-<int:year>.<str:extension>",
        dashboard.activity_report,
        name="activity_report",
    ),
]
