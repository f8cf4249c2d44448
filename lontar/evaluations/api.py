"""Evaluations in the API (/api/v1/evaluations): published cycles and rankings, submissions, saving a claim.

Published (final) cycles and their results are public. A submission that is not published is
answered only to its readers (own team, assigned asesor, province managers) — 404 otherwise.
Saving a claim takes the version it started from and answers 409 when somebody saved meanwhile.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router, Schema
from pydantic import Field

from lontar.accounts.api_auth import TokenAuth, VerifiedSessionAuth, token_auth
from lontar.core.api_errors import BodyIn, Problem, errors
from lontar.core.api_openapi import OPTIONAL_AUTH
from lontar.evaluations import services
from lontar.evaluations.choices import STAGE_ORDER, CycleScope
from lontar.evaluations.errors import EditConflict
from lontar.evaluations.models import Cycle
from lontar.evaluations.selectors import dashboard as board
from lontar.evaluations.selectors.results import submission_result
from lontar.evaluations.selectors.submissions import (
    answer_get,
    cycle_get_public,
    cycles_public,
    submission_get_for_actor,
    submission_get_for_result,
)

router = Router(tags=["evaluasi"])


def _anonymous(request: HttpRequest) -> bool:
    return True


#: a token or a verified session when given, anonymous otherwise (what is public stays public)
optional_auth = [TokenAuth(), VerifiedSessionAuth(), _anonymous]


class CycleOut(Schema):
    id: int
    name: str
    framework: str
    framework_version: str
    year: int
    scope: str
    state: str
    sample_data: bool
    participants: int
    dashboard_url: str


def _cycle(cycle: Cycle, participants: int | None = None) -> dict[str, Any]:
    return {
        "id": cycle.pk,
        "name": cycle.name,
        "framework": cycle.framework.code,
        "framework_version": cycle.framework.version,
        "year": cycle.year,
        "scope": cycle.scope,
        "state": cycle.state,
        "sample_data": cycle.is_sample,
        "participants": participants if participants is not None else cycle.submissions.count(),
        "dashboard_url": reverse("evaluations:dashboard", args=[cycle.pk]),
    }


@router.get("/cycles", response=list[CycleOut], summary="Published evaluation cycles")
def list_cycles(request: HttpRequest) -> list[dict[str, Any]]:
    """Every final cycle, newest first. Indices of different frameworks are not comparable."""
    return [_cycle(c, c.participant_count) for c in cycles_public()]  # type: ignore[attr-defined]  # annotate()d


class RankOut(Schema):
    rank: int
    instansi: str
    name: str
    region_code: str
    index: Decimal
    predikat: str
    previous_index: Decimal | None
    change: Decimal | None
    result_url: str


class RankingOut(Schema):
    cycle: CycleOut
    kabkota_only: bool
    previous_cycle: int | None
    rows: list[RankOut]


@router.get(
    "/cycles/{cycle_id}/ranking",
    response=RankingOut,
    auth=optional_auth,
    openapi_extra=OPTIONAL_AUTH,
    summary="Ranking of a cycle",
)
def cycle_ranking(request: HttpRequest, cycle_id: int) -> dict[str, Any]:
    """Final results of a published cycle, highest index first, with the change since the previous cycle of
    the same framework. In a province round the kab/kota are ranked among themselves."""
    cycle = cycle_get_public(request.user, cycle_id)
    kabkota = cycle.scope == CycleScope.INSTANSI
    previous = board.previous_cycle(cycle)
    return {
        "cycle": _cycle(cycle),
        "kabkota_only": kabkota,
        "previous_cycle": previous.pk if previous else None,
        "rows": [
            {
                "rank": row.rank,
                "instansi": row.organisation.slug,
                "name": row.organisation.name,
                "region_code": row.organisation.region.code,
                "index": row.index,
                "predikat": row.predikat,
                "previous_index": row.previous,
                "change": row.change,
                "result_url": reverse("evaluations:result", args=[row.submission_id]),
            }
            for row in board.ranking(cycle, kabkota_only=kabkota)
        ],
    }


class SubmissionNodeOut(Schema):
    kind: str
    number: str
    name: str
    self_index: Decimal | None
    index: Decimal | None


class IndicatorOut(Schema):
    number: str
    self_level: Decimal | None
    stages: dict[str, Decimal | None]
    validated_level: Decimal | None
    version: int


class SubmissionOut(Schema):
    id: int
    cycle: CycleOut
    instansi: str
    state: str
    self_index: Decimal | None
    index: Decimal | None
    predikat: str | None
    provisional: bool
    answered: int
    indicator_count: int
    nodes: list[SubmissionNodeOut]
    indicators: list[IndicatorOut]


def _submission(submission: Any) -> dict[str, Any]:
    data = submission_result(submission)
    return {
        "id": submission.pk,
        "cycle": _cycle(submission.cycle),
        "instansi": submission.organisation.slug,
        "state": submission.state,
        "self_index": data.self_score.index,
        "index": data.validated.index,
        "predikat": data.validated.predikat.name if data.validated.predikat else None,
        "provisional": data.provisional,
        "answered": data.self_score.answered,
        "indicator_count": data.self_score.indicator_count,
        "nodes": [
            {
                "kind": n.kind,
                "number": n.number,
                "name": n.name,
                "self_index": n.self_score.index,
                "index": n.validated.index,
            }
            for n in data.nodes
        ],
        "indicators": [
            {
                "number": row.number,
                "self_level": row.self_value,
                "stages": dict(zip(STAGE_ORDER, row.stages, strict=True)),
                "validated_level": row.validated,
                "version": row.answer.version,
            }
            for row in data.rows
        ],
    }


@router.get(
    "/submissions/{submission_id}",
    response=SubmissionOut,
    auth=optional_auth,
    openapi_extra=OPTIONAL_AUTH,
    summary="One submission",
)
def get_submission(request: HttpRequest, submission_id: int) -> dict[str, Any]:
    """Levels and indices of a submission: public once its cycle is final, otherwise for its readers only."""
    return _submission(submission_get_for_result(request.user, submission_id))


class ClaimIn(BodyIn):
    level: Decimal | None = Field(None, description="The claimed level (or figure); null clears it.")
    explanation: str = Field("", max_length=10_000)
    value_source: str = Field("", max_length=300)
    evidence: list[int] | None = Field(None, description="Evidence ids of the instansi's library; absent = unchanged.")
    version: int = Field(..., ge=0, description="The version the edit started from (from GET).")


class AnswerOut(Schema):
    number: str
    self_level: Decimal | None
    explanation: str
    value_source: str
    evidence: list[int]
    version: int


def _answer(answer: Any) -> dict[str, Any]:
    return {
        "number": answer.number,
        "self_level": answer.self_value,
        "explanation": answer.explanation,
        "value_source": answer.value_source,
        "evidence": sorted(answer.evidence.values_list("pk", flat=True)),
        "version": answer.version,
    }


@router.put(
    "/submissions/{submission_id}/answers/{number}",
    response={200: AnswerOut, **errors(403, 409)},
    auth=token_auth,
    summary="Save a claim (penilaian mandiri)",
)
def put_answer(request: HttpRequest, submission_id: int, number: str, payload: ClaimIn) -> Any:
    """The instansi's own team saves one indicator of a draft. 409 when the answer changed since ``version``
    (the body names the current version and level); 422 for a level outside the scale or a locked draft."""
    submission = submission_get_for_actor(actor=request.user, pk=submission_id)
    answer = answer_get(submission, number)
    evidence = payload.evidence if payload.evidence is not None else list(answer.evidence.values_list("pk", flat=True))
    try:
        saved = services.answer_save(
            actor=request.user,
            answer=answer,
            value=payload.level,
            explanation=payload.explanation,
            value_source=payload.value_source,
            evidence_ids=evidence,
            version=payload.version,
        )
    except EditConflict as conflict:
        raise _conflict(conflict) from conflict
    return _answer(saved)


def _conflict(conflict: EditConflict) -> Problem:
    current = conflict.current
    return Problem(
        409,
        _("Somebody saved this indicator after the version you started from."),
        _("Nothing was saved. Read the current answer and save again from its version."),
        current={
            "version": current.version,
            "self_level": str(current.self_value) if current.self_value is not None else None,
        },
    )
