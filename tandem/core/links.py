"""URL reversal, kept per process for the links a page writes again and again.

Django's `reverse` walks its pattern table on every call (about 15 µs); the signed-in home
writes 44 links (docs/benchmarks.md). What a reversal returns depends only on the URL patterns,
which are code loaded at start and never change while a process runs (Django itself keeps its
reverse table per process), and on the script prefix, the request's URLconf and the current
application, which are all part of the key, as is the language when the URLconf's patterns
depend on it (`i18n_patterns` or translated routes; Tandem's do not, so each link costs one read
of the language less). So this keeps no data that can change at run time: two processes always
agree.

Only arguments whose text cannot change are kept (integers, strings, UUIDs); a model instance
or anything else goes to Django's `reverse` each time. Failures are never kept.
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from django.conf import settings
from django.urls import URLResolver, get_resolver, get_script_prefix, get_urlconf
from django.urls import reverse as django_reverse
from django.urls.resolvers import LocalePrefixPattern
from django.utils.functional import Promise
from django.utils.translation import get_language

_PLAIN = (int, str, uuid.UUID)


@functools.lru_cache(maxsize=8192)
def _reversed(
    viewname: str,
    args: tuple[Any, ...],
    kwargs: tuple[tuple[str, Any], ...],
    current_app: str | None,
    urlconf: str | None,
    prefix: str,
    language: str | None,
) -> str:
    del prefix, language  # part of the key only: `reverse` reads them itself
    return django_reverse(
        viewname, urlconf=urlconf, args=args, kwargs=dict(kwargs), current_app=current_app
    )


@functools.lru_cache(maxsize=8)
def _language_decides(urlconf: str) -> bool:
    """Whether a link of this URLconf can differ by language: a language prefix or a route
    marked for translation anywhere in its patterns (code, read once)."""
    pending = list(get_resolver(urlconf).url_patterns)
    while pending:
        entry = pending.pop()
        pattern = entry.pattern
        if isinstance(pattern, LocalePrefixPattern):
            return True
        written = getattr(pattern, "_route", None) or getattr(pattern, "_regex", None)
        if isinstance(written, Promise):
            return True
        if isinstance(entry, URLResolver):
            pending.extend(entry.url_patterns)
    return False


def reverse(
    viewname: str,
    urlconf: str | None = None,
    args: Sequence[Any] | None = None,
    kwargs: Mapping[str, Any] | None = None,
    current_app: str | None = None,
) -> str:
    """Django's `reverse`, the same answer, kept per process when the arguments are plain."""
    positional = tuple(args) if args else ()
    named = tuple(sorted(kwargs.items())) if kwargs else ()
    plain = isinstance(viewname, str)
    for value in positional:
        plain = plain and type(value) in _PLAIN
    for _name, value in named:
        plain = plain and type(value) in _PLAIN
    if not plain:
        return django_reverse(
            viewname, urlconf=urlconf, args=positional, kwargs=dict(named), current_app=current_app
        )
    urlconf = urlconf or get_urlconf() or settings.ROOT_URLCONF
    return _reversed(
        viewname,
        positional,
        named,
        current_app,
        urlconf,
        get_script_prefix(),
        get_language() if _language_decides(urlconf) else None,
    )
