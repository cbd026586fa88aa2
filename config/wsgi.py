import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

from tandem.core.bodylimit import bounded_chunked_bodies

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

# A body sent in chunks, without a length, is read up to REQUEST_BODY_MAX_BYTES only.
application = bounded_chunked_bodies(get_wsgi_application())

# Import every view now (the URLconf), then move the objects loaded at start-up (about 185,000:
# Django, the apps, their modules) out of the garbage collector's reach: they live as long as
# the process. Left in, each full collection walks them all and stops a worker for tens of
# milliseconds, and every request queued behind it waits (bench/web.py's p99). With
# `tandem serve` (gunicorn, preload) this runs once before the workers fork, so they also keep
# sharing those pages of memory (the Python documentation of gc.freeze).
get_resolver().url_patterns  # noqa: B018 - imports the views
gc.freeze()
