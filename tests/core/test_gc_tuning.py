"""The serving process tunes the garbage collector once the app is loaded (lontar.core.gc_tuning)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_wsgi_entry_point_freezes_the_loaded_app_and_raises_the_threshold():
    code = (
        "import gc, sys; import config.wsgi; "
        "print(gc.get_threshold()[0], gc.get_freeze_count() > 100000, 'lontar.ppid.views.public' in sys.modules)"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["50000", "True", "True"]
