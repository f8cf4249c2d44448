"""Process tuning for serving: the garbage collector.

CPython's default thresholds (700, 10, 10) make a full (generation 2) collection run every few
Django requests once the app is loaded; each walks every object of the loaded project and took
100–200 ms on the PPID register and report pages (``bench/ppid.py``), most of their p95. After
start-up the loaded modules, URL patterns and templates live as long as the process, so they are
moved out of the collector's sight (``gc.freeze``) and the young generation is collected less often.
Memory cycles are still collected; only the rhythm changes.
"""

from __future__ import annotations

import gc

#: generation 0 threshold raised from 700; the older generations keep their defaults
GC_THRESHOLDS = (50_000, 20, 20)


def tune_gc() -> None:
    """Collect once, freeze what start-up allocated, and set the serving thresholds."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


def load_and_tune() -> None:
    """Import every view (the URL patterns) before freezing, so they are frozen too; then tune."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018  (imports every URLconf and view module)
    tune_gc()
