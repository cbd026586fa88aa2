"""Benchmark settings: the real settings, plus a minimal view served through the same stack."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
DEBUG = False
TEMPLATES[0]["OPTIONS"]["debug"] = False  # noqa: F405
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
LOGGING = {"version": 1, "disable_existing_loggers": True}
