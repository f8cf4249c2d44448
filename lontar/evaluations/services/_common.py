"""Checks shared by the evaluation services."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from lontar.assessments import scoring
from lontar.assessments.tree import FrameworkTree
from lontar.evaluations import permissions
from lontar.evaluations.models import Submission


def require_manager(actor: Any) -> None:
    """Managers (province admin / tim_koordinasi, superusers); ``None`` is the system (commands)."""
    if actor is not None and not permissions.is_manager(actor):
        raise PermissionDenied(_("Only the province's evaluation managers can do this."))


def require_team(actor: Any, organisation: Any) -> None:
    if actor is not None and not permissions.is_team(actor, organisation):
        raise PermissionDenied(_("Only the instansi's own team can do this."))


def require_assigned(actor: Any, submission: Submission) -> None:
    if actor is not None and not permissions.is_assigned(actor, submission):
        raise PermissionDenied(_("Only an asesor assigned to this instansi can review it."))


def clean_value(tree: FrameworkTree, number: str, value: Any) -> Decimal | None:
    """A level (or an external figure) checked against the framework; None clears it."""
    if value is None or value == "":
        return None
    try:
        decimal = Decimal(str(value))
        fraction = Fraction(decimal)
    except (InvalidOperation, ValueError, TypeError, OverflowError) as exc:
        raise ValidationError(_("The level must be a number."), code="invalid") from exc
    problems = scoring.check_values(tree, {number: fraction})
    messages: Mapping[str, str] = {
        "unknown": _("Indicator %(number)s is not part of this framework."),
        "range": _("Level %(value)s of indicator %(number)s is outside the scale %(low)s–%(high)s."),
        "not_integer": _("Indicator %(number)s takes a whole level."),
    }
    for _number, problem in problems:
        raise ValidationError(
            messages[problem] % {"number": number, "value": value, "low": tree.level_min, "high": tree.level_max},
            code=problem,
        )
    if decimal.as_tuple().exponent < -3:  # type: ignore[operator]
        raise ValidationError(_("A figure takes at most three decimals."), code="precision")
    return decimal


def lock_submission(submission: Submission) -> Submission:
    """Re-read the submission under a row lock (inside the caller's transaction)."""
    return (
        Submission.objects.select_for_update()
        .select_related("cycle", "cycle__framework", "organisation")
        .get(pk=submission.pk)
    )
