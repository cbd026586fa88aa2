from django.contrib import admin
from django.urls import include, path, re_path

from tandem.api.errors import not_found as api_not_found
from tandem.core import views as core_views

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("favicon.ico", core_views.favicon, name="favicon"),
    path("api/v1/", include("tandem.api.urls")),
    re_path(r"^api/", api_not_found),  # a JSON 404 for the API, never an HTML page
    path("directory/", include("tandem.directory.urls")),
    path("clarity/", include("tandem.checks.urls")),
    path("reviews/", include("tandem.reviews.urls")),
    path("gram/", include("tandem.governance.urls")),
    path("events/", include("tandem.events.urls")),
    path("incubator/", include("tandem.incubator.urls")),
    path("reports/", include("tandem.reporting.urls")),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("", include("tandem.accounts.urls")),
    path("", include("tandem.core.urls")),
]

handler404 = "tandem.core.views.page_not_found"
handler403 = "tandem.core.views.permission_denied"
handler500 = "tandem.core.views.server_error"
