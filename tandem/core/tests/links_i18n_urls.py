"""URLconfs for test_links whose links depend on the language."""

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _


def page(request):  # pragma: no cover - never served
    return HttpResponse()


urlpatterns = i18n_patterns(path("page/", page, name="page"))


class Translated:
    """A route marked for translation, without a language prefix."""

    urlpatterns = [path(_("Legal notice"), page, name="page")]
