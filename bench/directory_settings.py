"""bench.settings with persistent database connections (CONN_MAX_AGE), to measure what the
directory's search page gains when SQLite connections are not reopened on every request."""

from bench.settings import *  # noqa: F403

DATABASES["default"]["CONN_MAX_AGE"] = 600  # noqa: F405
