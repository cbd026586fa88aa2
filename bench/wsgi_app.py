"""The production WSGI application (config.wsgi), with the benchmark's settings."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

from config.wsgi import application  # noqa: F401 - what gunicorn serves
