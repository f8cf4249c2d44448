"""Production: every secret must come from the environment; nothing insecure is defaulted."""

from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

from config.env import env
from config.settings.base import *  # noqa: F403
from config.settings.base import FIELD_ENCRYPTION_KEYS, SECRET_KEY, SIGNING_KEY
from lontar.core.logging import logging_config
from lontar.core.signing import parse_key

DEBUG = False
# Production logs are JSON lines unless told otherwise (lontar.core.logging).
LOGGING = logging_config(env("LONTAR_LOG_FORMAT", default="json"), env("LONTAR_LOG_LEVEL", default="INFO"))
if not SECRET_KEY or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("LONTAR_SECRET_KEY must be set to at least 50 random characters.")
if not FIELD_ENCRYPTION_KEYS:
    raise ImproperlyConfigured(
        "LONTAR_FIELD_ENCRYPTION_KEYS must hold at least one Fernet key (personal data at rest)."
    )
for _position, _key in enumerate(FIELD_ENCRYPTION_KEYS, start=1):
    try:
        Fernet(_key.strip())
    except ValueError as _exc:
        raise ImproperlyConfigured(f"LONTAR_FIELD_ENCRYPTION_KEYS: key {_position} is not a Fernet key.") from _exc

if SIGNING_KEY:
    parse_key(SIGNING_KEY)  # a key that is set must be a valid one; a missing one is a deploy warning

# Public SQL on a PostgreSQL datastore runs only as the read-only role (ADR 0006).
DATASTORE_REQUIRE_READONLY_ROLE = True

SECURE_SSL_REDIRECT = env.bool("LONTAR_SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("LONTAR_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
