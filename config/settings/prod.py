"""Production: every secret must come from the environment; nothing insecure is defaulted."""

from django.core.exceptions import ImproperlyConfigured

from config.env import env
from config.settings.base import *  # noqa: F403
from config.settings.base import SECRET_KEY

DEBUG = False
if not SECRET_KEY or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("LONTAR_SECRET_KEY must be set to at least 50 random characters.")

SECURE_SSL_REDIRECT = env.bool("LONTAR_SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("LONTAR_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
