"""Changes of state in the assessments app (one service per change, each with its audit event)."""

from lontar.assessments.services.frameworks import (
    FrameworkLoadOutcome,
    FrameworkLocked,
    framework_load,
    framework_lock,
)

__all__ = ["FrameworkLoadOutcome", "FrameworkLocked", "framework_load", "framework_lock"]
