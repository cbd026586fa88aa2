from django.urls import URLPattern, path

from tandem.reporting.views import involvement

urlpatterns: list[URLPattern] = [
    path(
        "organizations/<int:pk>/involvement/",
        involvement.involvement,
        name="involvement",
    ),
    path(
        "organizations/<int:pk>/involvement.<str:ext>",
        involvement.involvement_download,
        name="involvement_download",
    ),
]
