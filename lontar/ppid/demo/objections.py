"""Sample keberatan on sample requests that have a ground, some answered, some disputed."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from lontar.audit.services import audit_record
from lontar.ppid.choices import (
    Channel,
    DisputeStage,
    ObjectionDecision,
    ObjectionStatus,
    RequesterResponse,
    Status,
)
from lontar.ppid.demo.requests import Generator
from lontar.ppid.models import (
    Dispute,
    InformationRequest,
    Objection,
    RequestEvent,
)
from lontar.ppid.rules import deadlines
from lontar.ppid.rules import objections as objection_rules
from lontar.ppid.services.objections import request_facts

OBJECTION_TEXT = "Pemohon keberatan atas penanganan permohonan ini (data contoh)."
ANSWERS = {
    ObjectionDecision.UPHELD: "Keberatan diterima; PPID diperintahkan memberikan informasi (data contoh).",
    ObjectionDecision.PARTLY_UPHELD: "Keberatan diterima sebagian (data contoh).",
    ObjectionDecision.REJECTED: "Keberatan ditolak; informasi tetap dikecualikan (data contoh).",
}


class ObjectionGenerator:
    """Sample keberatan (and some disputes) on the sample requests that have a ground."""

    def __init__(self, generator: Generator) -> None:
        self.g = generator

    def _grounds(self, req: InformationRequest, filed: dt.date) -> list[str]:
        facts = request_facts(req)
        return [
            o.ground for o in objection_rules.options(facts, filed, self.g.holidays) if o.available and o.ground != "b"
        ]

    def maybe_object(self, req: InformationRequest) -> Objection | None:
        rng, g = self.g.rng, self.g
        notice = getattr(req, "notice", None)
        arose = notice.issued_on if notice else req.effective_due_on
        filed = g.add(arose, rng.randint(1, 20))
        grounds = self._grounds(req, filed) if filed <= g.today else []
        if not grounds:
            return None
        objection = Objection.objects.create(
            request=req,
            number=f"{req.number}/KEB-1",
            grounds=grounds[: rng.randint(1, 2)],
            explanation=OBJECTION_TEXT,
            channel=rng.choice([Channel.ONLINE, Channel.WALK_IN]),
            filed_on=filed,
            filed_at=timezone.make_aware(dt.datetime.combine(filed, dt.time(11, 0))),
            ground_arose_on=arose,
            answer_due_on=g.add(filed, deadlines.OBJECTION_ANSWER_DAYS),
            is_sample=True,
        )
        self._event(req, "objection_filed", filed, objection.number)
        self._answer(objection)
        return objection

    def _event(self, req: InformationRequest, action: str, day: dt.date, note: str) -> None:
        at = timezone.make_aware(dt.datetime.combine(day, dt.time(16, 0)))
        RequestEvent.objects.create(
            request=req,
            action=action,
            from_status=req.status,
            to_status=req.status,
            note=note,
            note_is_public=True,
            at=at,
        )

    def _answer(self, objection: Objection) -> None:
        rng, g = self.g.rng, self.g
        answered = g.add(objection.filed_on, rng.randint(5, 34))
        if answered > g.today or rng.random() < 0.1:
            return  # still waiting, or the atasan never answered (lapsed)
        objection.status = ObjectionStatus.ANSWERED
        objection.decision = rng.choice(list(ObjectionDecision))
        objection.answer = ANSWERS[objection.decision]
        objection.answered_on = answered
        objection.atasan_name = "Sekretaris Daerah (data contoh)"
        objection.dispute_deadline_on = g.add(answered, deadlines.DISPUTE_WINDOW_DAYS)
        disputed = objection.decision != ObjectionDecision.UPHELD and rng.random() < 0.4
        objection.requester_response = RequesterResponse.DISPUTE if disputed else RequesterResponse.ACCEPTED
        objection.save()
        self._event(objection.request, "objection_answered", answered, objection.number)
        if disputed:
            self._dispute(objection)

    def _dispute(self, objection: Objection) -> None:
        rng, g = self.g.rng, self.g
        registered = min(g.today, g.add(objection.answered_on, rng.randint(2, 14)))  # type: ignore[arg-type]
        decided = g.add(registered, rng.randint(30, 120))
        done = decided <= g.today
        Dispute.objects.create(
            objection=objection,
            registered_on=registered,
            register_number=f"KI-NTT/{registered.year}/{rng.randint(1, 300):03d} (data contoh)",
            stage=DisputeStage.DECIDED if done else rng.choice([DisputeStage.MEDIATION, DisputeStage.ADJUDICATION]),
            outcome="Putusan Komisi Informasi (data contoh)." if done else "",
            decided_on=decided if done else None,
            is_sample=True,
        )


@transaction.atomic
def load_sample_objections(*, seed: int = 2026, share: float = 0.35) -> int:
    """Keberatan on a share of the sample requests that have a ground (skipped when present)."""
    if Objection.objects.filter(is_sample=True).exists():
        return 0
    generator = ObjectionGenerator(Generator(seed=seed, today=timezone.localdate(), days=760))
    candidates = (
        InformationRequest.objects.filter(is_sample=True)
        .exclude(status__in=[Status.WITHDRAWN, Status.INCOMPLETE])
        .select_related("notice", "public_body")
        .order_by("id")
    )
    written = 0
    for req in candidates:
        if not _objectable(req):
            continue
        if generator.g.rng.random() < share and generator.maybe_object(req):
            written += 1
    audit_record(action="ppid.sample_data.loaded", data={"objections": written, "seed": seed})
    return written


def _objectable(req: InformationRequest) -> bool:
    """Refused, partly refused, with a fee, answered late, or never answered."""
    notice = getattr(req, "notice", None)
    if notice is None:
        return req.status in (Status.RECEIVED, Status.ASSIGNED) and req.effective_due_on < timezone.localdate()
    late = notice.issued_on > req.effective_due_on
    return notice.decision in objection_rules.REFUSING or notice.cost > 0 or late
