from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularSwaggerSplitView

from tandem.api import views
from tandem.api.clarity import ClarityView

urlpatterns = [
    path("schema", login_not_required(SpectacularJSONAPIView.as_view()), name="api-schema"),
    path(
        "docs",
        login_not_required(SpectacularSwaggerSplitView.as_view(url_name="api-schema")),
        name="api-docs",
    ),
    path("auth/token", views.TokenView.as_view(), name="api-token"),
    path("me", views.MeView.as_view(), name="api-me"),
    path("", include("tandem.api.account")),
    path("", include("tandem.api.people")),
    path("clarity", ClarityView.as_view(), name="api-clarity"),
    path("", include("tandem.api.checks")),
    path("", include("tandem.api.lexicon")),
    path("", include("tandem.api.directory")),
    path("", include("tandem.api.directory_export")),
    path("", include("tandem.api.reference")),
    path("", include("tandem.api.reviews")),
    path("", include("tandem.api.events")),
    path("", include("tandem.api.events_catalogue")),
    path("", include("tandem.api.event_claims")),
    path("", include("tandem.api.event_files")),
    path("", include("tandem.api.event_registrations")),
    path("", include("tandem.api.event_management")),
    path("", include("tandem.api.governance")),
    path("", include("tandem.api.governance_public")),
    path("", include("tandem.api.incubator")),
    path("", include("tandem.api.reporting")),
    path("", include("tandem.api.involvement")),
]
