"""The one place that reads the environment.

Every variable Lontar reads is declared in ``VARIABLES`` with its default and a one-line
description; ``docs/configuration.md`` documents each of them and a test fails when a variable
read here is missing from that document.
"""

from __future__ import annotations

import environ

env = environ.Env()

#: name -> short description (the long form lives in docs/configuration.md)
VARIABLES: dict[str, str] = {
    "DJANGO_SETTINGS_MODULE": "settings module (config.settings.dev|test|prod)",
    "LONTAR_SECRET_KEY": "Django secret key; required in production",
    "LONTAR_DEBUG": "debug mode (dev only)",
    "LONTAR_ALLOWED_HOSTS": "comma-separated host names",
    "LONTAR_CSRF_TRUSTED_ORIGINS": "comma-separated origins for CSRF",
    "DATABASE_URL": "main database URL",
    "DATASTORE_DATABASE_URL": "datastore database URL (published table rows)",
    "DATASTORE_READONLY_DATABASE_URL": "read-only URL (PostgreSQL role) for public datastore queries",
    "LONTAR_DATASTORE_TIME_LIMIT_MS": "time limit of one public datastore query in milliseconds",
    "LONTAR_PPID_OBJECTION_ORDER_DAYS": "working days to carry out an upheld keberatan [U]; default 10",
    "LONTAR_KONEKTIVITAS_FLAG_DISTANCE_M": "metres from a measuring device to its site before flagging; default 1000",
    "LONTAR_KONEKTIVITAS_DEVICE_HOURLY_LIMIT": "measurements one device may record per hour before refusal; default 60",
    "LONTAR_DATA_DIR": "directory for the SQLite files and uploaded media",
    "LONTAR_MEDIA_ROOT": "directory for uploaded and generated files",
    "LONTAR_STATIC_ROOT": "directory collectstatic writes to",
    "LONTAR_BASE_URL": "absolute URL of the site, used in e-mails and QR codes",
    "LONTAR_EMAIL_URL": "SMTP URL for outgoing mail",
    "LONTAR_DEFAULT_FROM_EMAIL": "sender address of outgoing mail",
    "LONTAR_REQUIRE_2FA": "require TOTP two-factor sign-in for staff roles",
    "LONTAR_LOGIN_FAILURE_LIMIT": "failed logins before a lock-out",
    "LONTAR_LOCKOUT_MINUTES": "length of a lock-out in minutes",
    "LONTAR_TRUSTED_PROXIES": "number of reverse proxies in front of the app (client address from X-Forwarded-For)",
    "LONTAR_STAFF_SESSION_IDLE_MINUTES": "staff sessions end after this many idle minutes",
    "LONTAR_STAFF_SESSION_HOURS": "staff sessions end at the latest after this many hours",
    "LONTAR_API_TOKEN_DAYS": "default lifetime of a personal API token in days",
    "LONTAR_FIELD_ENCRYPTION_KEYS": "comma-separated Fernet keys for personal data, newest first",
    "LONTAR_SIGNING_KEY": "Ed25519 private key (base64) for signing issued documents",
    "LONTAR_REDIS_URL": "Redis URL for the shared cache (rate limits); local memory if empty",
    "LONTAR_S3_BUCKET": "S3-compatible bucket for files; local disk if empty",
    "LONTAR_S3_ENDPOINT_URL": "S3-compatible endpoint",
    "LONTAR_S3_ACCESS_KEY": "S3 access key",
    "LONTAR_S3_SECRET_KEY": "S3 secret key",
    "LONTAR_S3_REGION": "S3 region name (if the provider needs one)",
    "LONTAR_S3_PREFIX": "folder in the bucket above media/ and private/; empty for the bucket's root",
    "LONTAR_S3_URL_EXPIRY": "seconds a presigned S3 URL stays valid; default 300",
    "LONTAR_S3_CONNECT_TIMEOUT": "seconds the S3 client waits for a connection; default 3",
    "LONTAR_S3_READ_TIMEOUT": "seconds the S3 client waits for an answer; default 20",
    "LONTAR_S3_MAX_ATTEMPTS": "attempts per S3 call, the first included; default 2",
    "LONTAR_REDIS_TIMEOUT": "seconds to connect to Redis and wait for an answer; default 2",
    "LONTAR_DB_CONNECT_TIMEOUT": "seconds to wait for a PostgreSQL connection; default 5",
    "LONTAR_OUTAGE_RETRY_AFTER": "Retry-After seconds of the 503 while the database or S3 is down; default 30",
    "LONTAR_PAGE_CACHE": "whole-page cache of public pages for anonymous visitors (ADR 0010); default true",
    "LONTAR_SECURITY_CONTACT": "vulnerability report contact (e-mail or https URL) for /.well-known/security.txt",
    "LONTAR_LOG_LEVEL": "log level (INFO, WARNING, ...)",
    "LONTAR_LOG_FORMAT": "json (default in production) or text log lines, both with the request id",
    "LONTAR_METRICS_ALLOWED_IPS": "client addresses or networks allowed to read /metrics; default loopback only",
    "LONTAR_METRICS_TOKEN": "bearer token that also allows reading /metrics; empty: addresses only",
    "PROMETHEUS_MULTIPROC_DIR": "empty directory per app server for metrics of several gunicorn workers",
    "LONTAR_SECURE_SSL_REDIRECT": "redirect http to https in production",
    "LONTAR_HSTS_SECONDS": "HSTS max-age in production",
    "PORT": "port `make demo` serves on",
}
