"""Changes of state in the assessments app (one service per change, each with its audit event)."""

from lontar.assessments.services.frameworks import (
    FrameworkLoadOutcome,
    FrameworkLocked,
    framework_load,
    framework_lock,
    questions_import,
)
from lontar.assessments.services.results import ImportOutcome, published_results_import

__all__ = [
    "FrameworkLoadOutcome",
    "FrameworkLocked",
    "ImportOutcome",
    "framework_load",
    "framework_lock",
    "published_results_import",
    "questions_import",
]
