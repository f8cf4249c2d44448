"""Settings shared by every environment. Values come from the environment only (config.env)."""

from __future__ import annotations

from pathlib import Path

from config.env import env
from lontar.core.csp import DEFAULT_POLICY as CSP_DEFAULT_POLICY
from lontar.core.logging import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent.parent
DATA_DIR = Path(env("LONTAR_DATA_DIR", default=str(BASE_DIR / "var")))

SECRET_KEY = env("LONTAR_SECRET_KEY", default="")
DEBUG = env.bool("LONTAR_DEBUG", default=False)
ALLOWED_HOSTS = env.list("LONTAR_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("LONTAR_CSRF_TRUSTED_ORIGINS", default=[])
BASE_URL = env("LONTAR_BASE_URL", default="http://127.0.0.1:8000")
# RFC 9116 contact for vulnerability reports (/.well-known/security.txt); empty: the file is 404.
LONTAR_SECURITY_CONTACT = env("LONTAR_SECURITY_CONTACT", default="")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "lontar.core",
    "lontar.audit",
    "lontar.organisations",
    "lontar.accounts",
    "lontar.notifications",
    "lontar.audit_pages",
    "lontar.calendar",
    "lontar.datastore",
    "lontar.catalog",
    "lontar.assessments",
    "lontar.evaluations",
    "lontar.ppid",
    "lontar.katalog",
    "lontar.konektivitas",
    "lontar.demo",
]

MIDDLEWARE = [
    # /healthz and /readyz for load balancers: before ALLOWED_HOSTS, the SSL redirect and sessions
    "lontar.core.health.HealthCheckMiddleware",
    # request latency and database time per request; answers /metrics (allowed addresses or token)
    "lontar.core.metrics.MetricsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "lontar.core.middleware.RequestIdMiddleware",
    # Outside the page cache, so cached hits carry the header too.
    "lontar.core.csp.ContentSecurityPolicyMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    # Public pages for anonymous visitors, whole (ADR 0010): a hit skips everything below.
    "lontar.core.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "lontar.core.middleware.DefaultLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    # 413 for too large bodies / too many parameters, also with DEBUG on (before the CSRF check reads them)
    "lontar.core.middleware.RequestTooLargeMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "lontar.accounts.middleware.StaffSessionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "lontar.core.context_processors.site",
                "lontar.core.page_cache.csrf_placeholder",
            ],
        },
    }
]

_sqlite_default = f"sqlite:///{DATA_DIR / 'lontar.sqlite3'}"
_sqlite_datastore = f"sqlite:///{DATA_DIR / 'datastore.sqlite3'}"
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=_sqlite_default),
    "datastore": env.db_url("DATASTORE_DATABASE_URL", default=_sqlite_datastore),
}


#: seconds to wait for a PostgreSQL connection before the request fails (a 503, lontar.core.outage)
DB_CONNECT_TIMEOUT = env.int("LONTAR_DB_CONNECT_TIMEOUT", default=5)


def _tune(db: dict) -> dict:
    # django-environ passes ?conn_health_checks=false through as the string "false" (truthy).
    if isinstance(db.get("CONN_HEALTH_CHECKS"), str):
        db["CONN_HEALTH_CHECKS"] = db["CONN_HEALTH_CHECKS"].strip().lower() in ("1", "true", "yes", "on")
    if db["ENGINE"] == "django.db.backends.sqlite3":
        db.setdefault("OPTIONS", {})
        db["OPTIONS"].setdefault(
            "init_command",
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        )
        db["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")
        # Keep connections between requests: bench/pages.py measured about half the CPU per page.
        db.setdefault("CONN_MAX_AGE", 60)
    elif "postgresql" in db["ENGINE"]:
        db.setdefault("CONN_MAX_AGE", 60)
        db.setdefault("CONN_HEALTH_CHECKS", True)
        db.setdefault("OPTIONS", {}).setdefault("connect_timeout", DB_CONNECT_TIMEOUT)
    return db


for _db in DATABASES.values():
    _tune(_db)

DATABASE_ROUTERS = ["lontar.core.routers.DatastoreRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:dashboard"
LOGOUT_REDIRECT_URL = "core:home"

LONTAR_REQUIRE_2FA = env.bool("LONTAR_REQUIRE_2FA", default=True)
# [U] Working days the PPID has to carry out a keberatan upheld by the atasan PPID, counted from
# the decision. /work/shared/reference/ppid.md gives no figure for this step; the default reuses the
# written-notice limit of UU 14/2008 Pasal 22(7) (10 working days) until the atasan's order or the
# local SOP sets another.
PPID_OBJECTION_ORDER_DAYS = env.int("LONTAR_PPID_OBJECTION_ORDER_DAYS", default=10)
# Konektivitas measurements: a device farther than this from its site is flagged (Giga Meter flags
# "location_is_flagged" the same way, reference infrastructure.md §1.5; the distance is our choice),
# and one device may record this many measurements per hour (more is a flood: refused, 429).
KONEKTIVITAS_FLAG_DISTANCE_M = env.int("LONTAR_KONEKTIVITAS_FLAG_DISTANCE_M", default=1000)
KONEKTIVITAS_DEVICE_HOURLY_LIMIT = env.int("LONTAR_KONEKTIVITAS_DEVICE_HOURLY_LIMIT", default=60)
AXES_FAILURE_LIMIT = env.int("LONTAR_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.int("LONTAR_LOCKOUT_MINUTES", default=15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "lontar.accounts.views.lockout_response"
AXES_VERBOSE = False
#: number of reverse proxies in front of the app that append to X-Forwarded-For (lontar.core.client_ip)
LONTAR_TRUSTED_PROXIES = env.int("LONTAR_TRUSTED_PROXIES", default=0)
AXES_CLIENT_IP_CALLABLE = "lontar.core.client_ip.axes_client_ip"
#: slower lock-out per account across all clients (lontar.accounts.backoff; numbers in docs/accounts.md)
LONTAR_ACCOUNT_BACKOFF_THRESHOLD = 20
LONTAR_ACCOUNT_BACKOFF_WINDOW_HOURS = 24
#: staff sessions end when the browser closes, after this idle time, and at the latest after
#: this many hours (lontar.accounts.middleware.StaffSessionMiddleware)
LONTAR_STAFF_SESSION_IDLE_MINUTES = env.int("LONTAR_STAFF_SESSION_IDLE_MINUTES", default=30)
LONTAR_STAFF_SESSION_HOURS = env.int("LONTAR_STAFF_SESSION_HOURS", default=12)
LONTAR_API_TOKEN_DAYS = env.int("LONTAR_API_TOKEN_DAYS", default=90)

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Makassar"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env("LONTAR_STATIC_ROOT", default=str(DATA_DIR / "static")))
MEDIA_ROOT = Path(env("LONTAR_MEDIA_ROOT", default=str(DATA_DIR / "media")))
MEDIA_URL = "/media/"
#: files that are never served publicly (identity documents, delivered files): see lontar.ppid.storage
PRIVATE_FILES_ROOT = DATA_DIR / "private"

#: Fernet keys for personal data at rest, newest first (lontar.core.crypto); dev/test generate one when unset
FIELD_ENCRYPTION_KEYS = env.list("LONTAR_FIELD_ENCRYPTION_KEYS", default=[])
# Ed25519 private key (32 bytes, base64) that signs issued documents; see lontar.core.signing.
SIGNING_KEY = env("LONTAR_SIGNING_KEY", default="")

_s3_bucket = env("LONTAR_S3_BUCKET", default="")
#: S3 key prefixes (lontar.core.s3): public-data files (catalogue resources, datastore sources) and
#: private files (PPID, evaluations, imports); LONTAR_S3_PREFIX puts both below a common folder
_s3_prefix = env("LONTAR_S3_PREFIX", default="").strip("/")
S3_MEDIA_LOCATION = f"{_s3_prefix}/media".lstrip("/")
S3_PRIVATE_LOCATION = f"{_s3_prefix}/private".lstrip("/")
if _s3_bucket:
    _default_storage = {
        "BACKEND": "lontar.core.s3.MediaS3Storage",
        "OPTIONS": {
            "bucket_name": _s3_bucket,
            "endpoint_url": env("LONTAR_S3_ENDPOINT_URL", default=None),
            "access_key": env("LONTAR_S3_ACCESS_KEY", default=None),
            "secret_key": env("LONTAR_S3_SECRET_KEY", default=None),
            "region_name": env("LONTAR_S3_REGION", default=None),
            "signature_version": "s3v4",
            "default_acl": "private",
            "querystring_auth": True,
            # presigned URLs (if any view hands one out) live 5 minutes; views stream files anyway
            "querystring_expire": env.int("LONTAR_S3_URL_EXPIRY", default=300),
            # a new upload never replaces another file of the same name (as on local disk)
            "file_overwrite": False,
        },
    }
else:
    _default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": _default_storage,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

EMAIL_CONFIG = env.email_url("LONTAR_EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("LONTAR_DEFAULT_FROM_EMAIL", default="Lontar <noreply@localhost>")

#: S3 client: seconds to connect and to wait for an answer, and attempts per call, the first included
#: (botocore "standard" retries): a store that is down answers 503 in seconds (lontar.core.s3, .outage)
S3_CONNECT_TIMEOUT = env.float("LONTAR_S3_CONNECT_TIMEOUT", default=3.0)
S3_READ_TIMEOUT = env.float("LONTAR_S3_READ_TIMEOUT", default=20.0)
S3_MAX_ATTEMPTS = env.int("LONTAR_S3_MAX_ATTEMPTS", default=2)

_redis = env("LONTAR_REDIS_URL", default="")
#: seconds to connect to Redis and to wait for an answer
REDIS_TIMEOUT = env.float("LONTAR_REDIS_TIMEOUT", default=2.0)
CACHES = {
    "default": (
        {
            # Django's RedisCache, answering from per-process memory while Redis is down (fail open)
            "BACKEND": "lontar.core.redis_cache.FailOpenRedisCache",
            "LOCATION": _redis,
            "OPTIONS": {"socket_connect_timeout": REDIS_TIMEOUT, "socket_timeout": REDIS_TIMEOUT},
        }
        if _redis
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

#: seconds in the Retry-After of the 503 answered while the database or S3 is down (lontar.core.outage)
OUTAGE_RETRY_AFTER = env.int("LONTAR_OUTAGE_RETRY_AFTER", default=30)

#: whole public pages for anonymous visitors, per process, checked against the data version (ADR 0010)
PAGE_CACHE_ENABLED = env.bool("LONTAR_PAGE_CACHE", default=True)

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Datastore public queries: a read-only connection (PostgreSQL: a role with SELECT on public
# tables only; empty = the datastore URL in read-only transactions) and their time limit.
DATASTORE_READONLY_URL = env("DATASTORE_READONLY_DATABASE_URL", default="")
DATASTORE_TIME_LIMIT_MS = env.int("LONTAR_DATASTORE_TIME_LIMIT_MS", default=1000)
# ... and their size limits (ADR 0006): one value (SQLite) or row (PostgreSQL), and all the values
# of one public SQL answer; exceeding either is a 400 problem. Production refuses public SQL on
# PostgreSQL until the read-only role is configured (prod.py; `check --deploy`: lontar.E006).
DATASTORE_VALUE_MAX_BYTES = 1_000_000
DATASTORE_RESPONSE_MAX_BYTES = 10_000_000
DATASTORE_REQUIRE_READONLY_ROLE = False

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
#: sent on every answer (lontar.core.csp); no inline script or style anywhere, checked by check --deploy
CONTENT_SECURITY_POLICY = CSP_DEFAULT_POLICY
CONTENT_SECURITY_POLICY_REPORT_ONLY = False
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

#: "json" (one object per line, for log collectors) or "text"; both carry the request id (lontar.core.logging)
LOG_FORMAT = env("LONTAR_LOG_FORMAT", default="text")
#: who may read /metrics (lontar.core.metrics): these client addresses or networks, or a request
#: with "Authorization: Bearer <token>"; everybody else gets a 404
LONTAR_METRICS_ALLOWED_IPS = env.list("LONTAR_METRICS_ALLOWED_IPS", default=["127.0.0.1", "::1"])
LONTAR_METRICS_TOKEN = env("LONTAR_METRICS_TOKEN", default="")
LOGGING = logging_config(LOG_FORMAT, env("LONTAR_LOG_LEVEL", default="INFO"))

NINJA_PAGINATION_MAX_LIMIT = 500
