"""Which submissions an actor may see and act on (the rules of :mod:`lontar.evaluations.permissions`)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from lontar.evaluations import permissions
from lontar.evaluations.models import Submission


class SubmissionPolicy:
    """Managers see every submission; the instansi's own team its own; an asesor those assigned."""

    def visible(self, actor: Any) -> QuerySet[Submission]:
        qs = Submission.objects.select_related("cycle", "cycle__framework", "organisation", "organisation__region")
        if not getattr(actor, "is_authenticated", False):
            return qs.none()
        if permissions.is_manager(actor):
            return qs
        visible = permissions.TEAM.condition(actor) or Q(pk__in=[])
        if permissions.holds_asesor_role(actor):
            visible |= Q(assignments__asesor=actor)
        return qs.filter(visible).distinct()

    def can(self, actor: Any, action: str, record: Submission) -> bool:
        """``view``; ``manage`` (managers); ``edit`` (the own team); ``review`` (an assigned asesor)."""
        if action == "manage":
            return permissions.is_manager(actor)
        if action == "edit":
            return permissions.TEAM.allows(actor, record)
        if action == "review":
            return permissions.is_assigned(actor, record)
        if action == "view":
            return any(self.can(actor, a, record) for a in ("manage", "edit", "review"))
        raise ValueError(action)


submission_policy = SubmissionPolicy()
