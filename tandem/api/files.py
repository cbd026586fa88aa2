"""The one rule for the language of the files the API returns (PDF, DOCX, XLSX, CSV,
iCalendar, SVG, JSON and HTML downloads, stored uploads too): the `?lang=fr|en` query
parameter when given, else the first of our languages in the request's `Accept-Language`
header, else the caller's preferred language (their profile's), else the site's
(`LANGUAGE_CODE`).

Every file route's view inherits `FileView` (a test holds each operation with a file
answer to it, and the schema documents `lang` on each of them): the language is chosen after
the caller is known and before anything else is judged, so that the file, its name and the
refusals (403, 404, a bad `lang`'s 400) are all in it, and the answer says it
(`Content-Language`). Outside file routes the API answers as before: in the language of
`Accept-Language` (Django's LocaleMiddleware), the profile's first for a session."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpResponseBase
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation.trans_real import language_code_re, parse_accept_lang_header
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)  # fr, en

# Only the reads (GET, and HEAD with it) answer files; a file view's writes (a signed copy's
# PUT) answer JSON in the API's usual language.
READS = ("GET", "HEAD")

LANG = OpenApiParameter(
    "lang",
    OpenApiTypes.STR,
    enum=list(LANGUAGES),
    required=False,
    description="The language of the file (its words and its name) and of the errors: this "
    "parameter when given, else the `Accept-Language` header, else your preferred language "
    "(your profile's), else the site's (French). The activity report's routes name the "
    "report's language in their path: there `lang` sets the errors' language only.",
)


def _from_header(request: Request) -> str | None:
    """The first of our languages the `Accept-Language` header asks for, by its weights (as
    Django's LocaleMiddleware reads it, without the language cookie: a program speaks with its
    headers)."""
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    for asked, _weight in parse_accept_lang_header(header):
        if asked == "*":
            return None
        if not language_code_re.search(asked):
            continue
        try:
            return translation.get_supported_language_variant(asked)
        except LookupError:
            continue
    return None


def _preferred(request: Request) -> str:
    """The caller's preferred language, else the site's."""
    user = request.user  # reading it authenticates the caller (a bad token is the usual 401)
    language = getattr(user, "language", "") if user.is_authenticated else ""
    return language if language in LANGUAGES else settings.LANGUAGE_CODE


def file_language(request: Request) -> str:
    """The language of the file `request` asks for (see the module's docstring). An unknown
    `lang` is a 400, worded in the language the rule gives without it."""
    asked = request.query_params.get("lang") or None  # `?lang=` (a form's blank) asks nothing
    if asked in LANGUAGES:
        return str(asked)
    fallback = _from_header(request) or _preferred(request)
    if asked is None:
        return fallback
    translation.activate(fallback)
    raise serializers.ValidationError(
        {
            "lang": [
                _("Choose the file's language: %(choices)s.") % {"choices": ", ".join(LANGUAGES)}
            ]
        }
    )


class FileView(APIView):
    """A view that answers a file, in the language of `file_language` (for this request
    only: the language active before it is back afterwards)."""

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponseBase:
        with translation.override(translation.get_language()):
            return super().dispatch(request, *args, **kwargs)

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        if request.method in READS:
            language = file_language(request)
            translation.activate(language)
            request._request.LANGUAGE_CODE = language
        super().initial(request, *args, **kwargs)

    def finalize_response(
        self, request: Request, response: Response, *args: Any, **kwargs: Any
    ) -> Response:
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method in READS:
            # The middlewares only add this header when it is missing (the profile's language
            # for a session, or Accept-Language's): this one says what the rule chose.
            response["Content-Language"] = translation.get_language()
        return response
