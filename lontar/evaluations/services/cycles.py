"""Opening and finalising cycles, stage deadlines, asesor assignments."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lontar.accounts.models import Role
from lontar.accounts.permissions import scope_for
from lontar.assessments.models import Framework
from lontar.assessments.selectors import framework_indicators
from lontar.audit.services import audit_record
from lontar.evaluations import handoffs, permissions
from lontar.evaluations.choices import CycleScope, CycleState, SubmissionState
from lontar.evaluations.models import Answer, Assignment, Cycle, Submission
from lontar.evaluations.services._common import require_manager
from lontar.organisations.models import Organisation, OrganisationKind

DEADLINE_FIELDS = ("self_assessment_due", "document_review_due", "interview_due", "visit_due", "result_due")


def _check_deadlines(deadlines: dict[str, dt.date | None]) -> None:
    unknown = set(deadlines) - set(DEADLINE_FIELDS)
    if unknown:
        raise ValueError(f"unknown deadline fields: {sorted(unknown)}")
    previous: dt.date | None = None
    for field in DEADLINE_FIELDS:
        value = deadlines.get(field)
        if value is None:
            continue
        if previous is not None and value < previous:
            raise ValidationError(
                _("Stage deadlines must follow the order of the stages (each on or after the one before)."),
                code="deadline_order",
            )
        previous = value


def _check_participants(scope: str, participants: Sequence[Organisation]) -> None:
    if not participants:
        raise ValidationError(_("Choose at least one participating organisation."), code="no_participants")
    kind = OrganisationKind.OPD if scope == CycleScope.OPD else OrganisationKind.INSTANSI
    wrong = [org.name for org in participants if org.kind != kind or not org.is_active]
    if wrong:
        raise ValidationError(
            _("These organisations cannot take part in this cycle: %(names)s.") % {"names": ", ".join(wrong[:5])},
            code="participants",
        )


def cycle_open(
    *,
    actor: Any,
    framework: Framework,
    year: int,
    name: str,
    participants: Sequence[Organisation],
    scope: str = CycleScope.INSTANSI,
    deadlines: dict[str, dt.date | None] | None = None,
    is_sample: bool = False,
) -> Cycle:
    """Open a cycle: one submission per participant, one empty answer per indicator of the framework."""
    require_manager(actor)
    deadlines = deadlines or {}
    if not 2000 <= year <= 2100:
        raise ValidationError(_("The year must lie between 2000 and 2100."), code="year")
    if not name.strip():
        raise ValidationError(_("The cycle needs a name."), code="name")
    _check_deadlines(deadlines)
    _check_participants(scope, participants)
    indicators = framework_indicators(framework)
    if not indicators:
        raise ValidationError(_("This framework has no indicators."), code="empty_framework")
    try:
        with transaction.atomic():
            cycle = Cycle.objects.create(
                framework=framework,
                year=year,
                name=name.strip()[:200],
                scope=scope,
                is_sample=is_sample,
                opened_by=actor if getattr(actor, "is_authenticated", False) else None,
                **deadlines,
            )
            submissions = Submission.objects.bulk_create(
                [Submission(cycle=cycle, organisation=org) for org in dict.fromkeys(participants)]
            )
            if not all(s.pk for s in submissions):  # backends without RETURNING ids
                submissions = list(cycle.submissions.all())
            Answer.objects.bulk_create(
                [Answer(submission=s, node=node, number=node.number) for s in submissions for node in indicators],
                batch_size=2000,
            )
            audit_record(
                action="evaluations.cycle.opened",
                actor=actor,
                target=cycle,
                data={
                    "framework": framework.code,
                    "version": framework.version,
                    "year": year,
                    "participants": len(submissions),
                    "sample": is_sample,
                },
            )
    except IntegrityError as exc:
        raise ValidationError(
            _("A cycle with this name already exists for this framework and year."), code="duplicate"
        ) from exc
    return cycle


def cycle_set_deadlines(*, actor: Any, cycle: Cycle, deadlines: dict[str, dt.date | None]) -> Cycle:
    require_manager(actor)
    _check_deadlines(deadlines)
    with transaction.atomic():
        cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
        if cycle.is_final:
            raise ValidationError(_("This cycle is final and cannot change."), code="final")
        for field in DEADLINE_FIELDS:
            setattr(cycle, field, deadlines.get(field))
        cycle.save()
        audit_record(
            action="evaluations.cycle.deadlines_changed",
            actor=actor,
            target=cycle,
            data={field: deadlines.get(field) for field in DEADLINE_FIELDS},
        )
    return cycle


def cycle_finalise(*, actor: Any, cycle: Cycle) -> tuple[Cycle, bool]:
    """Publish a cycle once every result in it is final. Returns (cycle, changed); twice is harmless."""
    require_manager(actor)
    with transaction.atomic():
        cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
        if cycle.is_final:
            return cycle, False
        pending = list(
            cycle.submissions.exclude(state=SubmissionState.FINAL)
            .select_related("organisation")
            .values_list("organisation__name", flat=True)[:6]
        )
        if pending:
            raise ValidationError(
                _("Results not final yet: %(names)s.") % {"names": ", ".join(pending)}, code="pending"
            )
        cycle.state = CycleState.FINAL
        cycle.finalised_at = timezone.now()
        cycle.save(update_fields=["state", "finalised_at", "updated_at"])
        audit_record(
            action="evaluations.cycle.finalised",
            actor=actor,
            target=cycle,
            data={"submissions": cycle.submissions.count()},
        )
        handoffs.cycle_finalised(cycle)
    return cycle, True


def assignment_create(*, actor: Any, submission: Submission, asesor: Any) -> Assignment:
    """Assign an asesor (a user holding the asesor role, not of the instansi's own team). Idempotent."""
    require_manager(actor)
    if scope_for(asesor, [Role.ASESOR]).is_empty:
        raise ValidationError(_("%(user)s does not hold the asesor role.") % {"user": asesor}, code="not_asesor")
    if permissions.is_team(asesor, submission.organisation):
        raise ValidationError(
            _("%(user)s belongs to the team of %(org)s and cannot assess it.")
            % {"user": asesor, "org": submission.organisation},
            code="conflict_of_interest",
        )
    if submission.is_final:
        raise ValidationError(_("This result is final."), code="final")
    with transaction.atomic():
        assignment, created = Assignment.objects.get_or_create(
            submission=submission, asesor=asesor, defaults={"assigned_by": actor}
        )
        if created:
            audit_record(
                action="evaluations.assignment.created",
                actor=actor,
                organisation=submission.organisation,
                target=submission,
                data={"asesor": asesor.email},
            )
            handoffs.asesor_assigned(submission, asesor)
    return assignment


def assignment_remove(*, actor: Any, assignment: Assignment) -> None:
    require_manager(actor)
    submission = assignment.submission
    if submission.is_final:
        raise ValidationError(_("This result is final."), code="final")
    with transaction.atomic():
        email = assignment.asesor.email
        assignment.delete()
        audit_record(
            action="evaluations.assignment.removed",
            actor=actor,
            organisation=submission.organisation,
            target=submission,
            data={"asesor": email},
        )
