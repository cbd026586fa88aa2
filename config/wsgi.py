import os

from django.core.wsgi import get_wsgi_application

from tandem.core.bodylimit import bounded_chunked_bodies

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

# A body sent in chunks, without a length, is read up to REQUEST_BODY_MAX_BYTES only.
application = bounded_chunked_bodies(get_wsgi_application())
