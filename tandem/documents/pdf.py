"""PDF from the same HTML as the page: a Django template (the print variant of the page's,
extending `documents/print.html`) rendered by WeasyPrint as a tagged PDF/UA-1 document.

Tagged: headings, paragraphs, lists and tables carry their structure (StructTreeRoot, MarkInfo
Marked), so that a screen reader reads the PDF as it reads the page; `lang` on `<html>` becomes
the document's /Lang and `<title>` its title. Unicode-complete: the print style sheet names
DejaVu and Liberation fonts (Debian's fonts-dejavu-core, fonts-liberation), which cover
"œ", "€", "’", "≥". WeasyPrint fetches nothing from the network: only the project's static
files and `data:` URIs."""

from __future__ import annotations

import mimetypes
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import SuspiciousFileOperation
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import translation

# The address the HTML is read from: nothing is ever fetched from it, it only makes relative
# URLs absolute so that the fetcher can recognise the static ones.
BASE_URL = "https://tandem.invalid/"
PDF_VARIANT = "pdf/ua-1"


def static_file(url: str) -> Path | None:
    """The file behind a static URL (`{% static %}`, relative to `BASE_URL` or absolute when
    STATIC_URL is), or None for any other URL."""
    prefix = urljoin(BASE_URL, settings.STATIC_URL)
    if not url.startswith(prefix):
        return None
    name = unquote(urlsplit(url[len(prefix) :]).path)
    try:
        found = finders.find(name)
        if found:
            return Path(found if isinstance(found, str) else found[0])
        if staticfiles_storage.exists(name):
            return Path(staticfiles_storage.path(name))
    except (SuspiciousFileOperation, NotImplementedError):
        return None
    return None


def _fetcher() -> Any:
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):  # type: ignore[misc]
        """Static files from disk and `data:` URIs; every other URL is refused (WeasyPrint
        logs it and goes on without the resource)."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("data:"):
                return super().fetch(url, headers)
            path = static_file(url)
            if path is None:
                raise ValueError(f"Documents fetch nothing but static files: {url}")
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})

    return StaticOnlyFetcher(allowed_protocols={"data"}, allow_redirects=False)


def render_pdf(
    template_name: str,
    context: Mapping[str, Any],
    *,
    language: str,
    request: HttpRequest | None = None,
) -> bytes:
    """The HTML template rendered in `language` (with the request's context processors when
    a request is given), as a tagged PDF/UA-1 document."""
    from weasyprint import HTML

    with translation.override(language):
        html = render_to_string(template_name, dict(context), request=request)
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=_fetcher())
    return document.write_pdf(pdf_variant=PDF_VARIANT, pdf_tags=True)  # type: ignore[no-any-return]
