"""The Laporan Hasil Evaluasi (LHE) as an issued document (:mod:`lontar.core.documents`).

What is LHE-specific: its number (``LHE-<year>-<submission>-<random>``), the canonical JSON of the
reported result (instansi, cycle, indices and levels) whose SHA-256 is printed inside, its
template and its verification page ``/evaluasi/verifikasi/<number>/``.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from django.utils import timezone

from lontar.assessments import planner
from lontar.assessments.tree import Band
from lontar.core import documents
from lontar.evaluations.choices import STAGE_ORDER, CycleScope
from lontar.evaluations.models import Cycle, Submission
from lontar.evaluations.selectors.results import SubmissionResult
from lontar.organisations.models import Organisation, OrganisationKind
from lontar.organisations.selectors import region_instansi


def new_number(submission: Submission) -> str:
    """``LHE-<year>-<submission id>-<6 random characters>``: unique and not guessable."""
    return f"LHE-{submission.cycle.year}-{submission.pk:05d}-{documents.random_code(6)}"


def verify_url(number: str) -> str:
    return documents.absolute_url("evaluations:verify", number)


def canonical_result(result: SubmissionResult, number: str) -> dict[str, Any]:
    sub = result.submission
    return {
        "number": number,
        "instansi": sub.organisation.slug,
        "cycle": {
            "id": sub.cycle_id,
            "framework": sub.cycle.framework.code,
            "version": sub.cycle.framework.version,
            "year": sub.cycle.year,
        },
        "index": str(result.validated.index),
        "predikat": sub.final_predikat,
        "nodes": [[n.kind, n.number, str(n.validated.index)] for n in result.nodes],
        "levels": [[row.number, str(row.validated)] for row in result.rows],
    }


def content_digest(result: SubmissionResult, number: str) -> str:
    return documents.content_digest(canonical_result(result, number))


@dataclass(frozen=True)
class Recommendation:
    """The fewest level steps (the gap planner) that bring the index to the next predikat band."""

    band: Band
    plan: planner.Plan
    #: (number, indicator name, final level, level to reach)
    steps: tuple[tuple[str, str, Fraction, Fraction], ...] = ()


def next_band(bands: tuple[Band, ...], current: Band | None) -> Band | None:
    higher = [b for b in bands if current is None or b.lower > current.lower]
    return min(higher, key=lambda b: b.lower) if higher else None


def recommendation(result: SubmissionResult) -> Recommendation | None:
    if not result.validated.answered:
        return None
    band = next_band(result.tree.bands, result.validated.predikat)
    if band is None:
        return None
    plan = planner.plan(result.tree, result.validated_values(), Fraction(band.lower))
    names = {row.number: row.node.name for row in result.rows}
    steps = tuple((st.indicator, names.get(st.indicator, ""), st.start, st.end) for st in plan.steps)
    return Recommendation(band, plan, steps)


def asesor_notes(result: SubmissionResult) -> list[tuple[str, str, str]]:
    """(number, indicator, note) of every indicator with an asesor note, latest stage first per indicator."""
    out = []
    for row in result.rows:
        reviews = sorted(row.answer.reviews.all(), key=lambda r: STAGE_ORDER.index(r.stage), reverse=True)
        note = next((r.note.strip() for r in reviews if r.note.strip()), "")
        if note:
            out.append((row.number, row.node.name, note))
    return out


def _instansi(org: Organisation) -> Organisation:
    return org if org.kind == OrganisationKind.INSTANSI or org.parent is None else org.parent


def issuing_body(cycle: Cycle) -> Organisation | None:
    """The evaluating body that issues the LHE: its letterhead and signatory go on the document.

    The province runs the evaluation of the province and the kabupaten/kota (its tim koordinasi
    and asesor), so the province issues their LHE. An internal round of one instansi's own OPD (a
    kabupaten evaluating its perangkat daerah) is issued by that instansi. None when neither can be
    found (the LHE then names no signatory).
    """
    participants = [
        _instansi(s.organisation)
        for s in cycle.submissions.select_related(
            "organisation__parent__region__parent", "organisation__region__parent"
        )
    ]
    own = {org.pk: org for org in participants}
    if cycle.scope == CycleScope.OPD and len(own) == 1:
        return next(iter(own.values()))
    for org in own.values():
        if org.is_province:
            return org
    for org in own.values():
        province = org.region.parent
        if province is not None:
            found = region_instansi(province)
            if found is not None:
                return found
    return None


def render_pdf(result: SubmissionResult, *, number: str, digest: str, issued_by: str) -> documents.RenderedPdf:
    """The LHE as PDF (rendered before the transaction that records it)."""
    context = {
        "result": result,
        "submission": result.submission,
        "number": number,
        "digest": digest,
        "issued_at": timezone.localtime(),
        "issued_by": issued_by,
        "notes": asesor_notes(result),
        "recommendation": recommendation(result),
        "issuer": issuing_body(result.submission.cycle),
    }
    return documents.render_pdf("evaluations/lhe_pdf.html", context, number=number, verify_url=verify_url(number))
