"""Test settings: fast hasher, immediate tasks, locmem mail; DATABASE_URL picks SQLite or PostgreSQL."""

from cryptography.fernet import Fernet

from config.env import env
from config.settings.base import *  # noqa: F403
from config.settings.base import DATA_DIR, FIELD_ENCRYPTION_KEYS, SIGNING_KEY
from config.settings.base import STORAGES as _BASE_STORAGES
from lontar.core.signing import new_key

SECRET_KEY = "test-only-key"  # noqa: S105
DEBUG = False
DATA_DIR.mkdir(parents=True, exist_ok=True)
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    # Local files, unless tests/s3/run.py (make test-s3) started an S3 server and set LONTAR_S3_*.
    "default": _BASE_STORAGES["default"],
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LONTAR_REQUIRE_2FA = env.bool("LONTAR_REQUIRE_2FA", default=True)
# A fresh key per test run unless the environment gives one.
FIELD_ENCRYPTION_KEYS = FIELD_ENCRYPTION_KEYS or [Fernet.generate_key().decode()]
SIGNING_KEY = SIGNING_KEY or new_key()

# Serve static files straight from the app directories (no collectstatic needed).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# /.well-known/security.txt answers only with a contact (the access matrix expects a page).
LONTAR_SECURITY_CONTACT = "keamanan@lontar.test"
