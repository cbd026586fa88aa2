"""Tandem settings: one file, driven by environment variables (docs/operator-guide.md lists them).

SQLite and in-process everything by default; PostgreSQL, Redis, object storage and a database
task worker when the environment says so. `TANDEM_ENV=production` refuses unsafe values.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("TANDEM_VAR_DIR", str(BASE_DIR / "var")))

TANDEM_ENV = env_str("TANDEM_ENV", "demo")
if TANDEM_ENV not in {"demo", "production", "test"}:
    raise ImproperlyConfigured("TANDEM_ENV must be demo, production or test")
PRODUCTION = TANDEM_ENV == "production"
DEMO_SECRET_KEY = "tandem-demo-secret-key-not-for-production-use-0123456789abcdef"  # noqa: S105

SECRET_KEY = env_str("SECRET_KEY", DEMO_SECRET_KEY)
# Off unless asked for (DEBUG=1), in the demo too: `make run` may face real visitors, and a debug
# page shows settings, code and data to anyone.
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"]
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# E-mail links outside a request (tandem.core.site): in a request, the request's own address.
# `tandem serve` sets it from --host and --port when the environment does not.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

# Who publishes the site, for the public pages (legal notice, privacy, accessibility, contact).
# The demo's values say they are the demo's (docs/operator-guide.md: set them before opening).
CONTACT_EMAIL = env_str("CONTACT_EMAIL", "contact@tandem.example.org")
DPO_EMAIL = env_str("DPO_EMAIL", "dpo@tandem.example.org")
PUBLISHER = env_str("PUBLISHER", "")  # name and postal address of the publishing body
PUBLICATION_DIRECTOR = env_str("PUBLICATION_DIRECTOR", "")
HOSTING_PROVIDER = env_str("HOSTING_PROVIDER", "")  # name, address and telephone of the host

# Demo mode: demo accounts exist and may skip the second factor so that a visitor can try
# every role. Never in production.
DEMO_MODE = env_bool("TANDEM_DEMO", not PRODUCTION)

INSTALLED_APPS = [
    # The technical admin, signed in through allauth (throttle, lock, second factor) only.
    "tandem.accounts.admin_apps.TandemAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    "tandem.core",
    "tandem.documents",
    "tandem.accounts",
    "tandem.directory",
    "tandem.checks",
    "tandem.events",
    "tandem.governance",
    "tandem.reviews",
    "tandem.incubator",
    "tandem.reporting",
    "tandem.api",
]

MIDDLEWARE = [
    # The security headers first, so that every answer carries them, even those given before
    # the view (413, 503).
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Before anything that reads the body (sessions, CSRF, views): a body over
    # REQUEST_BODY_MAX_BYTES is refused unread; the four above only add headers.
    "tandem.core.bodylimit.RequestBodyLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "tandem.core.middleware.DatabaseUnavailableMiddleware",
    # After the host is checked (ALLOWED_HOSTS, in CommonMiddleware's get_host): e-mail links.
    "tandem.core.site.RequestSiteMiddleware",
    # Facts read once per request (a GRAM mandate today): tandem.core.request_memo.
    "tandem.core.request_memo.RequestMemoMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "tandem.accounts.middleware.RequireSecondFactorMiddleware",
    "tandem.accounts.middleware.UserLanguageMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        # Django's engine, whose `{% load i18n %}` loads Django's library with a cheaper
        # `{% translate "…" %}` (tandem/core/template_engine.py, templatetags/translations.py).
        "BACKEND": "tandem.core.template_engine.Templates",
        "NAME": "django",  # the name libraries look for (drf-spectacular's pages, for one)
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tandem.core.context_processors.tandem",
                "tandem.accounts.context_processors.second_factor",
            ],
            # `{% url %}` with its reversal kept per process (tandem/core/links.py says why
            # that is safe); the same tag and syntax as Django's, which it replaces.
            "builtins": ["tandem.core.templatetags.links"],
        },
    }
]

# --- Database -------------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL", "")
if DATABASE_URL:
    # Health checks: a connection kept from an earlier request is tried before use, so a
    # database restart costs no request a 503 once it is back (seen in the topology test).
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL,
            conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
            conn_health_checks=True,
        )
    }
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        # Parameters sent apart from the query text, and a statement run five times on a
        # connection is prepared (planned once). Needs a session-level pooler, if any
        # (docs/operator-guide.md).
        _prepare_threshold = env_int("DB_PREPARE_THRESHOLD", 5)
        DATABASES["default"].setdefault("OPTIONS", {}).update(
            server_side_binding=env_bool("DB_SERVER_SIDE_BINDING", True),
            prepare_threshold=_prepare_threshold if _prepare_threshold >= 0 else None,
        )
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env_str("SQLITE_PATH", str(VAR_DIR / "tandem.sqlite3")),
            # Each web or worker process keeps its connection: opening SQLite and setting its
            # pragmas on every request costs more than most pages' queries.
            "CONN_MAX_AGE": env_int("DB_CONN_MAX_AGE", 600),
            "CONN_HEALTH_CHECKS": True,
            # WAL and a busy timeout let the web server and the task runner share the file. A
            # 32 MB page cache per connection (SQLite's default is 2 MB) and memory-mapped reads
            # keep the directory's search index in memory: its searches took a third longer
            # with the defaults (docs/directory-benchmarks.md).
            "OPTIONS": {
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;"
                    " PRAGMA cache_size=-32000; PRAGMA mmap_size=268435456;"
                    " PRAGMA temp_store=MEMORY;"
                ),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "tandem.accounts.backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "core:home"

# --- allauth: email login, invitation-only accounts, TOTP + recovery codes -----------------
ACCOUNT_ADAPTER = "tandem.accounts.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "optional"
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_PRESERVE_USERNAME_CASING = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Tandem] "
ACCOUNT_RATE_LIMITS = {
    # Failed sign-ins (web form, admin, API token) are counted per client address and per
    # account: five failures lock the account for five minutes; an address may fail more often
    # (several people share an office's address), so one person's typos lock nobody else.
    "login_failed": env_str("LOGIN_FAILED_RATE", "20/5m/ip,5/5m/key"),
    "reset_password": "20/m/ip,5/m/key",
}
# The client's address, for every throttle (allauth's and the API's): the connection's address,
# unless TRUSTED_PROXY_COUNT proxies of ours (a load balancer, a reverse proxy) append to
# X-Forwarded-For, or the proxy writes the address in one header of its own. A client-sent
# X-Forwarded-For is never trusted by default (docs/operator-guide.md, "Behind a proxy").
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
TRUSTED_CLIENT_IP_HEADER = env_str("TRUSTED_CLIENT_IP_HEADER", "") or None
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be 0 or more")
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = TRUSTED_CLIENT_IP_HEADER
# Personal API tokens expire (days); password changes and resets revoke them.
API_TOKEN_DAYS = env_int("API_TOKEN_DAYS", 90)
if API_TOKEN_DAYS < 1:
    raise ImproperlyConfigured("API_TOKEN_DAYS must be 1 or more")
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if PRODUCTION else "http"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Tandem"
# Accept the code of the previous or next 30-second step (RFC 6238 §5.2): a code typed as the
# step changes is not refused.
MFA_TOTP_TOLERANCE = 1
MFA_RECOVERY_CODE_COUNT = 10
# Roles whose holders must have a second factor on every door: pages, the technical admin (any
# staff account), the API by session or token. Demo accounts in demo mode are exempt, visibly.
MFA_REQUIRED_ROLES = ["officer", "coordinator", "admin"]

# --- Internationalisation -----------------------------------------------------------------
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
# Our own formats first (tandem/core/formats: English times without "a.m."), then Django's.
FORMAT_MODULE_PATH = ["tandem.core.formats"]

# --- Static and media files ---------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "/media/"  # never served publicly: documents go through permission-checked views
WHITENOISE_USE_FINDERS = not PRODUCTION
STORAGE_BACKEND = env_str("STORAGE_BACKEND", "local")
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
if STORAGE_BACKEND == "s3":
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("S3_BUCKET", ""),
            "endpoint_url": env_str("S3_ENDPOINT_URL", "") or None,
            "access_key": env_str("S3_ACCESS_KEY", ""),
            "secret_key": env_str("S3_SECRET_KEY", ""),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
elif STORAGE_BACKEND != "local":
    raise ImproperlyConfigured("STORAGE_BACKEND must be local or s3")

# Upload limits: checked by tandem.core.uploads (type by content, size from here).
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_BYTES", 10 * 1024 * 1024)
# Whole request bodies: refused with 413 above this, before they are read
# (tandem.core.bodylimit). The largest form sends three documents at once (a review request).
REQUEST_BODY_MAX_BYTES = env_int("REQUEST_BODY_MAX_BYTES", 3 * UPLOAD_MAX_BYTES + 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# --- Email ------------------------------------------------------------------------------------
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.filebased.EmailBackend",
)
EMAIL_FILE_PATH = Path(env_str("EMAIL_FILE_PATH", str(VAR_DIR / "mail")))
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Tandem <no-reply@tandem.example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Cache, sessions, background tasks --------------------------------------------------------
REDIS_URL = env_str("REDIS_URL", "")
CACHES: dict[str, dict[str, Any]]
if REDIS_URL:
    # django-redis rather than Django's RedisCache: while Redis is unreachable (a restart), a
    # read is a miss and a write is skipped (logged) instead of a 500 on every page. The
    # timeouts keep a hung Redis from holding web processes.
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": env_int("REDIS_TIMEOUT", 1),
                "SOCKET_TIMEOUT": env_int("REDIS_TIMEOUT", 1),
            },
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
else:
    # Without Redis, the database cache: every process (and every machine) reads the same
    # entries, so a value made stale in one is stale in all (docs/operator-guide.md). Its table
    # is made by `tandem migrate` (tandem.core.cache.create_cache_table).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "tandem_cache",
            # Culling counts the rows on every write. A bound well above what is kept (the
            # labels, the directory's filter fragments, the sign-in throttles) and on the space
            # they take: at most about 100 MB.
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
# Sessions live in the database. With Redis they are read through the shared cache and survive
# a restart of Redis (which keeps nothing on disk); without it they are read from the database
# itself: a copy in each process's memory would keep a signed-out session alive in the other
# processes (issue 11, finding 2).
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if REDIS_URL
    else "tandem.core.sessions"  # Django's database store, its read prepared once per process
)

TASKS_BACKEND = env_str("TASKS_BACKEND", "database" if PRODUCTION else "immediate")
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend",
            "dummy": "django_tasks.backends.dummy.DummyBackend",
        }[TASKS_BACKEND]
    }
}
# `tandem task_worker` beats every TASK_WORKER_HEARTBEAT seconds; a RUNNING task whose worker
# has not beaten for TASK_WORKER_STALE_AFTER seconds is run again, at most TASK_MAX_ATTEMPTS
# times in all (tandem/core/taskworkers.py).
TASK_WORKER_HEARTBEAT = env_int("TASK_WORKER_HEARTBEAT", 10)
TASK_WORKER_STALE_AFTER = env_int("TASK_WORKER_STALE_AFTER", 60)
TASK_MAX_ATTEMPTS = env_int("TASK_MAX_ATTEMPTS", 3)

# --- Security -------------------------------------------------------------------------------
SECURE_COOKIES = env_bool("SECURE_COOKIES", PRODUCTION)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", PRODUCTION)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_HSTS_PRELOAD = PRODUCTION
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY", PRODUCTION) else None
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# A page opened from Tandem or opening it gets no handle on its window (tabnabbing).
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Everything the pages load comes from the site itself: no inline script or style, no third
# party, no plugin, never framed (tests/browser/test_content_security_policy.py reads what a
# browser refuses). One exception: the three-rule <style> block of drf-spectacular's Swagger UI
# page (/api/v1/docs), allowed by its hash; a new drf-spectacular that changes it fails that
# test rather than the page.
SWAGGER_UI_STYLE_HASH = "'sha256-MMpT0iDxyjALd9PdfepImGX3DBfJPXZ4IlDWdPAgtn0='"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", SWAGGER_UI_STYLE_HASH],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "frame-src": ["'none'"],
        "worker-src": ["'self'"],
        "manifest-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        **({"upgrade-insecure-requests": True} if PRODUCTION else {}),
    }
}
# Browser features no page uses are turned off for the site and anything it might embed.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "bluetooth",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "interest-cohort",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}

if PRODUCTION:
    problems = []
    if DEBUG:
        problems.append("DEBUG must be off")
    if SECRET_KEY == DEMO_SECRET_KEY or len(SECRET_KEY) < 50:
        problems.append("SECRET_KEY must be set to a long random value")
    if not ALLOWED_HOSTS:
        problems.append("ALLOWED_HOSTS must list the site's host names")
    if not SECURE_COOKIES:
        problems.append("cookies must be secure (SECURE_COOKIES=1)")
    if DEMO_MODE:
        problems.append("TANDEM_DEMO must be off")
    if problems:
        raise ImproperlyConfigured("Unsafe production settings: " + "; ".join(problems))

# --- REST API ---------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "tandem.accounts.authentication.BearerTokenAuthentication",
        # A session passes the same second-factor check as the pages.
        "tandem.accounts.authentication.SecondFactorSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "tandem.api.schema.AutoSchema",  # errors documented
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 25,
    "DEFAULT_THROTTLE_RATES": {"token": "10/min"},
    # The same client address as allauth's throttles (TRUSTED_PROXY_COUNT above).
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
    # One error body for the whole API, documented in the schema (tandem/api/errors.py).
    "EXCEPTION_HANDLER": "tandem.api.errors.exception_handler",
    # JSON only, whatever the Accept header: the browsable API answered a browser (errors
    # included) with HTML. The interactive documentation is /api/v1/docs.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Tandem API",
    "DESCRIPTION": "The REST API of Tandem. Authenticate with `Authorization: Bearer <token>`.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Two choice sets share the field name "place_kind": each enum named after what it places.
    "ENUM_NAME_OVERRIDES": {
        "EventPlaceKindEnum": "tandem.events.models.PlaceKind",
        "MeetingPlaceKindEnum": "tandem.api.incubator.meetings.MEETING_PLACE_CHOICES",
        # A person's language (profile, invitations) beside other fields named "language".
        "LanguageEnum": "tandem.accounts.models.Language",
        # A clarity check's: its status beside other fields named "status"; the language asked
        # for, shared by the analysis (the name it had first) and the saved checks.
        "CheckStatusEnum": "tandem.checks.models.CheckStatus",
        "ClarityRequestLanguageEnum": "tandem.checks.models.TextLanguage.values",
        # A report prepared as a PDF in the background, the activity report's and a check's:
        # where it stands, and its language (their names from the first, kept).
        "ReportPdfStatusEnum": ["absent", "pending", "running", "ready", "failed"],
        "ReportPdfLanguageEnum": ["fr", "en"],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
