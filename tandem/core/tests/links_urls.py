"""Another URLconf for test_links: the site's own patterns under a prefix."""

from django.urls import include, path

urlpatterns = [path("sub/", include("config.urls"))]
