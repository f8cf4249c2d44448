"""WSGI entry point for gunicorn."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.prod")
application = get_wsgi_application()

# Serving-process garbage collector settings (lontar.core.gc_tuning): measured in bench/ppid.py.
from lontar.core.gc_tuning import load_and_tune  # noqa: E402

load_and_tune()
